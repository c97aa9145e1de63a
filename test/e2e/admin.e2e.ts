import type { Browser, Page } from 'playwright-core'
import {
  apiAs,
  clickButton,
  clickCell,
  freshOpenid,
  launchBrowser,
  openAt,
  openPhone,
  pageErrors,
  screenshot,
  seeText,
  signInAs,
  signUpNewcomer,
  waitForRoute,
} from './browser'

/**
 * Journey (issue 6): the district admin opens 网格一张图, finds a grid that lacks its leader, invites
 * one; a newcomer opens the invite link and accepts; the grid's 四个一 turns complete on the overview.
 */

const GRID = '村村志愿服务队网格'

/** Some young people scan the 莲花商圈 poster code, so this week has check-ins. */
async function scanPosters(count: number): Promise<void> {
  const grids = await apiAs<{ id: string; name: string }[]>('o_demo_leader', 'grids', 'list', { q: '莲花商圈' })
  const { scene } = await apiAs<{ scene: string }>('o_demo_leader', 'grids', 'posterCode', { gridId: grids[0].id })
  for (let i = 0; i < count; i++) {
    const openid = freshOpenid('scan')
    await apiAs(openid, 'checkin', 'scan', { code: scene, requestId: `${openid}-poster` })
  }
}

/** The grid card of the overview whose name is exactly `name`. */
const gridCard = (page: Page, name: string) =>
  page.locator('.grid-stats', { has: page.locator('.grid-stats__name', { hasText: name }) })

/** Switches the overview to one of its tabs (网格 / 镇街 / 考核排名). */
const tab = (page: Page, title: string) =>
  page.locator('.overview__tabs .nut-tabs-titles-item', { hasText: title }).first().click()

async function showIncomplete(page: Page): Promise<void> {
  await page.locator('.overview__filter .nut-radio', { hasText: '四个一不完整' }).first().click()
}

describe('journey: 网格一张图 → invite a leader → 四个一 complete', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchBrowser()
    await scanPosters(5)
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('lets the admin find a grid without a leader, invite one, and see it complete', async () => {
    const admin = await openPhone(browser, '')
    const { page } = admin

    // 选择身份 → 区团委 → 我的 → 网格一张图.
    await signInAs(page, 'admin', { via: 'picker' })
    await clickCell(page, '网格一张图', 'admin/pages/overview/index')
    await seeText(page, '每周签到（近 12 周）')
    const note = await seeText(page, /12 周共 \d+ 人次/)
    expect(Number((await note.textContent())?.match(/共 (\d+) 人次/)?.[1])).toBeGreaterThanOrEqual(5)
    expect(Number(await page.locator('.week-chart__value').last().textContent())).toBeGreaterThanOrEqual(5)
    const completeBefore = await page.locator('.totals__card--complete .totals__value').textContent()
    await screenshot(page, 'overview', { docs: true })

    // The ranking states its weights.
    await tab(page, '考核排名')
    const weights = await page.locator('.score-ranking__weights-text').textContent()
    expect(weights?.replace(/\u00a0/g, ' ')).toBe(
      '四个一 25 · 活跃度 25 · 报名率 10 · 出勤率 15 · 采纳率 15 · 志愿时长 10',
    )
    await screenshot(page, 'overview-ranking', { docs: true })
    await tab(page, '网格')

    // 四个一不完整 → the grid lacks its leader.
    await showIncomplete(page)
    const card = gridCard(page, GRID)
    await card.waitFor()
    await card.locator('.four-ones__tag--missing', { hasText: '缺网格长' }).waitFor()
    await card.click()

    // Its management page: no leader yet; invite one.
    await waitForRoute(page, 'admin/pages/grid-manage/index')
    await seeText(page, '还没有网格长', true)
    await page.locator('.invite-panel__create').click()
    const code = (await page.locator('.invite-panel__code').textContent())?.trim() ?? ''
    expect(code).toMatch(/\S{6,}/)
    await page.locator('.invite-panel__qr').waitFor()
    await page.locator('.invite-panel').scrollIntoViewIfNeeded()
    await screenshot(page, 'grid-manage-invite', { docs: true })

    // The leader: a fresh identity with a profile opens the invite link and accepts.
    const leader = await openPhone(browser, '')
    await signUpNewcomer(leader.page, {
      openid: freshOpenid('leader'),
      name: '赵志远',
      affiliation: '团员（团组织成员）',
    })
    await openAt(leader.page, `member/pages/invite/index?code=${encodeURIComponent(code)}`)
    await seeText(leader.page, `邀请码：${code}`)
    await clickButton(leader.page, '成为网格长')
    // Accepted: the app moves on to the grid, which names the new leader (the toast may be gone by then).
    await waitForRoute(leader.page, 'member/pages/grid/index')
    await seeText(leader.page, '赵志远')

    // Back on the overview (shown again: it reloads), the grid is complete.
    await page.goBack()
    await waitForRoute(page, 'admin/pages/overview/index')
    await page.waitForFunction(
      (before) => document.querySelector('.totals__card--complete .totals__value')?.textContent !== before,
      completeBefore,
    )
    const [done, all] = (await page.locator('.totals__card--complete .totals__value').textContent())!.split('/')
    expect(Number(done)).toBe(Number(completeBefore!.split('/')[0]) + 1)
    expect(all).toBe(completeBefore!.split('/')[1])
    await expect(gridCard(page, GRID).count()).resolves.toBe(0)
    await page.locator('.overview__filter .nut-radio', { hasText: '全部' }).first().click()
    await gridCard(page, GRID).waitFor()
    await expect(gridCard(page, GRID).locator('.four-ones__tag--missing').count()).resolves.toBe(0)

    expect(pageErrors(admin)).toEqual([])
    expect(pageErrors(leader)).toEqual([])
    await leader.context.close()
    await admin.context.close()
  })
})
