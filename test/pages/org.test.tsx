/**
 * 二维: the member's 我的组织 (join by code, request by search, leave) and the secretary's org subpackage
 * (join requests, filters, the quarterly receipt), over the real handlers on the demo seed.
 */
import { DEMO_YOUTHS } from '../../cloud/server/seed'
import { setupPageHarness } from './harness'

const h = setupPageHarness()

const orgNamed = async (name: string) => {
  const { items } = await h.callAs('o_demo_admin', 'orgs.list', { q: name })
  return items[0].id
}
const youth = (n: number) => DEMO_YOUTHS[n - 1]

describe('我的 → 我的组织', () => {
  it('shows the member her organisation on 我的 and opens 我的组织', async () => {
    h.signInAs('o_demo_member')
    await h.renderPage('pages/me/index')
    await h.findByText('西溪谷数字科技有限公司团委')
    await h.click('我的组织')
    await h.navigatedTo('/member/pages/org/index')
  })

  it('lets a member leave, then join another organisation by its invite code', async () => {
    const xixi = await orgNamed('西溪街道团工委')
    const { inviteCode } = await h.callAs('o_demo_leader', 'orgs.invite', { orgId: xixi, role: 'member' })
    h.signInAs('o_demo_member')
    await h.renderPage('member/pages/org/index')
    await h.findByText('西溪谷数字科技有限公司团委')
    await h.findByText('成员')
    await h.click('离开这个组织')
    await h.findByText('已离开组织')
    await h.findByText('用邀请码加入')
    expect(await h.store.orgs.creditOrg('o_demo_member')).toBeNull()

    await h.type(await h.findBySelector('.org__code'), ` ${inviteCode} `)
    await h.click('加入组织')
    await h.findByText('已加入组织')
    await h.findByText('西溪街道团工委')
    expect(await h.store.orgs.creditOrg('o_demo_member')).toBe(xixi)
  })

  it('finds an organisation by name and asks to join it, then shows 待审核', async () => {
    h.signInAs('o_demo_admin')
    await h.renderPage('member/pages/org/index')
    await h.type(await h.findBySelector('.org__search'), '书屋')
    await h.click('搜索')
    await h.findByText('慧客书屋读书会')
    await h.click('申请加入')
    await h.findByText('申请已提交，等待书记审核')
    await h.findByText('待审核')
    const account = await h.store.users.getAccount('o_demo_admin')
    expect(account.org).toMatchObject({ orgId: await orgNamed('慧客书屋'), status: 'pending' })
  })

  it('refuses an unknown code with the server’s message', async () => {
    h.signInAs('o_demo_admin')
    await h.renderPage('member/pages/org/index')
    await h.type(await h.findBySelector('.org__code'), 'NO-SUCH-CODE')
    await h.click('加入组织')
    await h.findByText('没有找到这个邀请码或组织，请向组织书记确认')
  })
})

describe('组织管理 (secretary)', () => {
  it('accepts a join request, and filters members who reported to no grid', async () => {
    const xixi = await orgNamed('西溪街道团工委')
    h.signInAs('o_demo_leader')
    await h.renderPage('org/pages/members/index', { orgId: xixi })
    await h.findByText('入会申请 · 1')
    await h.findByText(youth(11).name)
    await h.click('同意')
    await h.findByText('已同意加入')
    expect(await h.store.orgs.creditOrg(youth(11).openid)).toBe(xixi)

    await h.findByText(youth(12).name)
    await h.click('未报到')
    await h.waitUntil(() => {
      if (h.queryByText(youth(12).name)) throw new Error('still listed')
    })
    await h.findByText('王磊')
    await h.findByText(youth(11).name)
  })

  it('opens a member’s quarterly receipt with the grid they reported to and a place for the seal', async () => {
    const xixi = await orgNamed('西溪街道团工委')
    h.signInAs('o_demo_leader')
    await h.renderPage('org/pages/members/index', { orgId: xixi })
    await h.click(youth(12).name)
    const nav = await h.navigatedTo('/org/pages/receipt/index')
    expect(nav.url).toContain(`openid=${youth(12).openid}`)

    await h.renderPage('org/pages/receipt/index', { orgId: xixi, openid: youth(12).openid })
    await h.findByText('二维报到回执')
    await h.findByText('西溪谷互联网青年网格')
    await h.findByText('西溪街道团工委（盖章）')
  })

  it('publishes a 二维召集令 of the organisation from 组织管理', async () => {
    const xixi = await orgNamed('西溪街道团工委')
    h.signInAs('o_demo_leader')
    await h.renderPage('org/pages/members/index', { orgId: xixi })
    await h.click('发布二维召集令')
    const nav = await h.navigatedTo('/leader/pages/summon-publish/index')
    expect(nav.url).toContain(`orgId=${xixi}`)

    await h.renderPage('leader/pages/summon-publish/index', { orgId: xixi })
    await h.findByText(
      '以「西溪街道团工委」的名义发布二维召集令：组织的成员在「我的组织」里能看到，参加后同时记入网格和组织。',
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
    const listed = await h.callAs(youth(12).openid, 'summons.list', { scope: 'org' })
    expect(listed.items.map((s) => [s.title, s.orgName])).toEqual([['团员进网格 · 西溪谷清洁行动', '西溪街道团工委']])
  })

  it('refuses the members screen to someone who is not its secretary', async () => {
    const xixi = await orgNamed('西溪街道团工委')
    h.signInAs('o_demo_member')
    await h.renderPage('org/pages/members/index', { orgId: xixi })
    await h.findByText('只有这个组织的书记可以进行这项操作')
  })
})
