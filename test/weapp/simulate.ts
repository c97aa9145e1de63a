/**
 * The weapp build (dist/weapp) in miniprogram-simulate: WeChat's globals that the simulator leaves to us —
 * the wx API (with wx.cloud answered by the real handlers in-process), App/getApp, and Page as a Component —
 * shared by the weapp tests. A mock runtime, not DevTools.
 */
import { join } from 'node:path'
import type { Ctx } from '../../cloud/core/context'
import { dispatch } from '../../cloud/core/dispatch'
import { FUNCTIONS } from '../../cloud/functions'
import { createLocalPlatform } from '../../cloud/platform/local'
import { seedDemo } from '../../cloud/server/seed'
import { createSqliteStore } from '../../cloud/store/sqlite'
import type { FunctionName } from '../../types'

// WEAPP_DIR points the tests at another build (e.g. an older one, to see a check fail).
export const WEAPP = process.env.WEAPP_DIR || join(__dirname, '..', '..', 'dist', 'weapp')
export type Options = Record<string, unknown> & { data?: unknown }
export type Instance = Record<string, (...args: unknown[]) => unknown>

/** A `wx.onNeedPrivacyAuthorization` listener, as the app registers it. */
export type PrivacyListener = (resolve: (option: { event: string; buttonId?: string }) => void) => void

/** WeChat's globals that the simulator leaves to us: the wx API, App/getApp, and Page as a Component. */
/** `pageQuery` is what each page's onLoad receives (a page opened with `?id=…`). */
export function installGlobals(pageQuery: Record<string, string> = {}) {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const simulate = require('miniprogram-simulate')
  const g = global as unknown as Record<string, unknown>
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const wx = require('miniprogram-simulate/src/api') as Record<string, unknown>
  // A selector query answers one result per select: an empty rect for `select`, none for `selectAll`
  // (NutUI's Tabs measure their titles this way).
  wx.createSelectorQuery = () => {
    const results: unknown[] = []
    const rect = { width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0, scrollTop: 0, scrollLeft: 0 }
    const query = {
      in: () => query,
      select: () => {
        results.push(rect)
        return query
      },
      selectAll: () => {
        results.push([])
        return query
      },
      selectViewport: () => {
        results.push(rect)
        return query
      },
      boundingClientRect: () => query,
      scrollOffset: () => query,
      fields: () => query,
      exec: (cb?: (r: unknown[]) => void) => cb?.(results),
    }
    return query
  }
  // wx.cloud: the weapp's transport, answered by the real handlers in-process (the caller is the demo member).
  const store = createSqliteStore(':memory:')
  const ready = seedDemo(store, new Date(), { history: false })
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
  // Privacy (base library 2.32.3+): the app's listener is kept so a test can raise a need for consent.
  const privacyListeners: PrivacyListener[] = []
  const privacyContracts: number[] = []
  wx.onNeedPrivacyAuthorization = (listener: PrivacyListener) => {
    privacyListeners.push(listener)
  }
  wx.openPrivacyContract = (options?: { success?: () => void }) => {
    privacyContracts.push(Date.now())
    options?.success?.()
  }
  // Share menu (动态消息): each updateShareMenu call is kept.
  const shareMenus: Record<string, unknown>[] = []
  wx.updateShareMenu = (options: Record<string, unknown> & { success?: () => void }) => {
    shareMenus.push(options)
    ;(options.success as (() => void) | undefined)?.()
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
          this.onLoad?.({ ...pageQuery })
          this.onShow?.()
        },
        ready(this: Instance) {
          this.onReady?.()
        },
      },
    })
  }
  return {
    simulate,
    app: () => app,
    cloudCalls,
    navigations,
    privacyListeners,
    privacyContracts,
    shareMenus,
    store,
    ready,
    pages: () => stack as Instance[],
  }
}
