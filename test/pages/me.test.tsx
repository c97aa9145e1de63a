import { aGrid } from '../support/factories'
import { setupPageHarness, type TestStore } from './harness'
import { ADMIN, ADMIN_NAME, LEADER, MEMBER, MEMBER_NAME, SUMMON_GRID, summonWorld } from './summon-fixtures'

/** The summon cast, and a second grid the leader leads. */
const SECOND_GRID = '测试园区网格'
async function world(store: TestStore) {
  await summonWorld(store)
  await aGrid(store, { name: SECOND_GRID, kind: 'park', leaders: [LEADER] })
}

const h = setupPageHarness({ fixture: world })

describe('我的', () => {
  it('shows the admin her name, her role and the admin entry', async () => {
    h.signInAs(ADMIN)
    await h.renderPage('pages/me/index')
    await h.findByText(ADMIN_NAME)
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
    h.signInAs(MEMBER)
    await h.renderPage('pages/me/index')
    await h.findByText(MEMBER_NAME)
    await h.click(SUMMON_GRID)
    const grid = (await h.store.grids.list({ q: SUMMON_GRID }))[0]
    await h.navigatedTo(`/member/pages/grid/index?id=${grid.id}`)
  })

  it('shows the leader role with the number of grids led', async () => {
    h.signInAs(LEADER)
    await h.renderPage('pages/me/index')
    await h.findByText('网格长 · 2 个网格')
  })

  it('lists the grids a leader leads under 我的网格, marked 网格长', async () => {
    h.signInAs(LEADER)
    await h.renderPage('pages/me/index')
    const led = (await h.findByText(SUMMON_GRID)).closest('.me__grid') as Element
    expect(led.textContent).toContain('网格长')
    await h.findByText(SECOND_GRID)
    expect(h.queryByText('还没有加入网格')).toBeNull()
  })

  it('offers 输入邀请码 to anyone, opening the invite page', async () => {
    h.signInAs(MEMBER)
    await h.renderPage('pages/me/index')
    await h.click('输入邀请码')
    await h.navigatedTo('/member/pages/invite/index')
  })

  it('switching identity forgets the token and goes to 选择身份', async () => {
    h.signInAs(MEMBER)
    await h.renderPage('pages/me/index')
    await h.click('切换身份')
    await h.navigatedTo('/pages/login/index')
    expect(window.localStorage.length).toBe(0)
  })
})
