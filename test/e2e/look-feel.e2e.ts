import type { Browser, Page } from 'playwright-core'
import { apiAs, journey, launchBrowser, openAt, openPhone, pageErrors, signInAs, type Persona } from './browser'

/**
 * Look and feel (issue 12): every persona's main screens in the built H5 app.
 *
 * 1. At 390 × 844, every tappable element is at least 44 px high (chips — NutUI tags that react to a tap —
 *    at least 32 px). Taro's H5 scales design units with the viewport: at 390 px the root font is 20.8 px,
 *    so 1 design px (750-wide) is 0.52 px and 88 design px are 45.8 px; NutUI's own px (375-wide) are 1.04.
 * 2. At 320 px wide nothing overflows: the document is not wider than the window, no element of the
 *    page reaches past its right (or left) edge, no box cuts or spills its content, and list text uses
 *    the row's width (a cell's extra column is no wider than what it shows).
 *
 * What counts as tappable: an element with a click listener that its author gave it (a View's onClick, a
 * NutUI Button, tab, segmented item, radio, checkbox …), plus links, buttons and the tab bar's items.
 * Left out, and why:
 * - NutUI Cells and Tags without an onClick of their own: NutUI wires a no-op click into every one of them
 *   (they are display rows and labels, nothing happens on a tap).
 * - Text inputs and text areas: the field's row (its cell or form item) is the target, not the bare input.
 * - The icon inside a radio, a checkbox or the search field: the radio's or checkbox's row (measured) is the
 *   target. (With the H5 build's React HTML components every NutUI icon carries a click prop.)
 * - Hidden elements (a closed popup, the inactive panes of a tab) and NutUI's overlay mask (full screen).
 * - A slider's track (`.nut-range`, 4 px): its thumb is what a finger drags (measured); the track answers
 *   taps on NutUI's band around it (a ::before, which has no box to measure).
 * - At 320 px: the content of horizontal scrollers (overflow-x auto/scroll, such as NutUI's tab titles),
 *   which scroll on purpose; toasts, popups and overlays; a slider's thumb (it sits on the track's end by
 *   design); the text inside inputs (an input scrolls its own text).
 */

export interface Screen {
  persona: Persona
  name: string
  route: string
  /** A text that shows once the screen has its data. */
  ready?: string
}

export interface Finding {
  screen: string
  what: string
  px: number
  limit: number
}

/** Measures tappable elements of the visible page (runs in the browser). */
export function measureTargets(): { what: string; kind: 'target' | 'chip'; height: number }[] {
  type Fiber = {
    type: unknown
    return: Fiber | null
    memoizedProps?: Record<string, unknown>
  }
  const fiberOf = (el: Element): Fiber | null => {
    const key = Object.keys(el).find((k) => k.startsWith('__reactFiber$'))
    return key ? ((el as unknown as Record<string, Fiber>)[key] ?? null) : null
  }
  // Taro's web components keep their listeners in `__events`; its React HTML components (the H5 build's
  // `useHtmlComponents`) hand `onClick` to React, which keeps the element's props under `__reactProps$…`.
  const hasClick = (el: Element): boolean => {
    const events = (el as unknown as { __events?: Record<string, unknown> }).__events
    if (events?.click) return true
    const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'))
    const props = key ? (el as unknown as Record<string, Record<string, unknown> | undefined>)[key] : undefined
    return typeof props?.onClick === 'function'
  }
  const PASSIVE = new Set(['NutCell', 'NutTag', 'NutImage', 'NutEmpty'])
  const TRACK = '.nut-range'
  // A click listener that its author gave: the nearest NutUI component above the element decides.
  const authored = (el: Element): boolean => {
    let f = fiberOf(el)?.return ?? null
    while (f && typeof f.type !== 'string') {
      const t = f.type as { displayName?: string; name?: string } | null
      const name = (t && (t.displayName || t.name)) || ''
      if (name.startsWith('Nut')) {
        if (!PASSIVE.has(name)) return true
        const props = f.memoizedProps ?? {}
        return typeof props.onClick === 'function' || typeof props.onClose === 'function'
      }
      f = f.return
    }
    return true
  }
  const describe = (el: Element) => {
    const cls = (el.getAttribute('class') || '').split(/\s+/).filter(Boolean).slice(0, 3).join('.')
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 16)
    return `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''} "${text}"`
  }
  const page =
    Array.from(document.querySelectorAll('.taro_page'))
      .filter((p) => p.checkVisibility())
      .pop() ?? document.body
  const tabbar = Array.from(document.querySelectorAll('.weui-tabbar__item'))
  const candidates = [...Array.from(page.querySelectorAll('*')), ...tabbar]
  const out: { what: string; kind: 'target' | 'chip'; height: number }[] = []
  for (const el of candidates) {
    if (el.closest('input, textarea, .nut-overlay, .nut-input, .nut-textarea') || el.matches(TRACK)) continue
    // The icon of a radio, a checkbox or the search field: the row around it is the target (measured itself).
    if (el.matches('.nut-icon') && el.closest('.nut-radio, .nut-checkbox, .nut-searchbar')) continue
    const native = el.matches('button, a[href], [role="button"], [role="tab"], .weui-tabbar__item')
    if (!native && !(hasClick(el) && authored(el))) continue
    const box = el.getBoundingClientRect()
    if (box.width === 0 || box.height === 0 || !el.checkVisibility({ visibilityProperty: true, opacityProperty: true }))
      continue
    // A NutUI button's inner wrapper repeats the button: the button is measured.
    if (el.parentElement?.closest('.nut-button') && !el.matches('.nut-button')) continue
    const kind = el.closest('.nut-tag') ? 'chip' : 'target'
    out.push({ what: describe(el), kind, height: Math.round(box.height * 10) / 10 })
  }
  return out
}

/**
 * At a narrow width (runs in the browser): elements of the visible page that reach past the window's
 * edges, and boxes whose content is wider than they are (cut off, or spilling out of its card).
 */
export function measureOverflow(): { scrollWidth: number; innerWidth: number; wide: string[] } {
  const page =
    Array.from(document.querySelectorAll('.taro_page'))
      .filter((p) => p.checkVisibility())
      .pop() ?? document.body
  const scrolls = (el: Element) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX
      if (o === 'auto' || o === 'scroll') return true
    }
    return false
  }
  const describe = (el: Element) => {
    const cls = (el.getAttribute('class') || '').split(/\s+/).filter(Boolean).slice(0, 2).join('.')
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 16)
    return `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''} "${text}"`
  }
  const wide: string[] = []
  const reported = new Set<Element>()
  const vw = window.innerWidth
  for (const el of Array.from(page.querySelectorAll('*'))) {
    // The outermost element that overflows is reported, not each of its children.
    if (el.parentElement && reported.has(el.parentElement)) {
      reported.add(el)
      continue
    }
    const box = el.getBoundingClientRect()
    if (box.width === 0 || box.height === 0) continue
    if (!el.checkVisibility({ visibilityProperty: true }) || scrolls(el)) continue
    if (el.closest('.nut-toast, .nut-overlay, .nut-popup, .nut-range, input, textarea')) continue
    const cs = getComputedStyle(el)
    // An ellipsis is a choice, not a cut; an input scrolls its own text.
    const clips = (cs.overflowX === 'hidden' || cs.overflowX === 'clip') && cs.textOverflow !== 'ellipsis'
    const spills = cs.overflowX === 'visible' && cs.display !== 'inline'
    if ((clips || spills) && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
      reported.add(el)
      wide.push(`${describe(el)} ${clips ? 'cuts' : 'spills'} its content (${el.scrollWidth} > ${el.clientWidth} px)`)
      continue
    }
    if (box.right <= vw + 0.5 && box.left >= -0.5) continue
    reported.add(el)
    wide.push(`${describe(el)} reaches ${Math.round(box.left)}–${Math.round(box.right)} px`)
  }
  // List text uses the row's width: a cell's extra column is no wider than what it shows.
  for (const extra of Array.from(page.querySelectorAll('.nut-cell-extra'))) {
    const box = extra.getBoundingClientRect()
    if (box.width === 0 || !extra.checkVisibility()) continue
    const range = document.createRange()
    range.selectNodeContents(extra)
    const used = range.getBoundingClientRect().width
    if (box.width - used > 24)
      wide.push(`${describe(extra)} takes ${Math.round(box.width)} px to show ${Math.round(used)} px`)
  }
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, wide }
}

/** Line spacing of the ideas' and replies' text, as a multiple of its font size (runs in the browser). */
export function measureLineSpacing(): { what: string; ratio: number }[] {
  const out: { what: string; ratio: number }[] = []
  for (const el of Array.from(document.querySelectorAll('.idea__reply-text, .idea__content'))) {
    if (!el.checkVisibility()) continue
    const range = document.createRange()
    range.selectNodeContents(el)
    const tops = Array.from(new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top))))
    if (tops.length < 2) continue
    const gap = Math.min(...tops.slice(1).map((t, i) => t - tops[i]))
    const size = parseFloat(getComputedStyle(el).fontSize)
    out.push({ what: `${el.getAttribute('class')} "${(el.textContent || '').slice(0, 12)}"`, ratio: gap / size })
  }
  return out
}

/** The number runs of free text on the page (times, ranges) and those drawn over more than one line. */
export function measureNumberRuns(): { measured: number; broken: string[] } {
  const runs = Array.from(document.querySelectorAll('.prose__number')).filter((el) => el.checkVisibility())
  const lines = (el: Element) => new Set(Array.from(el.getClientRects()).map((r) => Math.round(r.top))).size
  return { measured: runs.length, broken: runs.filter((el) => lines(el) > 1).map((el) => el.textContent ?? '') }
}

/** Opens `screen` and waits until it has its data (no skeleton, the ready text, the network quiet). */
async function show(page: Page, screen: Screen): Promise<void> {
  await openAt(page, screen.route, { server: new URL(page.url()).origin })
  await page.waitForLoadState('networkidle').catch(() => undefined)
  await page.waitForFunction(() => !document.querySelector('.page-state__loading, .nut-skeleton'))
  if (screen.ready) await page.getByText(screen.ready, { exact: false }).first().waitFor({ state: 'visible' })
  // NutUI's tabs and segmented controls settle their lines after the first paint.
  await page.waitForTimeout(300)
}

interface Ids {
  summonMine: string
  summonLed: string
  plan: string
  grid: string
  orgId: string
}

async function arrange(): Promise<Ids> {
  const mine = await apiAs<{ items: { id: string; state: string }[] }>('member', 'summons', 'list', { scope: 'mine' })
  const led = await apiAs<{ items: { id: string; state: string }[] }>('leader', 'summons', 'list', {})
  const plans = await apiAs<{ items: { id: string; ideaCount: number; adoptedCount: number }[] }>(
    'member',
    'plans',
    'list',
    {},
  )
  const grids = await apiAs<{ id: string; name: string }[]>('leader', 'grids', 'list', { q: '莲花商圈' })
  const me = await apiAs<{ org: { id: string } | null; roles: { secretaryOf: string[] } }>(
    'leader',
    'account',
    'me',
    {},
  )
  const plan = plans.items.find((p) => p.adoptedCount > 0) ?? plans.items[0]
  const open = led.items.find((s) => s.state === 'open') ?? led.items[0]
  return {
    summonMine: mine.items[0].id,
    summonLed: open.id,
    plan: plan.id,
    grid: grids[0].id,
    orgId: me.roles.secretaryOf[0] ?? me.org?.id ?? '',
  }
}

export function screensOf(ids: Ids): Screen[] {
  return [
    { persona: 'member', name: 'member 召集令', route: 'pages/summons/index' },
    { persona: 'member', name: 'member 召集令详情', route: `member/pages/summon/index?id=${ids.summonMine}` },
    { persona: 'member', name: 'member 扫码报到', route: 'pages/checkin/index' },
    { persona: 'member', name: 'member 方案', route: 'pages/plans/index' },
    { persona: 'member', name: 'member 方案详情', route: `member/pages/plan/index?id=${ids.plan}` },
    { persona: 'member', name: 'member 我的', route: 'pages/me/index' },
    { persona: 'member', name: 'member 网格', route: 'member/pages/grids/index' },
    { persona: 'member', name: 'member 网格详情', route: `member/pages/grid/index?id=${ids.grid}` },
    { persona: 'member', name: 'member 报到记录', route: 'member/pages/checkins/index' },
    { persona: 'member', name: 'member 志愿时长', route: 'hours/pages/mine/index' },
    { persona: 'member', name: 'member 我的组织', route: 'member/pages/org/index' },
    { persona: 'member', name: 'member 个人信息', route: 'member/pages/profile/index' },
    { persona: 'leader', name: 'leader 召集令', route: 'pages/summons/index' },
    { persona: 'leader', name: 'leader 我的', route: 'pages/me/index' },
    { persona: 'leader', name: 'leader 召集令详情', route: `member/pages/summon/index?id=${ids.summonLed}` },
    { persona: 'leader', name: 'leader 报名名单', route: `leader/pages/roster/index?id=${ids.summonLed}` },
    { persona: 'leader', name: 'leader 方案详情', route: `member/pages/plan/index?id=${ids.plan}` },
    { persona: 'leader', name: 'leader 发布召集令', route: 'leader/pages/summon-publish/index' },
    { persona: 'leader', name: 'leader 发布方案', route: `leader/pages/plan-edit/index?gridId=${ids.grid}` },
    { persona: 'leader', name: 'leader 网格成员', route: `leader/pages/grid-people/index?gridId=${ids.grid}` },
    { persona: 'leader', name: 'leader 组织成员', route: `org/pages/members/index?orgId=${ids.orgId}` },
    { persona: 'admin', name: 'admin 我的', route: 'pages/me/index' },
    { persona: 'admin', name: 'admin 数据总览', route: 'admin/pages/overview/index' },
    { persona: 'admin', name: 'admin 网格管理', route: `admin/pages/grid-manage/index?id=${ids.grid}` },
    { persona: 'admin', name: 'admin 创建网格', route: 'admin/pages/grid-create/index' },
    { persona: 'admin', name: 'admin 补录记录', route: 'admin/pages/hours-audit/index' },
  ]
}

const PERSONAS: Persona[] = ['member', 'leader', 'admin']

describe('look and feel: touch targets at 390 × 844, nothing wider than 320 px', () => {
  let browser: Browser
  let screens: Screen[]

  beforeAll(async () => {
    browser = await launchBrowser()
    screens = screensOf(await arrange())
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('gives every tappable element 44 px of height (chips 32 px) on a 390 × 844 phone', async () => {
    const findings: Finding[] = []
    let measured = 0
    for (const persona of PERSONAS) {
      const phone = await openPhone(browser, '')
      await journey(phone, `look-feel-targets-${persona}`, async () => {
        await signInAs(phone.page, persona)
        for (const screen of screens.filter((s) => s.persona === persona)) {
          await show(phone.page, screen)
          const targets = await phone.page.evaluate(measureTargets)
          measured += targets.length
          for (const t of targets) {
            const limit = t.kind === 'chip' ? 32 : 44
            if (t.height < limit - 0.05) findings.push({ screen: screen.name, what: t.what, px: t.height, limit })
          }
        }
      })
      expect(pageErrors(phone)).toEqual([])
      await phone.context.close()
    }
    const report = findings.map((f) => `${f.screen}: ${f.what} ${f.px} px < ${f.limit}`)
    console.log(`touch targets: ${measured} measured on ${screens.length} screens, ${findings.length} too low`)
    expect(measured).toBeGreaterThan(100)
    expect(report).toEqual([])
  })

  it('lets nothing overflow a 320 px wide screen', async () => {
    const findings: string[] = []
    for (const persona of PERSONAS) {
      const phone = await openPhone(browser, '')
      await phone.page.setViewportSize({ width: 320, height: 640 })
      await journey(phone, `look-feel-320-${persona}`, async () => {
        await signInAs(phone.page, persona)
        for (const screen of screens.filter((s) => s.persona === persona)) {
          await show(phone.page, screen)
          const { scrollWidth, innerWidth, wide } = await phone.page.evaluate(measureOverflow)
          if (scrollWidth > innerWidth) findings.push(`${screen.name}: document ${scrollWidth} px wide > ${innerWidth}`)
          for (const w of wide) findings.push(`${screen.name}: ${w}`)
        }
      })
      expect(pageErrors(phone)).toEqual([])
      await phone.context.close()
    }
    console.log(`320 px: ${findings.length} overflowing on ${screens.length} screens`)
    expect(findings).toEqual([])
  })

  it('spaces a leader’s reply as single lines, like the idea above it, and breaks no time across lines', async () => {
    const phone = await openPhone(browser, '')
    const plan = screens.find((s) => s.name === 'leader 方案详情')
    let spacing: { what: string; ratio: number }[] = []
    let numbers = { measured: 0, broken: [] as string[] }
    await journey(phone, 'look-feel-replies', async () => {
      await signInAs(phone.page, 'leader')
      if (plan) await show(phone.page, plan)
      spacing = await phone.page.evaluate(measureLineSpacing)
      numbers = await phone.page.evaluate(measureNumberRuns)
    })
    await phone.context.close()
    // Wrapped replies and ideas are on the demo plan; each line sits 1.6 of its font below the last.
    expect(spacing.filter((s) => s.what.includes('idea__reply-text')).length).toBeGreaterThan(0)
    expect(spacing.filter((s) => s.ratio > 1.8)).toEqual([])
    // The demo draft's 14:00–16:30 used to wrap as 14:00–16: / 30.
    expect(numbers.measured).toBeGreaterThan(0)
    expect(numbers.broken).toEqual([])
  })
})
