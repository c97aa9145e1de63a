import { PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      // TARO_APP_* exist only when set at build time; `process` itself may not exist at run time.
      const env = (typeof process !== 'undefined' && process.env.TARO_APP_CLOUD_ENV) || undefined
      Taro.cloud.init({ env, traceUser: true })
    }
  })

  // children 是将要会渲染的页面
  return children
}

export default App
