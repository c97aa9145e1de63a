import { PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { listenForPrivacyNeeds } from './services/privacy'
import { buildEnv } from './utils/env'
import { guardSelectorQueriesDuringNavigation } from './utils/h5SelectorQuery'
import './app.scss'

if (process.env.TARO_ENV === 'h5') guardSelectorQueriesDuringNavigation()

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      const env = buildEnv(() => process.env.TARO_APP_CLOUD_ENV)
      Taro.cloud.init({ env, traceUser: true })
    }
    // Once for the app: whichever page calls a private API, the page that is showing draws the consent.
    listenForPrivacyNeeds()
  })

  // children 是将要会渲染的页面
  return children
}

export default App
