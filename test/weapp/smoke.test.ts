/**
 * Loads the real production weapp build (dist/weapp) in miniprogram-simulate — WeChat's component
 * simulator with the official WXML compiler — boots Taro's runtime and app, renders a page through Taro's
 * real templates and drives a tap. A smoke test: the simulator is a mock runtime, not DevTools.
 */
import { join } from 'node:path'
import type { Ctx } from '../../cloud/core/context'
import { dispatch } from '../../cloud/core/dispatch'
import { FUNCTIONS } from '../../cloud/functions'
import { createLocalPlatform } from '../../cloud/platform/local'
import { seedDemo } from '../../cloud/server/seed'
import { createSqliteStore } from '../../cloud/store/sqlite'
import type { FunctionName } from '../../types'

const WEAPP = join(__dirname, '..', '..', 'dist', 'weapp')
type Options = Record<string, unknown> & { data?: unknown }
type Instance = Record<string, (...args: unknown[]) => unknown>

/** WeChat's globals that the simulator leaves to us: the wx API, App/getApp, and Page as a Component. */
function installGlobals() {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const simulate = require('miniprogram-simulate')
  const g = global as unknown as Record<string, unknown>
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const wx = require('miniprogram-simulate/src/api') as Record<string, unknown>
  wx.createSelectorQuery = () => {
    const query = {
      select: () => query,
      selectAll: () => query,
      selectViewport: () => query,
      boundingClientRect: () => query,
      scrollOffset: () => query,
      fields: () => query,
      exec: (cb?: (r: unknown[]) => void) => cb?.([]),
    }
    return query
  }
  // wx.cloud: the weapp's transport, answered by the real handlers in-process (the caller is the demo member).
  const store = createSqliteStore(':memory:')
  const ready = seedDemo(store)
  const ctx = (): Ctx => ({
    openid: 'o_demo_member',
    store,
    platform: createLocalPlatform(),
    config: { secret: 'weapp-smoke', adminOpenids: [], liveCodeSeconds: 30 },
    now: () => new Date(),
  })
  const cloudCalls: string[] = []
  wx.cloud = {
    init: () => undefined,
    callFunction: async ({ name, data }: { name: FunctionName; data: { action: string } }) => {
      await ready
      cloudCalls.push(`${name}.${data.action}`)
      return { result: await dispatch(FUNCTIONS[name], data, ctx()) }
    },
  }
  const navigations: string[] = []
  for (const api of ['navigateTo', 'switchTab', 'reLaunch', 'redirectTo']) {
    wx[api] = (options: { url: string; success?: () => void }) => {
      navigations.push(options.url)
      options.success?.()
    }
  }
  g.wx = wx
  let app: Options = {}
  g.App = (options: Options) => {
    app = options
  }
  g.getApp = () => app
  const stack: unknown[] = []
  g.getCurrentPages = () => stack
  g.Page = (options: Options) => {
    const { data, ...methods } = options
    const component = g.Component as (definition: Options) => void
    component({
      data,
      methods,
      lifetimes: {
        attached(this: Instance) {
          stack.push(this)
          this.onLoad?.({})
          this.onShow?.()
        },
        ready(this: Instance) {
          this.onReady?.()
        },
      },
    })
  }
  return { simulate, app: () => app, cloudCalls, navigations }
}

describe('weapp build in miniprogram-simulate', () => {
  it('boots the app, renders 我的 from the real handlers, and follows a tap through Taro templates', async () => {
    const { simulate, app, cloudCalls, navigations } = installGlobals()
    require(join(WEAPP, 'app.js'))
    expect(typeof app().onLaunch).toBe('function')
    ;(app().onLaunch as (o: unknown) => void)({ path: 'pages/me/index', query: {} })
    const id = simulate.load(join(WEAPP, 'pages', 'me', 'index'), { rootPath: WEAPP })
    const page = simulate.render(id)
    page.attach(document.createElement('parent-wrapper'))
    for (let i = 0; i < 50 && !page.dom.textContent.includes('莲花商圈楼宇网格'); i++) await simulate.sleep(50)
    expect(cloudCalls).toContain('account.me')
    expect(page.dom.textContent).toContain('陈晓青')
    expect(page.dom.textContent).toContain('莲花商圈楼宇网格')

    const cell = page.querySelector('.me__grid')
    expect(cell).toBeTruthy()
    cell.dispatchEvent('tap')
    await simulate.sleep(50)
    expect(navigations).toEqual([expect.stringMatching(/^\/pages\/grid\/index\?id=/)])
  })
})
