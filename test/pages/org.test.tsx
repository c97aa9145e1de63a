/**
 * 二维: the member's 我的组织 (join by code, request by search, leave) and the secretary's org subpackage
 * (join requests, filters, the quarterly receipt), over the real handlers on organisations the test builds.
 */
import { aCheckIn, aGrid, aMember, anAdmin, anOrg } from '../support/factories'
import { setupPageHarness, type TestStore } from './harness'
import { ADMIN, ADMIN_NAME, LEADER, LEADER_NAME, MEMBER, MEMBER_NAME } from './summon-fixtures'

const STREET = '测试街道团工委'
const COMPANY = '测试科技公司团委'
const CLUB = '测试书屋读书会'
const REPORTED_GRID = '测试互联网青年网格'
/** A member of STREET who reported to REPORTED_GRID, and one asking to join it. */
const REPORTED = { openid: 'o_test_reported', name: '测试团员甲' }
const ASKING = { openid: 'o_test_asking', name: '测试团员乙' }

/**
 * The cast; STREET (LEADER its secretary; REPORTED a member, who reported to a grid; ASKING waits),
 * COMPANY under it (MEMBER a member) and CLUB (a social organisation nobody belongs to).
 */
async function world(store: TestStore) {
  await anAdmin(store, ADMIN_NAME, ADMIN)
  await aMember(store, { name: LEADER_NAME }, LEADER)
  await aMember(store, { name: MEMBER_NAME }, MEMBER)
  await aMember(store, { name: REPORTED.name }, REPORTED.openid)
  await aMember(store, { name: ASKING.name }, ASKING.openid)
  const street = await anOrg(store, {
    name: STREET,
    secretaries: [LEADER],
    members: [REPORTED.openid],
    requests: [ASKING.openid],
  })
  await anOrg(store, { name: COMPANY, kind: 'company', parentId: street.id, members: [MEMBER] })
  await anOrg(store, { name: CLUB, kind: 'social' })
  const grid = await aGrid(store, { name: REPORTED_GRID })
  await aCheckIn(store, REPORTED.openid, grid.id, 2 * 24 * 3_600_000, { creditOrg: true })
}

const h = setupPageHarness({ fixture: world })

const orgNamed = async (name: string) => {
  const { items } = await h.callAs(ADMIN, 'orgs.list', { q: name })
  return items[0].id
}

describe('我的 → 我的组织', () => {
  it('shows the member her organisation on 我的 and opens 我的组织', async () => {
    h.signInAs(MEMBER)
    await h.renderPage('pages/me/index')
    await h.findByText(COMPANY)
    await h.click('我的组织')
    await h.navigatedTo('/member/pages/org/index')
  })

  it('lets a member leave, then join another organisation by its invite code', async () => {
    const xixi = await orgNamed(STREET)
    const { inviteCode } = await h.callAs(LEADER, 'orgs.invite', { orgId: xixi, role: 'member' })
    h.signInAs(MEMBER)
    await h.renderPage('member/pages/org/index')
    await h.findByText(COMPANY)
    await h.findByText('成员')
    await h.click('离开这个组织')
    await h.findByText('已离开组织')
    await h.findByText('用邀请码加入')
    expect(await h.store.orgs.creditOrg(MEMBER)).toBeNull()

    await h.type(await h.findBySelector('.org__code'), ` ${inviteCode} `)
    await h.click('加入组织')
    await h.findByText('已加入组织')
    await h.findByText(STREET)
    expect(await h.store.orgs.creditOrg(MEMBER)).toBe(xixi)
  })

  it('finds an organisation by name and asks to join it, then shows 待审核', async () => {
    h.signInAs(ADMIN)
    await h.renderPage('member/pages/org/index')
    await h.type(await h.findBySelector('.org__search'), '书屋')
    await h.click('搜索')
    await h.findByText(CLUB)
    await h.click('申请加入')
    await h.findByText('申请已提交，等待书记审核')
    await h.findByText('待审核')
    const account = await h.store.users.getAccount(ADMIN)
    expect(account.org).toMatchObject({ orgId: await orgNamed(CLUB), status: 'pending' })
  })

  it('refuses an unknown code with the server’s message', async () => {
    h.signInAs(ADMIN)
    await h.renderPage('member/pages/org/index')
    await h.type(await h.findBySelector('.org__code'), 'NO-SUCH-CODE')
    await h.click('加入组织')
    await h.findByText('没有找到这个邀请码或组织，请向组织书记确认')
  })
})

describe('组织管理 (secretary)', () => {
  it('accepts a join request, and filters members who reported to no grid', async () => {
    const xixi = await orgNamed(STREET)
    h.signInAs(LEADER)
    await h.renderPage('org/pages/members/index', { orgId: xixi })
    await h.findByText('入会申请 · 1')
    await h.findByText(ASKING.name)
    await h.click('同意')
    await h.findByText('已同意加入')
    expect(await h.store.orgs.creditOrg(ASKING.openid)).toBe(xixi)

    await h.findByText(REPORTED.name)
    await h.click('未报到')
    await h.waitUntil(() => {
      if (h.queryByText(REPORTED.name)) throw new Error('still listed')
    })
    await h.findByText(LEADER_NAME)
    await h.findByText(ASKING.name)
  })

  it('opens a member’s quarterly receipt with the grid they reported to and a place for the seal', async () => {
    const xixi = await orgNamed(STREET)
    h.signInAs(LEADER)
    await h.renderPage('org/pages/members/index', { orgId: xixi })
    await h.click(REPORTED.name)
    const nav = await h.navigatedTo('/org/pages/receipt/index')
    expect(nav.url).toContain(`openid=${REPORTED.openid}`)

    await h.renderPage('org/pages/receipt/index', { orgId: xixi, openid: REPORTED.openid })
    await h.findByText('二维报到回执')
    await h.findByText(REPORTED_GRID)
    await h.findByText(`${STREET}（盖章）`)
  })

  it('publishes a 二维召集令 of the organisation from 组织管理', async () => {
    const xixi = await orgNamed(STREET)
    h.signInAs(LEADER)
    await h.renderPage('org/pages/members/index', { orgId: xixi })
    await h.click('发布二维召集令')
    const nav = await h.navigatedTo('/leader/pages/summon-publish/index')
    expect(nav.url).toContain(`orgId=${xixi}`)

    await h.renderPage('leader/pages/summon-publish/index', { orgId: xixi })
    await h.findByText(
      `以「${STREET}」的名义发布二维召集令：组织的成员在「我的组织」里能看到，参加后同时记入网格和组织。`,
    )
    const input = async (label: string) =>
      (await h.findByText(label, '.nut-form-item-labeltxt'))
        .closest('.nut-form-item')!
        .querySelector('input, textarea')!
    await h.type(await input('标题'), '团员进网格 · 西溪谷清洁行动')
    await h.type(await input('地点'), '西溪谷青年之家')
    await h.click('预览')
    await h.click(await h.findByText('确认发布'))
    await h.findByText('已发布')
    const listed = await h.callAs(REPORTED.openid, 'summons.list', { scope: 'org' })
    expect(listed.items.map((s) => [s.title, s.orgName])).toEqual([['团员进网格 · 西溪谷清洁行动', STREET]])
  })

  it('refuses the members screen to someone who is not its secretary', async () => {
    const xixi = await orgNamed(STREET)
    h.signInAs(MEMBER)
    await h.renderPage('org/pages/members/index', { orgId: xixi })
    await h.findByText('只有这个组织的书记可以进行这项操作')
  })
})
