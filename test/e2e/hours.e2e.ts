import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { createLocalPlatform } from '../../cloud/platform/local'
import { createApp } from '../../cloud/server/app'
import { configFromEnv } from '../../cloud/server/config'
import { seedDemo } from '../../cloud/server/seed'
import { createSqliteStore } from '../../cloud/store/sqlite'
import { ROOT } from '../../scripts/start'
import {
  clickCell,
  journey,
  launchBrowser,
  openAt,
  openPhone,
  pageErrors,
  screenshot,
  seeText,
  signInAs,
  tap,
  type PhonePage,
} from './browser'

/**
 * Journey (issue 15, 志愿时长): in the built H5 app, a leader shows the 签到 code, a member types its 6
 * digits on the summon's page, the leader switches to 签退 and the member types that code, the leader
 * confirms the hours after the end, and the member's 志愿时长 and certificate show them.
 *
 * Hours need time to pass: this journey runs its own local server in-process (the same createApp as
 * `npm start`, on the built dist/h5) whose clock the test moves forward — 100 minutes between sign-in and
 * sign-out, then past the end. The phones keep real time; the live code page corrects for the skew.
 */

const MINUTE = 60_000
const LEADER = 'o_demo_leader'
// A member of their own (the demo member already has seeded hours): a fresh identity with a profile.
const MEMBER = `o_e2e_hours_${Math.random().toString(36).slice(2, 8)}`
const NAME = '林小雨'
const TITLE = '测试 · 西溪湿地护绿志愿服务'

let offset = 0
const now = () => new Date(Date.now() + offset)

interface Local {
  url: string
  server: Server
  close: () => Promise<void>
  store: ReturnType<typeof createSqliteStore>
}

async function startLocal(): Promise<Local> {
  const store = createSqliteStore(':memory:')
  await seedDemo(store)
  const config = {
    ...configFromEnv({ PORT: '0', DEV_LOGIN: '1', STATIC_DIR: join(ROOT, 'dist', 'h5') }),
    adminOpenids: [],
  }
  const server = createApp({
    config,
    secret: 'e2e-hours-secret-0123456789abcdef',
    store,
    platform: createLocalPlatform(),
    now,
    log: () => undefined,
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  return { url, server, close, store }
}

/** The 6 digits the leader's screen shows now (a new code after a phase switch). */
async function shortCodeOn(page: Page, not?: string): Promise<string> {
  const handle = await page.waitForFunction(
    (old) => {
      const text = (document.querySelector('.live-code__short-code')?.textContent ?? '').replace(/\s/g, '')
      return /^\d{6}$/.test(text) && text !== old ? text : null
    },
    not ?? '',
    { timeout: 20_000 },
  )
  return (await handle.jsonValue()) as string
}

async function typeCode(page: Page, code: string): Promise<void> {
  await page.locator('input[placeholder*="6 位数字"]:visible').first().fill(code)
  await page.locator('.code-entry__submit:visible').first().click()
}

describe('journey: 签到 → 签退 → 确认时长 → 志愿时长 and certificate', () => {
  let browser: Browser
  let local: Local
  let summonId = ''
  const phones: PhonePage[] = []

  beforeAll(async () => {
    local = await startLocal()
    browser = await launchBrowser()
    // A service summon that began 10 minutes ago and lasts two hours, crediting at most 2 hours.
    const grid = (await local.store.grids.list({ q: '莲花商圈楼宇网格' }))[0]
    const start = new Date(Date.now() - 10 * MINUTE)
    const summon = await local.store.summons.create(
      {
        gridId: grid.id,
        title: TITLE,
        body: '清理步道垃圾、劝导文明游园。',
        place: '西溪湿地周家村入口',
        startAt: start.toISOString(),
        endAt: new Date(start.getTime() + 120 * MINUTE).toISOString(),
        signUpDeadline: null,
        capacity: null,
        tags: ['志愿服务'],
        hours: 2,
        planId: null,
        publishedBy: LEADER,
      },
      new Date(start.getTime() - 2 * 24 * 60 * MINUTE),
    )
    summonId = summon.id
    await local.store.users.saveProfile(MEMBER, { name: NAME, affiliation: 'none' }, new Date())
  }, 60_000)

  afterAll(async () => {
    for (const phone of phones) await phone.context.close().catch(() => undefined)
    await browser?.close()
    await local?.close()
  })

  it('credits the time between the typed 签到 and 签退 codes once the leader confirms', async () => {
    const leader = await openPhone(browser)
    const youth = await openPhone(browser)
    phones.push(leader, youth)

    let signInCode = ''
    await journey(leader, 'hours-live-in', async () => {
      await signInAs(leader.page, LEADER, {
        server: local.url,
        route: `leader/pages/live-code/index?summonId=${summonId}`,
      })
      await seeText(leader.page, TITLE)
      await seeText(leader.page, '签到码')
      signInCode = await shortCodeOn(leader.page)
      await screenshot(leader.page, 'hours-live-in')
    })

    await journey(youth, 'hours-type-in', async () => {
      await signInAs(youth.page, MEMBER, { server: local.url, route: `member/pages/summon/index?id=${summonId}` })
      await seeText(youth.page, '志愿服务 · 计入志愿时长')
      await seeText(youth.page, '输入签到 / 签退码')
      await typeCode(youth.page, signInCode)
      await seeText(youth.page, '签到成功')
    })

    // 100 minutes later, ten minutes before the end: the leader switches to 签退.
    offset = 100 * MINUTE
    let signOutCode = ''
    await journey(leader, 'hours-live-out', async () => {
      await leader.page.locator('.live-code__phase', { hasText: '签退' }).first().click()
      await seeText(leader.page, '签退码')
      signOutCode = await shortCodeOn(leader.page, signInCode)
      await screenshot(leader.page, 'hours-live-out', { docs: true })
    })

    await journey(youth, 'hours-type-out', async () => {
      await typeCode(youth.page, signOutCode)
      await seeText(youth.page, '签退成功')
      await seeText(youth.page, '计 1.5 小时，等网格长确认')
    })

    // Past the end: the roster offers 确认时长 with the computed hours first.
    offset = 125 * MINUTE
    await journey(leader, 'hours-confirm', async () => {
      await openAt(leader.page, `leader/pages/roster/index?id=${summonId}`, { server: local.url })
      await seeText(leader.page, '活动已结束，核对下面每个人的时长后点「确认时长」。')
      const row = leader.page.locator('.hours-panel__row', { hasText: NAME })
      await row.waitFor()
      expect(await row.textContent()).toContain('1.5 小时')
      await leader.page.locator('.hours-panel__confirm').click()
      await seeText(leader.page, '将为 1 人确认共 1.5 小时志愿时长')
      await screenshot(leader.page, 'hours-confirm', { docs: true })
      await leader.page.locator('.nut-dialog-footer .nut-button', { hasText: /^确认$/ }).click()
      await seeText(leader.page, '已确认 · ')
      expect(pageErrors(leader)).toEqual([])
    })

    await journey(youth, 'hours-mine', async () => {
      // 我的 on screen first: the summon page it replaces has a cell that says 计入志愿时长 too.
      await openAt(youth.page, 'pages/me/index', { server: local.url })
      await clickCell(youth.page, '志愿时长', 'hours/pages/mine/index')
      await seeText(youth.page, '/ 20 小时')
      const ring = youth.page.locator('.hours-ring__figure')
      await expect(ring.textContent()).resolves.toBe('1.5')
      const item = youth.page.locator('.hours-item', { hasText: TITLE })
      await item.waitFor()
      expect(await item.textContent()).toContain('已确认')
      await screenshot(youth.page, 'hours-mine', { docs: true })

      await tap(youth.page, youth.page.locator('.hours-mine__certificate'), 'hours/pages/certificate/index')
      await seeText(youth.page, '证明编号：')
      const table = youth.page.locator('.certificate__table')
      await table.waitFor()
      expect(await table.textContent()).toContain(TITLE)
      expect(await table.textContent()).toContain('1.5 小时')
      expect(await youth.page.locator('.certificate__statement').textContent()).toContain(NAME)
      await screenshot(youth.page, 'hours-certificate', { docs: true })
      expect(pageErrors(youth)).toEqual([])
    })
  })
})
