/**
 * 二维, the rest of issue 14 on the pages: the organisation's code and poster, the member invite as a QR or
 * link, the first-run profile's organisation picker, the quarterly receipt that prints and saves as an
 * image, and the organisations in the admin's assessment ranking — over the real handlers on organisations
 * the test builds (the ranking alone still reads the demo: see `world`).
 */
import { quarterOf } from '../../cloud/domain/orgs'
import { seedDemo } from '../../cloud/server/seed'
import { orgCodeIn } from '../../src/services/codes'
import { orgInviteCodeIn, orgInviteLink, ROUTES } from '../../src/utils/routes'
import { activityLine, receiptLayout, textWidth, wrap } from '../../src/org/utils/receiptImage'
import type { OrgReceipt } from '../../types'
import { aCheckIn, aGrid, aMember, anAdmin, anOrg, aSummon } from '../support/factories'
import { setupPageHarness, type TestStore } from './harness'
import { ADMIN, ADMIN_NAME, LEADER, LEADER_NAME, MEMBER, MEMBER_NAME } from './summon-fixtures'

const STREET = '测试街道团工委'
const COMPANY = '测试科技公司团委'
const CLUB = '测试书屋读书会'
const REPORTED_GRID = '测试互联网青年网格'
const SUMMON_TITLE = '测试召集令 · 团员进网格'
/** A member of STREET who reported to REPORTED_GRID. */
const REPORTED = { openid: 'o_test_reported', name: '测试团员甲' }

/**
 * The cast; STREET (LEADER its secretary; REPORTED a member who reported to REPORTED_GRID), COMPANY under
 * it (MEMBER a member), CLUB (nobody in it) and a summon ahead at REPORTED_GRID.
 *
 * The demo is seeded first, for the assessment ranking at the end only (the admin overview, which another
 * change owns): the other tests read nothing of it, and their names are not the demo's.
 */
async function world(store: TestStore) {
  await seedDemo(store, new Date(), { history: false })
  await anAdmin(store, ADMIN_NAME, ADMIN)
  await aMember(store, { name: LEADER_NAME }, LEADER)
  await aMember(store, { name: MEMBER_NAME }, MEMBER)
  await aMember(store, { name: REPORTED.name }, REPORTED.openid)
  const street = await anOrg(store, { name: STREET, secretaries: [LEADER], members: [REPORTED.openid] })
  await anOrg(store, { name: COMPANY, kind: 'company', parentId: street.id, members: [MEMBER] })
  await anOrg(store, { name: CLUB, kind: 'social' })
  const grid = await aGrid(store, { name: REPORTED_GRID })
  await aCheckIn(store, REPORTED.openid, grid.id, 2 * 24 * 3_600_000, { creditOrg: true })
  await aSummon(store, { gridId: grid.id, publishedBy: LEADER, title: SUMMON_TITLE })
}

const h = setupPageHarness({ fixture: world })

const orgNamed = async (name: string) => {
  const { items } = await h.callAs(ADMIN, 'orgs.list', { q: name })
  return items[0].id
}
const input = async (label: string) =>
  (await h.findByText(label, '.nut-form-item-labeltxt')).closest('.nut-form-item') as Element

describe('reading organisation codes (pure)', () => {
  it('reads an organisation code bare, as a scene of a path, and encoded; not a grid poster code', () => {
    expect(orgCodeIn('O.abc123')).toBe('abc123')
    expect(orgCodeIn(' pages/checkin/index?scene=O.abc123 ')).toBe('abc123')
    expect(orgCodeIn('https://x.test/app/#/pages/checkin/index?scene=O%2Eabc123')).toBe('abc123')
    expect(orgCodeIn('P.abc123.AAAAAAAAAAAA')).toBeNull()
    expect(orgCodeIn('O.ABC')).toBeNull()
    expect(orgCodeIn('')).toBeNull()
  })

  it('reads a member invite out of its link or in-app path, and nothing else', () => {
    expect(orgInviteCodeIn(orgInviteLink('k3j9x2m1q8w7e6r5'))).toBe('k3j9x2m1q8w7e6r5')
    expect(orgInviteCodeIn(ROUTES.orgInvite('abc').slice(1))).toBe('abc')
    expect(orgInviteCodeIn('pages/invite/index?code=abc')).toBeNull()
    expect(orgInviteCodeIn('abc')).toBeNull()
  })
})

describe('the receipt as a picture (pure layout)', () => {
  const receipt: OrgReceipt = {
    org: { id: 'o1', name: '测试街道团工委' },
    member: { name: '测试青年' },
    quarter: '2026Q4',
    grids: [{ id: 'g1', name: '西溪网格', reportedAt: '2026-10-09T16:30:00.000Z' }],
    activities: [
      {
        summonId: 's1',
        title: '社区清洁行动',
        gridName: '西溪网格',
        at: '2026-10-15T01:05:00.000Z',
        verifiedBy: ['live', 'location'],
        hours: 2,
      },
    ],
    totals: { checkIns: 3, activities: 1, hours: 2 },
  }

  it('writes the organisation, member, quarter, grids, each activity, totals and the seal', () => {
    const { ops, height } = receiptLayout(receipt, new Date('2026-12-01T04:00:00.000Z'))
    // Long lines wrap onto the next: read the text as one run.
    const text = ops.flatMap((op) => (op.kind === 'text' ? [op.text] : [])).join('\n')
    const run = text.replace(/\n/g, '')
    for (const line of [
      '二维报到回执',
      '2026年第四季度（2026年10月1日—2026年12月31日）',
      '组织：测试街道团工委',
      '成员：测试青年',
      '西溪网格 · 2026年10月10日报到',
      '1. 10月15日 · 社区清洁行动 · 西溪网格 · 活动签到码 · 位置已核验 · 2 小时',
      '合计：签到 3 次 · 参加活动 1 场 · 志愿时长 2 小时',
      '测试街道团工委（盖章）',
      '年　　月　　日',
      '由「二维报到」生成于 2026年12月1日 12:00',
    ])
      expect(run).toContain(line)
    expect(text.split('\n')[0]).toBe('二维报到回执')
    expect(ops.filter((op) => op.kind === 'seal')).toHaveLength(1)
    // Everything lies inside the picture.
    for (const op of ops) if (op.kind !== 'rule') expect(op.y).toBeLessThan(height)
  })

  it('wraps a long line within the width, losing no character', () => {
    const long = '一'.repeat(40) + 'abc'
    const lines = wrap(long, 26, 654)
    expect(lines.join('')).toBe(long)
    for (const line of lines) expect(textWidth(line, 26)).toBeLessThanOrEqual(654)
    expect(activityLine({ ...receipt.activities[0], gridName: undefined, hours: undefined })).toBe(
      '10月15日 · 社区清洁行动 · 活动签到码 · 位置已核验',
    )
  })
})

describe('the organisation’s code', () => {
  it('leads the secretary from 组织管理 to a printable poster of the organisation’s permanent code', async () => {
    const xixi = await orgNamed(STREET)
    h.signInAs(LEADER)
    await h.renderPage('org/pages/members/index', { orgId: xixi })
    await h.click('组织二维码（打印张贴）')
    const nav = await h.navigatedTo('/org/pages/poster/index')
    expect(nav.url).toBe(ROUTES.orgPoster(xixi))

    const print = jest.spyOn(window, 'print').mockImplementation(() => undefined)
    await h.renderPage('org/pages/poster/index', { orgId: xixi })
    await h.findByText('扫码加入组织')
    await h.findByText(`组织码：O.${xixi}`)
    // In H5 the QR is drawn on the phone (from the absolute link), not asked of the server.
    const image = await h.findBySelector('.org-poster__image')
    expect(image.getAttribute('src')).toMatch(/^data:image\/gif;base64,/)
    await h.click('打印海报')
    expect(print).toHaveBeenCalledTimes(1)
    print.mockRestore()
  })

  it('opens 我的组织 from the scanned code, where the member asks to join (待审核)', async () => {
    const xixi = await orgNamed(STREET)
    h.signInAs(ADMIN)
    await h.renderPage('pages/checkin/index')
    await h.type(await h.findBySelector('.checkin-manual__input'), `O.${xixi}`)
    await h.click('报到')
    const nav = await h.navigatedTo('/member/pages/org/index')
    expect(nav.url).toBe(ROUTES.orgFromCode(xixi))
    // Nothing was checked in.
    expect(h.calls.filter((c) => c.action === 'scan')).toEqual([])

    await h.renderPage('member/pages/org/index', { orgId: xixi })
    await h.findByText('扫码找到的组织')
    await h.findByText(STREET)
    await h.click('申请加入')
    await h.findByText('申请已提交，等待书记审核')
    expect((await h.store.users.getAccount(ADMIN)).org).toMatchObject({ orgId: xixi, status: 'pending' })
  })

  it('opens 我的组织 when the check-in page is opened with the code as its scene (WeChat’s camera, the H5 link)', async () => {
    const xixi = await orgNamed(STREET)
    const { scene, page } = await h.callAs(LEADER, 'orgs.posterCode', { orgId: xixi })
    expect(page).toBe(ROUTES.checkin.slice(1))
    h.signInAs(ADMIN)
    await h.renderPage('pages/checkin/index', { scene: encodeURIComponent(scene) })
    expect((await h.navigatedTo('/member/pages/org/index')).url).toBe(ROUTES.orgFromCode(xixi))
    expect(h.calls.filter((c) => c.action === 'scan')).toEqual([])
  })

  it('tells a member of another organisation that their records stay with it', async () => {
    const xixi = await orgNamed(STREET)
    h.signInAs(MEMBER)
    await h.renderPage('member/pages/org/index', { orgId: xixi })
    await h.findByText(`你现在属于「${COMPANY}」。申请通过后会转到这个组织，之前的报到和活动仍记在原组织。`)
  })
})

describe('the member invite as a QR and a link', () => {
  it('shows the secretary the invite as a QR with its code and expiry; the link joins a member at once', async () => {
    const xixi = await orgNamed(STREET)
    h.signInAs(LEADER)
    await h.renderPage('org/pages/members/index', { orgId: xixi })
    await h.click('生成成员邀请码')
    const qr = await h.findBySelector('.members__invite-qr')
    expect(qr.getAttribute('src')).toMatch(/^data:image\/gif;base64,/)
    const code = (await h.findBySelector('.members__invite-code')).textContent!.trim()
    await h.findByText('复制邀请链接')

    // The member opens the link (or scans the QR with 扫码报到): 我的组织 with the code filled in.
    h.signInAs(ADMIN)
    await h.renderPage('pages/checkin/index')
    await h.type(await h.findBySelector('.checkin-manual__input'), orgInviteLink(code))
    await h.click('报到')
    expect((await h.navigatedTo('/member/pages/org/index')).url).toBe(ROUTES.orgInvite(code))
    await h.renderPage('member/pages/org/index', { invite: code })
    const field = await h.findBySelector('.org__code')
    await h.waitUntil(() => expect(field.querySelector('input')?.value).toBe(code))
    await h.click('加入组织')
    await h.findByText('已加入组织')
    expect(await h.store.orgs.creditOrg(ADMIN)).toBe(xixi)
    // The invite is done: the page shows the organisation, not an offer to move by the same invite.
    await h.findByText('我的报到回执')
    expect(h.queryByText('收到组织邀请')).toBeNull()
  })

  it('moves a member of another organisation by the invite, on their word', async () => {
    const xixi = await orgNamed(STREET)
    const { inviteCode } = await h.callAs(LEADER, 'orgs.invite', { orgId: xixi, role: 'member' })
    h.signInAs(MEMBER)
    await h.renderPage('member/pages/org/index', { invite: inviteCode })
    await h.findByText('收到组织邀请')
    await h.click('用邀请码转到新组织')
    await h.findByText('已加入新组织')
    expect(await h.store.orgs.creditOrg(MEMBER)).toBe(xixi)
  })
})

describe('个人信息 asks for the organisation with the same picker', () => {
  const startProfile = async (openid: string) => {
    h.signInAs(openid)
    await h.renderPage('member/pages/profile/index')
    await h.click(await h.findByText('已满 14 周岁'))
    await h.type(await input('姓名'), '新来的青年')
  }

  it('picks an organisation found by name and asks to join it when the profile is saved', async () => {
    await startProfile('o_new_person')
    await h.findByText('所在团组织（选填）')
    await h.type(await h.findBySelector('.org__search'), '测试书屋')
    await h.click('搜索')
    await h.findByText(CLUB)
    await h.click('选择')
    await h.findByText(`保存后向「${CLUB}」提交入会申请，书记同意后生效`)
    await h.findByText('已选择')
    // Nothing is asked before the profile exists.
    expect(h.calls.filter((c) => c.action === 'join')).toEqual([])
    await h.click('保存')
    await h.findByText(`已保存，已向「${CLUB}」提交入会申请`)
    expect((await h.store.users.getAccount('o_new_person')).org).toMatchObject({
      orgId: await orgNamed(CLUB),
      status: 'pending',
    })
    expect(await h.store.users.getProfile('o_new_person')).toMatchObject({ name: '新来的青年' })
  })

  it('joins at once by an invite code typed on the profile; the free-text organisation stays', async () => {
    const xixi = await orgNamed(STREET)
    const { inviteCode } = await h.callAs(LEADER, 'orgs.invite', { orgId: xixi, role: 'member' })
    await startProfile('o_new_person')
    await h.type(await h.findBySelector('.org__code'), inviteCode)
    await h.click('使用这个邀请码')
    await h.findByText(`保存后用邀请码 ${inviteCode} 加入组织`)
    await h.type(await input('所在组织（选填）'), '西溪谷读书角')
    await h.click('保存')
    await h.findByText('已保存，并已加入组织')
    expect(await h.store.orgs.creditOrg('o_new_person')).toBe(xixi)
    expect(await h.store.users.getProfile('o_new_person')).toMatchObject({ org: '西溪谷读书角' })
  })

  it('keeps the profile and says why when the code is refused', async () => {
    await startProfile('o_new_person')
    await h.type(await h.findBySelector('.org__code'), 'NO-SUCH-CODE')
    await h.click('使用这个邀请码')
    await h.click('保存')
    await h.findByText('资料已保存，但没能加入组织：没有找到这个邀请码或组织，请向组织书记确认')
    expect(await h.store.users.getProfile('o_new_person')).toMatchObject({ name: '新来的青年' })
    expect((await h.store.users.getAccount('o_new_person')).org).toBeNull()
  })

  it('shows a member their registered organisation instead, leading to 我的组织', async () => {
    h.signInAs(MEMBER)
    await h.renderPage('member/pages/profile/index')
    await h.click(`所在组织：${COMPANY}`)
    await h.navigatedTo('/member/pages/org/index')
    expect(h.queryByText('所在团组织（选填）')).toBeNull()
  })
})

describe('报到回执', () => {
  /** A live attendance of the member at SUMMON_TITLE a minute ago, credited to their organisation now. */
  const attend = async (openid: string) => {
    const summon = (await h.callAs(openid, 'summons.list', {})).items.find((s) => s.title === SUMMON_TITLE)!
    const grid = (await h.store.grids.list({})).find((g) => g.name === REPORTED_GRID)!
    await h.store.checkins.record(
      {
        openid,
        requestId: `receipt-test-${openid}`,
        gridId: grid.id,
        summonId: summon.id,
        orgId: await h.store.orgs.creditOrg(openid),
        method: 'live',
        verifiedBy: ['live'],
        summon: { title: summon.title, hours: 2 },
      },
      new Date(Date.now() - 60_000),
      10,
    )
    return summon
  }

  it('lets the member open their own receipt from 我的组织: grids, each activity with grid and verification, totals, seal', async () => {
    const summon = await attend(MEMBER)
    h.signInAs(MEMBER)
    await h.renderPage('member/pages/org/index')
    await h.click(await h.findByText('我的报到回执'))
    const orgId = await orgNamed(COMPANY)
    expect((await h.navigatedTo('/org/pages/receipt/index')).url).toBe(ROUTES.orgReceipt(orgId))

    const print = jest.spyOn(window, 'print').mockImplementation(() => undefined)
    await h.renderPage('org/pages/receipt/index', { orgId })
    const expected = await h.callAs(MEMBER, 'orgs.receipt', { orgId, quarter: quarterOf(new Date()) })
    await h.findByText('二维报到回执')
    await h.findByText(COMPANY, '.receipt__org')
    await h.findByText(expected.member.name, '.receipt__member')
    const rows = Array.from(h.page().querySelectorAll('.receipt__activity')).map((r) => r.textContent)
    expect(rows).toHaveLength(expected.activities.length)
    expect(rows.some((r) => r!.includes(summon.title) && r!.includes(REPORTED_GRID) && r!.includes('活动签到码'))).toBe(
      true,
    )
    const totals = Array.from(h.page().querySelectorAll('.receipt__total-number')).map((n) => n.textContent)
    expect(totals).toEqual([`${expected.totals.checkIns}`, `${expected.totals.activities}`, `${expected.totals.hours}`])
    await h.findByText(`${COMPANY}（盖章）`)
    await h.findByText('盖章处')
    await h.click('打印回执')
    expect(print).toHaveBeenCalledTimes(1)
    print.mockRestore()
  })

  it('refuses another member’s receipt to a member', async () => {
    const xixi = await orgNamed(STREET)
    h.signInAs(MEMBER)
    await h.renderPage('org/pages/receipt/index', { orgId: xixi, openid: REPORTED.openid })
    await h.findByText('只有这个组织的书记或成员本人可以查看报到回执')
  })
})

describe('组织 in the assessment ranking', () => {
  it('ranks the organisations by score, best first, with the weights written out', async () => {
    const expected = await h.callAs('o_demo_admin', 'stats.orgs', {})
    h.signInAs('o_demo_admin')
    await h.renderPage('admin/pages/overview/index')
    await h.findByText('网格', '.totals__label')
    await h.click('考核排名')
    await h.findByText('组织考核排名')
    await h.findByText('报到率\u00a035 · 参与率\u00a050 · 志愿时长\u00a015')
    await h.waitForCount('.org-ranking__row', expected.items.length)
    const names = Array.from(h.page().querySelectorAll('.org-ranking__org')).map((n) => n.textContent)
    const scores = Array.from(h.page().querySelectorAll('.org-ranking__score')).map((n) => Number(n.textContent))
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
    expect(new Set(names)).toEqual(new Set(expected.items.map((o) => o.name)))
    const best = expected.items.reduce((a, b) => (b.score > a.score ? b : a))
    expect(scores[0]).toBe(best.score)
    expect(best.score).toBeGreaterThan(0)
  })
})
