import { PropsWithChildren } from 'react'
import Taro, { useLaunch, usePageNotFound } from '@tarojs/taro'
import { listenForPrivacyNeeds } from './services/privacy'
import { buildEnv } from './utils/env'
import { guardSelectorQueriesDuringNavigation } from './utils/h5SelectorQuery'
import { mirrorAriaRoles } from './utils/h5AriaRole'
import { ROUTES } from './utils/routes'
import './app.scss'

if (process.env.TARO_ENV === 'h5') {
  guardSelectorQueriesDuringNavigation()
  mirrorAriaRoles()
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    if (process.env.TARO_ENV === 'weapp') {
      const env = buildEnv(() => process.env.TARO_APP_CLOUD_ENV)
      Taro.cloud.init({ env, traceUser: true })
    }
    // Once for the app: whichever page calls a private API, the page that is showing draws the consent.
    listenForPrivacyNeeds()
  })

  // An unknown address (a mistyped link, a page that moved) shows a not-found page, not the last page.
  usePageNotFound((res) => {
    void Taro.redirectTo({ url: ROUTES.notFound(res.path) })
  })

  // children 是将要会渲染的页面
  return children
}

export default App
