/**
 * `@tarojs/router` for @tarojs/test-utils-react 0.1.1 (installed by env.ts through jest.mock):
 * - its `createApp()` calls the Taro 3.6 signature `createRouter(app, config, framework)`, while Taro 4
 *   wants `createRouter(history, app, config, framework)`: this adapter makes the hash history;
 * - it routes only `config.pages`: this adapter adds the pages of `subPackages` (such as
 *   admin/pages/grid-create), as Taro's H5 loader does.
 */
import { join } from 'node:path'
import type * as Router from '@tarojs/router'

const actual = jest.requireActual<typeof Router>('@tarojs/router')

type AppInstance = Parameters<typeof Router.createRouter>[1]
type RouterConfig = Parameters<typeof Router.createRouter>[2]
type Route = NonNullable<RouterConfig['routes']>[number]

interface SubPackage {
  root: string
  pages: string[]
}

/** A route that loads the page module the way the utils load the main-package pages. */
function routeOf(path: string): Route {
  return {
    path,
    load: async (context: unknown, params: unknown) => {
      const page = require(join(process.cwd(), 'src', path)).default
      return [page, context, params]
    },
  } as unknown as Route
}

function withSubPackages(config: RouterConfig): RouterConfig {
  const subPackages = (config as { subPackages?: SubPackage[] }).subPackages ?? []
  const extra = subPackages.flatMap(({ root, pages }) => pages.map((page) => routeOf(`${root}/${page}`)))
  return { ...config, routes: [...(config.routes ?? []), ...extra] }
}

module.exports = {
  ...actual,
  createRouter(app: AppInstance, config: RouterConfig, framework?: string) {
    const routed = withSubPackages(config)
    // The H5 entry that Taro's loader generates publishes the config here; tab and navigation APIs read it.
    ;(window as unknown as { __taroAppConfig: RouterConfig }).__taroAppConfig = routed
    const history = actual.createHashHistory({ window })
    return actual.createRouter(history, app, routed, framework)
  },
}
