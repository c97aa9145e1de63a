/**
 * The page-test harness: Taro pages rendered in jsdom by @tarojs/test-utils-react over the REAL cloud
 * handlers, called in-process.
 *
 * - Each test gets a fresh in-memory SQLite store, seeded with the demo (or a given fixture).
 * - `setTransport` routes every `call(action, req)` of the pages to `dispatch(FUNCTIONS[fn], …)` with a
 *   Ctx built like the local server builds it: the identity comes from the token the app holds
 *   (`signInAs` writes a real signed token to Taro storage), never from the request.
 * - `renderPage(path, query)` boots the real app (`createApp()` with src/app and src/app.config) on the
 *   first call of a file and opens the page; later calls re-launch the router on the next page.
 * - Navigation APIs (`navigateTo`, `redirectTo`, `switchTab`, `reLaunch`, `navigateBack`) are recorded
 *   and do not leave the page under test, so a test can assert where the page wanted to go.
 *
 * Usage: `const h = setupPageHarness()` at the top of a test file, then `h.signInAs(…)`,
 * `await h.renderPage(…)`, `await h.findByText(…)`, `h.click(…)`.
 */
import type { AddressInfo } from 'node:net'
import { act } from 'react'
import TestUtils from '@tarojs/test-utils-react'
import { getHostRef } from '@stencil/core/internal/client'
import { configure, waitFor } from '@tarojs/test-utils-dom'
import Taro from '@tarojs/taro'
import type { CloudConfig, Ctx } from '../../cloud/core/context'
import { dispatch } from '../../cloud/core/dispatch'
import { FUNCTIONS, isFunctionName } from '../../cloud/functions'
import { createLocalPlatform } from '../../cloud/platform/local'
import type { Platform } from '../../cloud/platform/port'
import { createApp as createServerApp } from '../../cloud/server/app'
import { configFromEnv } from '../../cloud/server/config'
import { seedDemo } from '../../cloud/server/seed'
import { issueToken, verifyToken } from '../../cloud/server/tokens'
import { createSqliteStore } from '../../cloud/store/sqlite'
import { setTransport } from '../../src/services/call'
import { getToken, setToken } from '../../src/services/session'
import type { ActionName, Envelope, ReqOf, ResOf } from '../../types'

export const SECRET = 'page-test-secret-0123456789'

export type TestStore = ReturnType<typeof createSqliteStore>
export type Fixture = 'demo' | 'empty' | ((store: TestStore) => Promise<void>)

export interface RecordedCall {
  fn: string
  action: string
  data: unknown
  openid: string | null
  envelope: Envelope<unknown>
}

export type NavigationApi = 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack'
export interface Navigation {
  api: NavigationApi
  url?: string
}

export interface HarnessOptions {
  fixture?: Fixture
  /** Admins named by configuration (the demo seed adds its own admin to the store). */
  adminOpenids?: string[]
}

/**
 * The local platform without code images: `qrcode`'s PNG encoder takes about 4 s inside jest's VM, and the
 * contract makes `image` optional. A test that looks at the image calls `h.drawCodeImages()`.
 */
const platformWithoutImages = (): Platform => ({ ...createLocalPlatform(), codeImage: async () => undefined })

export interface PageHarness {
  /** The current test's store (fresh for every test). */
  readonly store: TestStore
  /** Every backend call the pages made in this test, with its envelope. */
  readonly calls: RecordedCall[]
  /** Every navigation the pages asked for in this test. */
  readonly navigations: Navigation[]
  /** Calls a real handler as `openid` (to arrange a test through the backend); throws on an error envelope. */
  callAs<A extends ActionName>(openid: string, action: A, req: ReqOf<A>): Promise<ResOf<A>>
  /** The envelope a real handler answers `openid` for `req` (which need not be valid). */
  envelopeAs(openid: string, action: ActionName, req: unknown): Promise<Envelope<unknown>>
  /** Holds a signed local token for `openid`, as the login page leaves it; `null` signs out. */
  signInAs(openid: string | null): void
  /** Opens `path` (e.g. `pages/me/index`) with an optional query and waits until it is shown. */
  renderPage(path: string, query?: Record<string, string>): Promise<Element>
  /** The element of the page on screen. */
  page(): Element
  findByText(text: string, selector?: string): Promise<Element>
  findAllByText(text: string, selector?: string): Promise<Element[]>
  findBySelector(selector: string): Promise<Element>
  queryByText(text: string, selector?: string): Element | null
  /**
   * Waits until `check` stops throwing (or answers a truthy value). Assert on numbers and strings inside,
   * never on elements: each failed `expect(elements)` pretty-prints them for its message, and jest takes
   * seconds of CPU per Taro element (measured: 13 CPU-seconds for 20 summon cards, while the page could
   * not render) — `waitForCount` and `waitForNoText` are the cheap forms.
   */
  waitUntil<T>(check: () => T | Promise<T>, timeout?: number): Promise<T>
  /** Waits until exactly `count` elements of the page match `selector`, and answers them. */
  waitForCount(selector: string, count: number): Promise<Element[]>
  /** Waits until no element of the page shows `text`. */
  waitForNoText(text: string, selector?: string): Promise<void>
  /** Clicks an element, or the element showing `text` (a NutUI button or cell: its clickable ancestor). */
  click(target: Element | string): Promise<void>
  /**
   * Types into a NutUI/Taro input (the native `<input>` or `<textarea>` inside `target`, an element or a
   * selector within the page), once Taro has drawn it.
   */
  type(target: Element | string, value: string): Promise<void>
  /** For this test, the local platform draws real QR code images (slow: about 4 s per image). */
  drawCodeImages(): void
  /**
   * Sets the handlers' clock (`ctx.now`) to `at`, or back to real time with null; the pages' own clock
   * stays real. For arranging scans at chosen moments through the real handlers.
   */
  setClock(at: Date | null): void
  /** Waits until the page asked for a navigation whose url contains `fragment`. */
  navigatedTo(fragment: string): Promise<Navigation>
  /** Unmounts every page of the app (React roots and their elements). */
  unmount(): void
  /** The local HTTP server (`createApp` of cloud/server) on port 0, sharing this test's store; the
   *  document moves to its origin so the app's relative `/dev/…` requests reach it. */
  startServer(): Promise<string>
}

const WAIT_MS = 10_000
/** A field's first render can queue behind the whole page's on a loaded machine (see `type`). */
const TYPE_WAIT_MS = 40_000

/**
 * Whether Stencil has rendered a Taro component and run its `componentDidLoad` (where Taro's fields attach
 * their composition and before-input listeners): the `hasLoadedComponent` flag of the host's Stencil
 * record. This build sets no `hydrated` class, so the flag is the one sign of a finished first render.
 */
const HAS_LOADED_COMPONENT = 64
const stencilLoaded = (host: Element): boolean => ((getHostRef(host)?.$flags$ ?? 0) & HAS_LOADED_COMPONENT) !== 0

/** `type` was given an element that React has since replaced: waiting cannot help. */
const DETACHED = 'the target left the page before its input was drawn: pass a selector, or find the element again'

/**
 * The app runs as in a browser (`IS_REACT_ACT_ENVIRONMENT` false: data arrives whenever the handlers
 * answer and the helpers wait for it). Only a fired event runs inside React's own `act` (the utils
 * would use the deprecated react-dom/test-utils one), so its synchronous updates are flushed at once.
 */
function inAct(work: () => void): void {
  const globals = globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT?: boolean }
  globals.IS_REACT_ACT_ENVIRONMENT = true
  try {
    act(work)
  } finally {
    globals.IS_REACT_ACT_ENVIRONMENT = false
  }
}
configure({
  eventWrapper: (fire: () => unknown) => {
    let result: unknown
    inAct(() => {
      result = fire()
    })
    return result
  },
})

// `Taro.reLaunch` before any spy: the harness opens pages with it.
const realReLaunch = Taro.reLaunch.bind(Taro)
const NAVIGATION_APIS: NavigationApi[] = ['navigateTo', 'redirectTo', 'switchTab', 'reLaunch', 'navigateBack']

const urlOf = (path: string, query: Record<string, string> = {}) => {
  const search = new URLSearchParams(query).toString()
  return `/${path.replace(/^\//, '')}${search ? `?${search}` : ''}`
}

/** The element that reacts to a tap: Taro renders NutUI buttons/cells as custom elements. */
function clickableOf(element: Element): Element {
  return element.closest('.nut-button, .nut-cell, taro-button-core, [role=button]') ?? element
}

export function setupPageHarness(options: HarnessOptions = {}): PageHarness {
  const utils = new TestUtils()
  let platform = platformWithoutImages()
  const config: CloudConfig = { secret: SECRET, adminOpenids: options.adminOpenids ?? [], liveCodeSeconds: 30 }
  // The handlers' clock: real time unless a test sets it (to arrange scans at given moments).
  let clock: Date | null = null
  const now = () => (clock ? new Date(clock) : new Date())
  let store: TestStore | null = null
  let app: Awaited<ReturnType<TestUtils['createApp']>>['app'] | null = null
  const calls: RecordedCall[] = []
  const navigations: Navigation[] = []
  const stops: (() => Promise<void>)[] = []

  const currentStore = (): TestStore => {
    if (!store) throw new Error('the page harness has no store outside a test')
    return store
  }
  const ctxFor = (openid: string | null): Ctx => ({ openid, store: currentStore(), platform, config, now })
  const log = { error: (message: string, err: unknown) => console.error(message, err) }

  // Exactly what the local server does with `POST /api/<fn>`, minus HTTP: token → openid → dispatch.
  const transport = async (fn: string, action: string, data: unknown): Promise<Envelope<unknown>> => {
    const token = getToken()
    const openid = token ? verifyToken(token, SECRET, now()) : null
    const envelope: Envelope<unknown> = !isFunctionName(fn)
      ? { ok: false, error: { code: 'NOT_FOUND', message: '没有这个云函数' } }
      : !openid
        ? { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } }
        : await dispatch(FUNCTIONS[fn], { action, data }, ctxFor(openid), log)
    // Through JSON, as over the wire: dates become strings, undefined fields disappear.
    const wire = JSON.parse(JSON.stringify(envelope)) as Envelope<unknown>
    calls.push({ fn, action, data, openid, envelope: wire })
    return wire
  }

  beforeAll(() => {
    setTransport(transport)
  })

  beforeEach(async () => {
    store = createSqliteStore(':memory:')
    const fixture = options.fixture ?? 'demo'
    // The tour only: page tests never lean on the year of history (seed-history.ts), whose figures move.
    if (fixture === 'demo') await seedDemo(store, new Date(), { history: false })
    else if (typeof fixture === 'function') await fixture(store)
    platform = platformWithoutImages()
    clock = null
    calls.length = 0
    navigations.length = 0
    setToken(null)
    for (const api of NAVIGATION_APIS) {
      jest.spyOn(Taro, api).mockImplementation(((opts?: { url?: string }) => {
        navigations.push({ api, url: opts?.url })
        return Promise.resolve({ errMsg: `${api}:ok` })
      }) as never)
    }
  })

  afterEach(async () => {
    for (const api of NAVIGATION_APIS) (Taro[api] as jest.Mock).mockRestore?.()
    while (stops.length) await stops.pop()?.()
    store?.close()
    store = null
  })

  const page = (): Element => {
    const pages = document.querySelectorAll('#app > .taro_page')
    const last = pages[pages.length - 1]
    if (!last) throw new Error('no page is on screen')
    return last
  }

  // The utils' waitFor only retries a callback that answers a promise (a synchronous throw stalls it).
  const waitUntil = <T,>(check: () => T | Promise<T>, timeout = WAIT_MS): Promise<T> =>
    waitFor(() => Promise.resolve().then(check), { timeout, interval: 20 }) as Promise<T>

  /** Elements whose own text contains `text`; those whose own text is exactly `text` come first. */
  const queryAllByText = (text: string, selector = '*'): Element[] => {
    utils.queries.setContainer(page())
    const found = utils.queries.queryAllByText(text, selector)
    const ownText = (e: Element) =>
      Array.from(e.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent)
        .join('')
        .trim()
    return [...found.filter((e) => ownText(e) === text), ...found.filter((e) => ownText(e) !== text)]
  }
  const queryByText = (text: string, selector?: string) => queryAllByText(text, selector)[0] ?? null

  const findAllByText = (text: string, selector?: string) =>
    waitUntil(() => {
      const found = queryAllByText(text, selector)
      if (!found.length) throw new Error(`「${text}」 is not on the page:\n${page().textContent?.slice(0, 2000)}`)
      return found
    })
  const findByText = async (text: string, selector?: string) => (await findAllByText(text, selector))[0]
  const waitForCount = (selector: string, count: number) =>
    waitUntil(() => {
      const found = Array.from(page().querySelectorAll(selector))
      if (found.length !== count) throw new Error(`${found.length} × ${selector} on the page, not ${count}`)
      return found
    })
  const waitForNoText = (text: string, selector?: string) =>
    waitUntil(() => {
      if (queryAllByText(text, selector).length) throw new Error(`「${text}」 is still on the page`)
    })
  const findBySelector = (selector: string) =>
    waitUntil(() => {
      const found = page().querySelector(selector)
      if (!found) throw new Error(`${selector} is not on the page:\n${page().textContent?.slice(0, 2000)}`)
      return found
    })

  /** Lets the handlers answer and React render what a user event started. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

  /** Resolves once the document has not changed for `idleMs` (at most after `maxMs`). */
  const quiet = (idleMs = 60, maxMs = 2000) =>
    new Promise<void>((resolve) => {
      let timer = setTimeout(done, idleMs)
      const limit = setTimeout(done, maxMs)
      const observer = new MutationObserver(() => {
        clearTimeout(timer)
        timer = setTimeout(done, idleMs)
      })
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true })
      function done() {
        observer.disconnect()
        clearTimeout(timer)
        clearTimeout(limit)
        resolve()
      }
    })

  const renderPage = async (path: string, query?: Record<string, string>): Promise<Element> => {
    const url = urlOf(path, query)
    const route = url.split('?')[0]
    const before = document.querySelector('#app > .taro_page:last-child')
    if (!app) {
      window.location.hash = `#${url}`
      app = (await utils.createApp()).app
    } else {
      // Let the previous page settle first: NutUI Tabs measure their titles with a selector query on the
      // next tick after each render, and once the page is gone Taro's query throws 没有找到对应的容器元素.
      await quiet()
      await realReLaunch({ url })
    }
    return waitUntil(() => {
      const current = page()
      if (current === before || !current.id.startsWith(`${route}?`)) throw new Error(`${route} is not shown yet`)
      return current
    })
  }

  const click = async (target: Element | string) => {
    const element = typeof target === 'string' ? clickableOf(await findByText(target)) : target
    utils.fireEvent.click(element)
    await settle()
  }

  /**
   * Types into the native field of a Taro <Input>/<TextArea> (or a NutUI one around it). Taro's fields are
   * Stencil custom elements: React creates the host at once, but Stencil draws the native <input> inside it
   * and attaches its listeners later, in animation frames that queue behind every other Taro element of the
   * page — on a busy machine well after the page itself shows. So this waits for that render to finish (the
   * host's `hydrated` class, set after `componentDidLoad`) rather than for a fixed poll, up to TYPE_WAIT_MS;
   * a target given as a selector is found again on each try, and a target that left the page (React replaced
   * it) fails at once with that reason instead of waiting in vain.
   */
  const type = async (target: Element | string, value: string) => {
    const fieldOf = (): Element | string => {
      const host = typeof target === 'string' ? page().querySelector(target) : target
      if (!host) return `${String(target)} is not on the page`
      if (!host.isConnected) throw new Error(DETACHED)
      const found = host.matches('input, textarea') ? host : host.querySelector('input, textarea')
      if (!found) return 'no input inside the target (Taro has not drawn it yet)'
      const field = found.closest('taro-input-core, taro-textarea-core')
      if (field && !stencilLoaded(field)) return 'the Taro field is still rendering'
      return found
    }
    const deadline = Date.now() + TYPE_WAIT_MS
    let input = fieldOf()
    while (typeof input === 'string') {
      if (Date.now() > deadline) throw new Error(`${input} after ${TYPE_WAIT_MS / 1000} s`)
      await new Promise((resolve) => setTimeout(resolve, 20))
      input = fieldOf()
    }
    ;(input as HTMLInputElement).value = value
    utils.fireEvent.input(input, { bubbles: true } as InputEventInit)
    await settle()
  }

  const navigatedTo = (fragment: string) =>
    waitUntil(() => {
      const hit = navigations.find((n) => n.url?.includes(fragment))
      if (!hit) throw new Error(`no navigation to ${fragment}: ${JSON.stringify(navigations)}`)
      return hit
    })

  const unmount = () => {
    for (const element of Array.from(document.querySelectorAll('#app > .taro_page'))) {
      inAct(() => app?.unmount?.(element.id))
      element.remove()
    }
  }

  const startServer = async (): Promise<string> => {
    const server = createServerApp({
      config: { ...configFromEnv({ PORT: '0', DEV_LOGIN: '1' }), adminOpenids: config.adminOpenids.slice() },
      secret: SECRET,
      store: currentStore(),
      platform,
      log: () => undefined,
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const globals = globalThis as unknown as { reconfigureUrl: (url: string) => void }
    globals.reconfigureUrl(`${origin}/${window.location.hash}`)
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          globals.reconfigureUrl(`http://localhost/${window.location.hash}`)
          server.close(() => resolve())
          server.closeAllConnections()
        }),
    )
    return origin
  }

  const envelopeAs = (openid: string, action: ActionName, req: unknown): Promise<Envelope<unknown>> => {
    const [fn, name] = action.split('.')
    if (!isFunctionName(fn)) throw new Error(`no function ${fn}`)
    return dispatch(FUNCTIONS[fn], { action: name, data: req }, ctxFor(openid), log)
  }

  const callAs = async <A extends ActionName>(openid: string, action: A, req: ReqOf<A>): Promise<ResOf<A>> => {
    const envelope = await envelopeAs(openid, action, req)
    if (!envelope.ok) throw new Error(`${action} failed: ${JSON.stringify(envelope.error)}`)
    return envelope.data as ResOf<A>
  }

  return {
    get store() {
      return currentStore()
    },
    calls,
    navigations,
    callAs,
    envelopeAs,
    signInAs: (openid) => setToken(openid ? issueToken(openid, SECRET, now()) : null),
    renderPage,
    page,
    findByText,
    findAllByText,
    findBySelector,
    queryByText,
    waitUntil,
    waitForCount,
    waitForNoText,
    click,
    type,
    drawCodeImages: () => {
      platform = createLocalPlatform()
    },
    setClock: (at) => {
      clock = at
    },
    navigatedTo,
    unmount,
    startServer,
  }
}
