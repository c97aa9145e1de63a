import { setupPageHarness } from './harness'

const h = setupPageHarness()

describe('我的', () => {
  it('shows the admin her name, her role and the admin entry', async () => {
    h.signInAs('o_demo_admin')
    await h.renderPage('pages/me/index')
    await h.findByText('李书记')
    await h.findByText('区团委管理员')
    await h.click('创建网格')
    await h.navigatedTo('/admin/pages/grid-create/index')
  })

  it('asks a new openid to fill in the basic information first', async () => {
    h.signInAs('o_new_person')
    await h.renderPage('pages/me/index')
    await h.findByText('先填写基本信息')
    expect(h.queryByText('区团委管理员')).toBeNull()
    expect(h.queryByText('创建网格')).toBeNull()
    await h.click('去填写')
    expect(h.navigations).toContainEqual({ api: 'navigateTo', url: '/member/pages/profile/index' })
  })

  it("lists a member's grids and opens one", async () => {
    h.signInAs('o_demo_member')
    await h.renderPage('pages/me/index')
    await h.findByText('陈晓青')
    await h.click('莲花商圈楼宇网格')
    const grid = (await h.store.grids.list({ q: '莲花商圈' }))[0]
    await h.navigatedTo(`/member/pages/grid/index?id=${grid.id}`)
  })

  it('shows the leader role with the number of grids led', async () => {
    h.signInAs('o_demo_leader')
    await h.renderPage('pages/me/index')
    await h.findByText('网格长 · 2 个网格')
  })

  it('lists the grids a leader leads under 我的网格, marked 网格长', async () => {
    h.signInAs('o_demo_leader')
    await h.renderPage('pages/me/index')
    const lianhua = (await h.findByText('莲花商圈楼宇网格')).closest('.me__grid') as Element
    expect(lianhua.textContent).toContain('网格长')
    await h.findByText('凤凰创意园区创业网格')
    expect(h.queryByText('还没有加入网格')).toBeNull()
  })

  it('offers 输入邀请码 to anyone, opening the invite page', async () => {
    h.signInAs('o_demo_member')
    await h.renderPage('pages/me/index')
    await h.click('输入邀请码')
    await h.navigatedTo('/member/pages/invite/index')
  })

  it('switching identity forgets the token and goes to 选择身份', async () => {
    h.signInAs('o_demo_member')
    await h.renderPage('pages/me/index')
    await h.click('切换身份')
    await h.navigatedTo('/pages/login/index')
    expect(window.localStorage.length).toBe(0)
  })
})
