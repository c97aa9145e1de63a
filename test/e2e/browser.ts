import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { PERSONAS } from '../../cloud/server/seed'
import { ROOT } from '../../scripts/start'

/**
 * Shared helpers for the browser journeys: Debian's Chromium through playwright-core, a phone-sized
 * context, and small page helpers that find things by their visible Chinese text.
 */

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/** Flags for this machine: no GPU, no sandbox as root, and no background traffic to the closed network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
} as const

/** The running local server (started by global-setup, or given as E2E_BASE_URL). */
export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL
  if (!url) throw new Error('E2E_BASE_URL is not set: run the journeys with `npm run test:e2e`')
  return url.replace(/\/$/, '')
}

/** The H5 address of a page route (hash router): `appUrl('pages/me/index')`. */
export function appUrl(route = ''): string {
  return route ? `${baseUrl()}/#/${route.replace(/^\//, '')}` : `${baseUrl()}/`
}

/** Launches Chromium; Playwright gives every launch a fresh, empty user-data dir of its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS })
}

export interface PhonePage {
  context: BrowserContext
  page: Page
  /** Uncaught page errors and console errors seen so far. */
  errors: string[]
  /** Requests the page made to hosts other than the local server (the app should need none). */
  external: string[]
}

/** A fresh phone context (own storage, so own identity) with one page, optionally opened at `route`. */
export async function openPhone(browser: Browser, route?: string): Promise<PhonePage> {
  const context = await browser.newContext({ ...PHONE })
  context.setDefaultTimeout(20_000)
  const page = await context.newPage()
  // E2E_CPU_THROTTLE=4 runs the page four times slower (Chrome DevTools' CPU throttling): how the journeys
  // are checked for races with the app's own timing, as on a loaded CI machine.
  const throttle = Number(process.env.E2E_CPU_THROTTLE ?? 1)
  if (throttle > 1) {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle })
  }
  const errors: string[] = []
  const external: string[] = []
  const local = new URL(baseUrl()).host
  page.on('request', (req) => {
    const url = new URL(req.url())
    if (/^https?:$/.test(url.protocol) && url.host !== local) external.push(req.url())
  })
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`)
  })
  if (route !== undefined) await openAt(page, route)
  return { context, page, errors, external }
}

/** Only the uncaught exceptions among `errors` (console noise such as a failed image left out). */
export function pageErrors(phone: PhonePage): string[] {
  return phone.errors.filter((e) => e.startsWith('pageerror'))
}

/** The first visible element with this exact text (or containing it, with `exact: false`). */
export function byText(page: Page, text: string | RegExp, exact = true): Locator {
  return page.getByText(text, { exact }).locator('visible=true').first()
}

/** Waits until `text` is visible on the page. */
export async function seeText(page: Page, text: string | RegExp, exact = false): Promise<Locator> {
  const found = byText(page, text, exact)
  await found.waitFor({ state: 'visible' })
  return found
}

/**
 * Clicks the NutUI button labelled `label` (the `.nut-button` itself, not its inner text); with `to`, waits
 * until the app shows that route.
 */
export async function clickButton(page: Page, label: string | RegExp, to?: string): Promise<void> {
  await tap(page, page.locator('.nut-button:visible', { hasText: label }).first(), to)
}

/**
 * Clicks the NutUI cell whose title is `title` (the `.nut-cell` itself: it takes the pointer events); with
 * `to`, waits until the app shows that route.
 */
export async function clickCell(page: Page, title: string | RegExp, to?: string): Promise<void> {
  const titled = page.getByText(title, { exact: typeof title === 'string' })
  await tap(page, page.locator('.nut-cell:visible', { has: titled }).first(), to)
}

/** Clicks the visible element showing `text` (a cell, a card, a tab …). */
export async function clickText(page: Page, text: string | RegExp, exact = false): Promise<void> {
  await (await seeText(page, text, exact)).click()
}

/** Fills the input whose placeholder contains `placeholder`. */
export async function fillByPlaceholder(page: Page, placeholder: string, value: string): Promise<void> {
  await page
    .locator(`input[placeholder*="${placeholder}"]:visible, textarea[placeholder*="${placeholder}"]:visible`)
    .first()
    .fill(value)
}

/** The path part of the hash route the page shows now, e.g. `/pages/me/index`. */
export function currentRoute(page: Page): string {
  const hash = new URL(page.url()).hash.replace(/^#/, '')
  return hash.split('?')[0] || '/'
}

/**
 * Waits until the app shows `route` (e.g. 'member/pages/grids/index', a query may follow): the hash starts
 * with it, and Taro has put that route's page on screen, alone and done with its entrance — the page it
 * replaces gone or hidden — and painted it. A tap right after a navigation then reaches the new page,
 * never the one that is leaving (whose cells may hold the same words), and a redirect the app still had in
 * flight (选择身份, an alias) shows up here as the wrong page rather than as a missing text later on.
 */
export async function waitForRoute(page: Page, route: string, timeout?: number): Promise<void> {
  const wanted = `/${route.replace(/^\//, '')}`
  await page.waitForFunction(
    (r) => {
      if (!window.location.hash.replace(/^#/, '').startsWith(r)) return false
      const path = r.split('?')[0]
      const shown = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter(
        (p) => p.getClientRects().length > 0 && getComputedStyle(p).visibility !== 'hidden',
      )
      return shown.length === 1 && shown[0].id.startsWith(path) && shown[0].classList.contains('taro_page_stationed')
    },
    wanted,
    timeout === undefined ? undefined : { timeout },
  )
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  )
}

/** Both addresses in one document: the same page of the same server, at most the hash differs. */
function sameDocument(current: string, next: string): boolean {
  if (!/^https?:/.test(current)) return false
  const [a, b] = [new URL(current), new URL(next)]
  return a.origin === b.origin && a.pathname === b.pathname && a.search === b.search
}

export interface OpenOptions {
  /** Another local server than the journeys' shared one. */
  server?: string
  /** Where the app is expected to land when it redirects (e.g. an unknown address → the not-found page). */
  lands?: string
}

/**
 * Opens the app at `route` (or at a whole link of the app) as a link does — a fresh document whose first route is `route` — and waits
 * until that page is on screen (`waitForRoute`). A `page.goto` to another hash of the app's own document
 * would only fire a hashchange: it returns before Taro has switched pages, and a redirect the document
 * had started (to 选择身份, when it booted without an identity) can land after it. So the page leaves the
 * app first when it is on it.
 */
export async function openAt(page: Page, route: string, options: OpenOptions = {}): Promise<void> {
  const server = (options.server ?? baseUrl()).replace(/\/$/, '')
  // A whole link (what a QR code or 复制链接 gives) opens the same way as a route.
  const link = /^https?:/.test(route)
  const url = link ? route : route ? `${server}/#/${route.replace(/^\//, '')}` : `${server}/`
  const target = link ? new URL(route).hash.replace(/^#\/?/, '') : route
  if (sameDocument(page.url(), url)) await page.goto('about:blank')
  await page.goto(url)
  if (options.lands !== undefined || target) await waitForRoute(page, options.lands ?? target)
}

/** Reloads the page the app shows and waits until it is on screen again. */
export async function reloadPage(page: Page): Promise<void> {
  const route = currentRoute(page)
  await page.reload()
  await waitForRoute(page, route)
}

/**
 * Taps `target` once it is visible and still (Playwright's actionability checks: attached, visible,
 * stable, enabled, not covered) and, with `to`, waits until the app shows that route.
 */
export async function tap(page: Page, target: Locator, to?: string): Promise<void> {
  await target.click()
  if (to !== undefined) await waitForRoute(page, to)
}

export const SCREENSHOT_DIR = join(ROOT, 'test-results', 'screenshots')
export const DOCS_SCREENSHOT_DIR = join(ROOT, 'docs', 'screenshots')

/**
 * Saves a screenshot as test-results/screenshots/NAME.png; with `docs: true` it is also a picture of
 * the README, written to docs/screenshots/NAME.png when UPDATE_SCREENSHOTS=1 (so that a test run
 * leaves the committed pictures alone unless asked).
 */
export async function screenshot(page: Page, name: string, options: { docs?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const file = join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path: file })
  if (options.docs && process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(DOCS_SCREENSHOT_DIR, { recursive: true })
    await page.screenshot({ path: join(DOCS_SCREENSHOT_DIR, `${name}.png`) })
  }
  return file
}

/**
 * Runs the steps of a journey on `phone`; when one fails, saves a screenshot as
 * test-results/screenshots/FAILED-NAME.png and adds the page's errors to the failure.
 */
export async function journey(phone: PhonePage, name: string, steps: () => Promise<void>): Promise<void> {
  try {
    await steps()
  } catch (err) {
    const shot = await screenshot(phone.page, `FAILED-${name}`).catch(() => '(no screenshot)')
    const details = [`page: ${phone.page.url()}`, `screenshot: ${shot}`, ...phone.errors].join('\n  ')
    const failure = err instanceof Error ? err : new Error(String(err))
    // Jest prints the stack, which repeats the message: extend both.
    const head = `${failure.name}: ${failure.message}`
    const rest = failure.stack?.startsWith(head) ? failure.stack.slice(head.length) : `\n${failure.stack ?? ''}`
    failure.message = `${failure.message}\n  ${details}`
    failure.stack = `${failure.name}: ${failure.message}${rest}`
    throw failure
  }
}

/** A fresh local identity for a journey, e.g. `o_e2e_k3j9x2`. */
export function freshOpenid(prefix = 'e2e'): string {
  return `o_${prefix}_${Math.random().toString(36).slice(2, 10)}`
}

/** The demo personas of the local 选择身份 page (cloud/server/seed.ts), by role. */
export const PERSONA_OPENIDS = {
  member: 'o_demo_member',
  leader: 'o_demo_leader',
  admin: 'o_demo_admin',
} as const
export type Persona = keyof typeof PERSONA_OPENIDS

const openidOf = (who: Persona | string) => (who in PERSONA_OPENIDS ? PERSONA_OPENIDS[who as Persona] : who)

/** A dev-login token for `who` (a persona or any `o_…` identity) from the local server at `server`. */
export async function devToken(who: Persona | string, server = baseUrl()): Promise<string> {
  const openid = openidOf(who)
  const res = await fetch(`${server}/dev/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
  })
  const body = (await res.json()) as { ok: boolean; data?: { token: string } }
  if (!body.ok || !body.data) throw new Error(`dev login failed for ${openid}`)
  return body.data.token
}

/** Calls the local server's API as `who` (to arrange a journey); throws on an error envelope. */
export async function apiAs<T>(
  who: Persona | string,
  fn: string,
  action: string,
  data: unknown,
  server = baseUrl(),
): Promise<T> {
  const res = await fetch(`${server}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await devToken(who, server)}` },
    body: JSON.stringify({ action, data }),
  })
  const body = (await res.json()) as { ok: boolean; data: T; error?: { message?: string } }
  if (!body.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(body.error)}`)
  return body.data
}

/** The id of the grid called exactly `name` (the directory's search may also match others). */
export async function gridIdNamed(name: string, server = baseUrl()): Promise<string> {
  const grids = await apiAs<{ id: string; name: string }[]>('member', 'grids', 'list', { q: name }, server)
  const grid = grids.find((g) => g.name === name)
  if (!grid) throw new Error(`no grid ${name}`)
  return grid.id
}

export interface SignInOptions {
  /**
   * `picker`: tap the persona on 选择身份 as a person would (the page must be showing it, as a fresh phone
   * opened at '' does) and wait for 我的. `token` (the default): hold a dev-login token in the page's
   * storage, as 选择身份 leaves it, for any identity.
   */
  via?: 'picker' | 'token'
  /** With `token`: the route to open once signed in (`openAt`: a fresh document, waited for). */
  route?: string
  /** Another local server than the journeys' shared one (e.g. one started with other settings). */
  server?: string
}

/**
 * The one way the journeys sign in: as a demo persona (`'member'`, `'leader'`, `'admin'`) or any openid.
 *
 * With a token the app is never booted without one: the token is written on a page of the server that is
 * not the app (`/healthz`), so no 选择身份 redirect is started, and the route opens in a fresh document.
 */
export async function signInAs(page: Page, who: Persona | string, options: SignInOptions = {}): Promise<void> {
  const server = (options.server ?? baseUrl()).replace(/\/$/, '')
  if (options.via === 'picker') {
    const persona = PERSONAS.find((p) => p.openid === openidOf(who))
    if (!persona) throw new Error(`${who} is not a persona of 选择身份`)
    await waitForRoute(page, 'pages/login/index')
    await tap(page, page.locator('.login__persona', { hasText: persona.title }).first(), 'pages/me/index')
    return
  }
  const token = await devToken(who, server)
  await page.goto(`${server}/healthz`)
  // Taro's H5 storage keeps JSON `{data: …}` under the key.
  await page.evaluate((t) => localStorage.setItem('erwei.token', JSON.stringify({ data: t })), token)
  if (options.route !== undefined) await openAt(page, options.route, { server })
}

export interface Newcomer {
  openid: string
  name: string
  /** The label of the 组织类型 choice, e.g. '团员（团组织成员）'. */
  affiliation: string
  /** The 11-digit phone, with its consent ticked. */
  phone?: string
  /** The organisation's name typed as free text (for the affiliations that ask for one). */
  org?: string
  /** A screenshot of the filled-in form under this name, before it is saved. */
  screenshot?: string
}

/**
 * A new person's first steps, as the identity journey walks them: on 选择身份 (the page must be showing
 * it) type a fresh identity, answer the age question, fill in the profile and save; ends on 我的.
 */
export async function signUpNewcomer(page: Page, who: Newcomer): Promise<void> {
  await waitForRoute(page, 'pages/login/index')
  await fillByPlaceholder(page, '输入以 o_ 开头', who.openid)
  await clickButton(page, '用这个身份进入', 'member/pages/profile/index')
  // The age question comes first (PIPL art. 31): the form opens once it is answered.
  await clickText(page, '已满 14 周岁', true)
  await seeText(page, '组织类型')
  await fillByPlaceholder(page, '你的真实姓名', who.name)
  if (who.phone) {
    await fillByPlaceholder(page, '11 位手机号', who.phone)
    // The phone has its own consent, saying why it is asked.
    await clickText(page, /^我同意提供手机号/)
  }
  if (who.org) await fillByPlaceholder(page, '直接填写名称', who.org)
  await clickText(page, who.affiliation, true)
  if (who.screenshot) await screenshot(page, who.screenshot, { docs: true })
  await clickButton(page, '保存')
  await seeText(page, '已保存')
  await waitForRoute(page, 'pages/me/index')
}
