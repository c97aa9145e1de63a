/**
 * `@tarojs/router` for @tarojs/test-utils-react 0.1.1: its `createApp()` calls the Taro 3.6 signature
 * `createRouter(app, config, framework)`, while Taro 4 wants `createRouter(history, app, config, framework)`.
 * This module is the real router with that one function adapted (installed by env.ts through jest.mock).
 */
import type * as Router from '@tarojs/router'

const actual = jest.requireActual<typeof Router>('@tarojs/router')

type AppInstance = Parameters<typeof Router.createRouter>[1]
type RouterConfig = Parameters<typeof Router.createRouter>[2]

module.exports = {
  ...actual,
  createRouter(app: AppInstance, config: RouterConfig, framework?: string) {
    // The H5 entry that Taro's loader generates publishes the config here; tab and navigation APIs read it.
    ;(window as unknown as { __taroAppConfig: RouterConfig }).__taroAppConfig = config
    const history = actual.createHashHistory({ window })
    return actual.createRouter(history, app, config, framework)
  },
}
