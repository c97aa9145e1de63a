import { aGrid, aMember, anAdmin } from '../support/factories'
import { setupPageHarness, type TestStore } from './harness'
import { ADMIN, ADMIN_NAME, LEADER, LEADER_NAME, MEMBER, MEMBER_NAME } from './summon-fixtures'

const GRID = '测试楼宇网格'
const LEADERLESS = '测试待建网格'
/** A grid with all of 四个一 (LEADER leads it, MEMBER is in it), and one without a leader. */
async function world(store: TestStore) {
  await aMember(store, { name: MEMBER_NAME }, MEMBER)
  await aMember(store, { name: LEADER_NAME }, LEADER)
  await anAdmin(store, ADMIN_NAME, ADMIN)
  await aGrid(store, {
    name: GRID,
    kind: 'building',
    base: { address: '测试大厦 1 楼青年之家', lat: 30.2845, lng: 120.1205, radiusM: 300 },
    online: [{ kind: 'wechat_group', value: '测试楼宇青年群' }],
    project: { name: '测试创业沙龙', summary: '每月一期，楼宇青年创业交流' },
    leaders: [LEADER],
    members: [MEMBER],
  })
  await aGrid(store, { name: LEADERLESS })
}

const h = setupPageHarness({ fixture: world })

async function gridIdOf(name = GRID): Promise<string> {
  const [grid] = await h.store.grids.list({ q: name })
  return grid.id
}

async function openGrid(openid: string, gridId?: string) {
  h.signInAs(openid)
  await h.renderPage('member/pages/grid/index', { id: gridId ?? (await gridIdOf()) })
  await h.findByText(GRID)
}

const marks = () => Array.from(h.page().querySelectorAll('.grid-four .nut-cell')).map((c) => c.textContent)

describe('网格页', () => {
  it('shows a member the grid and its 四个一, without the leader tools', async () => {
    await openGrid(MEMBER)
    await h.findByText('你已加入')
    await h.findByText('成员 1 人')
    expect(h.page().querySelectorAll('.grid-head .four-ones__tag')).toHaveLength(4)
    expect(h.page().querySelector('.four-ones__tag--missing')).toBeNull()
    expect(marks()).toEqual([
      expect.stringContaining(LEADER_NAME),
      expect.stringContaining('测试大厦 1 楼青年之家（报到范围 300 米）'),
      expect.stringContaining('微信群：测试楼宇青年群'),
      expect.stringContaining('测试创业沙龙：每月一期，楼宇青年创业交流'),
    ])
    for (const mark of marks()) expect(mark).toContain('已有')
    expect(h.queryByText('报到海报码')).toBeNull()
    expect(h.queryByText('邀请网格长')).toBeNull()
  })

  it('marks what a grid lacks', async () => {
    h.signInAs(MEMBER)
    await h.renderPage('member/pages/grid/index', { id: await gridIdOf(LEADERLESS) })
    await h.findByText('还没有网格长，等待区团委邀请')
    expect(h.page().querySelector('.four-ones__tag--missing')?.textContent).toBe('缺网格长')
  })

  it('shows its leader the 报到海报码 with an image of the code', async () => {
    h.drawCodeImages()
    await openGrid(LEADER)
    await h.findByText('你可以管理')
    await h.findByText('报到海报码')
    const image = await h.findBySelector('.poster__image')
    const src = image.getAttribute('src') ?? image.querySelector('img')?.getAttribute('src')
    expect(src).toMatch(/^data:image\/png;base64,/)
    const poster = h.calls.find((c) => c.action === 'posterCode')
    expect(poster?.envelope).toMatchObject({ ok: true })
    const { scene } = (poster?.envelope as { data: { scene: string } }).data
    await h.findByText(scene)
    expect(h.queryByText('邀请网格长')).toBeNull()
  })

  it('shows the code itself when the platform gives no image', async () => {
    await openGrid(LEADER)
    await h.findByText('暂时没能生成图片，码的内容：')
    expect(h.page().querySelector('.poster__image')).toBeNull()
  })

  it('lets the admin invite a leader: the code shown is a real, single-use invite', async () => {
    const gridId = await gridIdOf()
    await openGrid(ADMIN, gridId)
    await h.findByText('邀请网格长', '.invite-panel__title')
    await h.click(await h.findBySelector('.invite-panel__create'))
    const code = (await h.findBySelector('.invite-panel__code')).textContent ?? ''
    await h.findByText('有效期至')
    expect(code).toMatch(/\S{6,}/)
    // The code is stored: a newcomer accepting it becomes a leader, once.
    const now = new Date()
    expect(await h.store.grids.acceptInvite(code, 'o_new_leader', now)).toMatchObject({ ok: true })
    expect(await h.store.grids.isLeader(gridId, 'o_new_leader')).toBe(true)
  })

  it('says so when the grid does not exist', async () => {
    h.signInAs(MEMBER)
    await h.renderPage('member/pages/grid/index', { id: 'no-such-grid' })
    await h.findByText('没能加载出来')
    await h.findByText('没有找到这个网格')
  })

  it('asks to pick a grid when none is given', async () => {
    h.signInAs(MEMBER)
    await h.renderPage('member/pages/grid/index')
    await h.findByText('没有指定网格')
    await h.click('去网格目录')
    expect(h.navigations).toEqual([{ api: 'redirectTo', url: '/member/pages/grids/index' }])
  })
})

describe('关注网格动态', () => {
  it('follows, banks one message per tap, tells the member what they will hear, and stops', async () => {
    await openGrid(MEMBER)
    const gridId = await gridIdOf()
    await h.findByText('关注后，这个网格发布新的召集令时，会通过微信服务通知发到你的手机。')
    await h.click('关注网格动态')
    await h.findByText('已关注：接下来 1 条新召集令会通知你。微信每次订阅只能通知一次，可以多订阅几次。')
    expect(await h.store.follows.get(gridId, MEMBER)).toEqual({ openid: MEMBER, banked: 1 })
    await h.click(await h.findByText('再订阅一条'))
    await h.findByText('已关注：接下来 2 条新召集令会通知你。微信每次订阅只能通知一次，可以多订阅几次。')
    await h.click(await h.findByText('取消关注'))
    await h.findByText('关注后，这个网格发布新的召集令时，会通过微信服务通知发到你的手机。')
    expect(await h.store.follows.get(gridId, MEMBER)).toBeNull()
  })
})
