import type { Browser, Page } from 'playwright-core'
import {
  apiAs,
  gridIdNamed,
  appUrl,
  clickButton,
  clickCell,
  clickText,
  fillByPlaceholder,
  freshOpenid,
  journey,
  launchBrowser,
  openAt,
  openPhone,
  pageErrors,
  reloadPage,
  screenshot,
  seeText,
  signInAs,
} from './browser'
import { ROUTES } from '../../src/utils/routes'

/**
 * Journey (issue 14, 二维): a secretary invites → a member joins by the code → the member checks in at a
 * grid and attends a summon → the secretary's receipt for the quarter shows both; an admin sees the
 * organisation's rates change — in the built H5 app against the real local server.
 */

const ORG = '西溪街道团工委'
const GRID = '莲花商圈楼宇网格'

interface OrgRow {
  orgId: string
  name: string
  members: number
  reported: number
  participated: number
  reportRate: number | null
  participationRate: number | null
}
const orgRow = async (): Promise<OrgRow> => {
  const stats = await apiAs<{ items: OrgRow[] }>('admin', 'stats', 'orgs', {})
  return stats.items.find((o) => o.name === ORG)!
}
const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`)
/** The admin's line of the organisation on the 组织 tab. */
const rowText = (page: Page) =>
  page
    .locator('.org-stats__row', { has: page.getByText(ORG, { exact: true }) })
    .first()
    .innerText()

describe('journey: 二维 — invite → join by the code → check in and attend → receipt → the admin’s rates', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('credits one member’s grid check-in and attendance to the organisation, on the receipt and in the rates', async () => {
    const memberOpenid = freshOpenid('org')
    const memberName = `二维青年${memberOpenid.slice(-4)}`
    const before = await orgRow()

    // The admin's 组织 tab before.
    const admin = await openPhone(browser)
    await journey(admin, 'orgs-admin-before', async () => {
      await signInAs(admin.page, 'admin', { route: ROUTES.overview })
      await clickText(admin.page, '组织', true)
      await seeText(admin.page, '组织成员在各镇街的分布')
      const line = await rowText(admin.page)
      expect(line).toContain(`成员 ${before.members}`)
      expect(line).toContain(`参与率 ${percent(before.participationRate)}`)
    })

    // The secretary makes a member invite on 组织管理, reached from 我的组织.
    const secretary = await openPhone(browser)
    let inviteCode = ''
    let inviteLink = ''
    await journey(secretary, 'orgs-invite', async () => {
      const { page } = secretary
      await signInAs(page, 'leader', { route: ROUTES.org })
      await seeText(page, ORG, true)
      await clickButton(page, '组织管理', ROUTES.orgMembers('').split('?')[0])
      await clickButton(page, '生成成员邀请码')
      inviteCode = ((await page.locator('.members__invite-code:visible').first().textContent()) ?? '').trim()
      expect(inviteCode).toMatch(/^[0-9a-z]{16}$/)
      await page.locator('.members__invite-qr:visible').first().waitFor()
      await screenshot(page, 'org-invite')
      // The link the QR carries (what 复制邀请链接 copies): an absolute link to 我的组织 with the code.
      inviteLink = appUrl(ROUTES.orgInvite(inviteCode))
    })

    // The member (profile filled in) opens the link and joins at once.
    await apiAs(memberOpenid, 'account', 'updateProfile', { name: memberName, affiliation: 'league' })
    const member = await openPhone(browser)
    await journey(member, 'orgs-join', async () => {
      const { page } = member
      await signInAs(page, memberOpenid)
      await openAt(page, inviteLink, { lands: ROUTES.org })
      await seeText(page, '用邀请码加入')
      expect(await page.locator('.org__code input:visible').first().inputValue()).toBe(inviteCode)
      await clickButton(page, '加入组织')
      // A member at once (no 待审核), the invite used up on this page.
      await page.locator('.org__tags', { hasText: '成员' }).first().waitFor()
      await seeText(page, ORG, true)
      await seeText(page, '我的报到回执', true)
      expect(await page.getByText('收到组织邀请').count()).toBe(0)
    })

    // The member checks in at a grid (its poster code, typed) …
    const gridId = await gridIdNamed(GRID)
    const poster = await apiAs<{ scene: string }>('leader', 'grids', 'posterCode', { gridId })
    await journey(member, 'orgs-checkin', async () => {
      const { page } = member
      await openAt(page, ROUTES.checkin)
      await fillByPlaceholder(page, '例如 P.', poster.scene)
      await clickButton(page, /^报到$/)
      await seeText(page, '报到成功')
      await seeText(page, '首次报到 · 已加入网格')
    })

    // … and attends a summon of that grid (signed up, then the leader's live code, typed).
    const title = `二维青年楼宇服务 ${Date.now() % 10000}`
    const start = new Date(Date.now() + 10 * 60_000)
    const summon = await apiAs<{ id: string }>('leader', 'summons', 'publish', {
      gridId,
      title,
      body: '团员进网格，楼宇青年之家值守。',
      place: '莲花商务中心 1 楼青年之家',
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 3600_000).toISOString(),
    })
    await apiAs(memberOpenid, 'summons', 'signUp', { summonId: summon.id })
    const live = await apiAs<{ code: string }>('leader', 'checkin', 'liveCode', { summonId: summon.id })
    await journey(member, 'orgs-attend', async () => {
      const { page } = member
      await openAt(page, ROUTES.checkin)
      await fillByPlaceholder(page, '例如 P.', live.code)
      await clickButton(page, /^报到$/)
      await seeText(page, '签到成功')
      await seeText(page, title)
    })

    // The secretary's receipt of the member for the quarter shows both.
    await journey(secretary, 'orgs-receipt', async () => {
      const { page } = secretary
      await reloadPage(page)
      await clickCell(page, memberName, ROUTES.orgReceipt('').split('?')[0])
      await seeText(page, '二维报到回执', true)
      await seeText(page, memberName, true)
      await page.locator('.receipt__grid', { hasText: GRID }).first().waitFor()
      const activity = page.locator('.receipt__activity', { hasText: title }).first()
      await activity.waitFor()
      expect(await activity.innerText()).toContain(GRID)
      expect(await activity.innerText()).toContain('活动签到码')
      const totals = await page.locator('.receipt__total-number').allInnerTexts()
      expect(totals.slice(0, 2)).toEqual(['2', '1'])
      await seeText(page, `${ORG}（盖章）`, true)
      await screenshot(page, 'org-receipt', { docs: true })
    })

    // The admin sees the organisation's rates change.
    const after = await orgRow()
    expect(after.members).toBe(before.members + 1)
    expect(after.reported).toBe(before.reported + 1)
    expect(after.participated).toBe(before.participated + 1)
    await journey(admin, 'orgs-admin-after', async () => {
      const { page } = admin
      await reloadPage(page)
      await clickText(page, '组织', true)
      await seeText(page, '组织成员在各镇街的分布')
      const line = await rowText(page)
      expect(line).toContain(`成员 ${after.members}`)
      expect(line).toContain(`报到率 ${percent(after.reportRate)}（${after.reported} 人）`)
      expect(line).toContain(`参与率 ${percent(after.participationRate)}`)
      expect(line).toContain(`本季度参与 ${after.participated} 人`)
      await screenshot(page, 'admin-orgs')
    })

    for (const phone of [admin, secretary, member]) {
      expect(pageErrors(phone)).toEqual([])
      await phone.context.close()
    }
    // Three phones and nine page loads: about 35 s here, over 120 s with E2E_CPU_THROTTLE=4 on a busy machine.
  }, 240_000)
})
