import { PropsWithChildren } from 'react'
import Taro, { useLaunch, usePageNotFound } from '@tarojs/taro'
import { listenForPrivacyNeeds } from './services/privacy'
import { buildEnv } from './utils/env'
import { movedPageOf, ROUTES } from './utils/routes'
import { guardSelectorQueriesDuringNavigation } from './utils/h5SelectorQuery'
import { mirrorAriaRoles } from './utils/h5AriaRole'
import './app.scss'
// H5: the signed-out redirect and the first screen, in tasks of their own before the router starts.
import './utils/startUp'

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

  // A page opened by a path from before the member pages moved to their subpackage (an older
  // notification or shared card): open it where it lives now, with its query; anything else: the not-found page.
  usePageNotFound(({ path, query }) => {
    const moved = movedPageOf(path)
    if (!moved) {
      // An unknown address (a mistyped link): a not-found page with a way home, not the last page.
      void Taro.redirectTo({ url: ROUTES.notFound(path) })
      return
    }
    const search = Object.entries(query ?? {})
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&')
    Taro.redirectTo({ url: `/${moved}${search ? `?${search}` : ''}` })
  })

  // children 是将要会渲染的页面
  return children
}

export default App
