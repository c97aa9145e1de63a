/**
 * Runs before every page suite (jest `setupFiles`): the Taro 4 adjustments that
 * @tarojs/test-utils-react 0.1.1 (written for Taro 3.6) needs. See TOOLCHAIN.md.
 */
// 1. Taro 4's runtime branches on TARO_PLATFORM; the utils only set TARO_ENV.
process.env.TARO_PLATFORM = 'web'
process.env.TARO_ENV = 'h5'

// The app runs as in a browser; the harness turns React's act() environment on only around fired events.
;(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = false

// Taro's compile-time macros, which the build would otherwise replace.
const macros = globalThis as unknown as Record<string, unknown>
macros.defineAppConfig = <T>(config: T): T => config
macros.definePageConfig = <T>(config: T): T => config

// 3. Load @tarojs/taro first: the router imported first reads `history` through an import cycle too early.
require('@tarojs/taro')

// 2. The utils call the 3.6 signature createRouter(app, config, framework); Taro 4 wants a history first.
jest.mock('@tarojs/router', () => require('./router'))
