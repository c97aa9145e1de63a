import { signPosterScene } from '../../cloud/domain/codes'
import { SECRET, setupPageHarness } from './harness'
import { aGrid, aMember } from '../support/factories'
import { LEADER, LEADER_NAME, MEMBER, MEMBER_NAME } from './summon-fixtures'

const h = setupPageHarness({
  // A grid of its own with a leader and nobody in it yet; MEMBER belongs to no grid.
  fixture: async (store) => {
    await aMember(store, { name: LEADER_NAME }, LEADER)
    await aMember(store, { name: MEMBER_NAME }, MEMBER)
    await aGrid(store, { name: '测试网格', kind: 'building', leaders: [LEADER] })
  },
})

const gridId = async () => (await h.store.grids.list({ q: '测试网格' }))[0].id

async function reportAll(count: number) {
  const id = await gridId()
  const code = signPosterScene(id, SECRET)
  for (let i = 0; i < count; i++) {
    const openid = `o_gp_${String(i).padStart(3, '0')}`
    await h.store.users.saveProfile(openid, { name: `报到青年${i}`, affiliation: 'none' }, new Date())
    await h.callAs(openid, 'checkin.scan', { code, requestId: `req-gp-${i}` })
  }
  return id
}

describe('成员与报到记录', () => {
  it('is opened from 我的 · 管理中心', async () => {
    h.signInAs(LEADER)
    await h.renderPage('pages/me/index')
    await h.click('成员与报到记录')
    await h.navigatedTo(`/leader/pages/grid-people/index?gridId=${await gridId()}`)
  })

  it('lists the members a page at a time, then the check-in history', async () => {
    const id = await reportAll(22)
    h.signInAs(LEADER)
    await h.renderPage('leader/pages/grid-people/index', { gridId: id })
    await h.findByText('报到青年21')
    expect(h.queryByText('报到青年0')).toBeNull()
    await h.click('加载更多')
    await h.findByText('报到青年0')
    await h.waitForNoText('加载更多')
    const reads = h.calls.filter((c) => c.action === 'members')
    expect(reads).toHaveLength(2)

    await h.click('报到记录')
    await h.findAllByText('海报报到')
    expect(h.calls.filter((c) => c.action === 'checkins')).toHaveLength(1)
  })

  it('says so when nobody has reported yet, and refuses a member', async () => {
    const id = await gridId()
    h.signInAs(LEADER)
    await h.renderPage('leader/pages/grid-people/index', { gridId: id })
    await h.findByText('还没有成员')
    h.unmount()
    h.signInAs(MEMBER)
    await h.renderPage('leader/pages/grid-people/index', { gridId: id })
    await h.findByText('只有这个网格的网格长可以查看成员名单')
  })
})
