import { aGrid, aMember, anAdmin } from '../support/factories'
import { setupPageHarness } from './harness'

jest.setTimeout(30_000)

const h = setupPageHarness({ fixture: 'empty' })
const MANAGE = 'admin/pages/grid-manage/index'

describe('网格管理 · 停用网格', () => {
  it('the admin archives a grid after confirming, and brings it back', async () => {
    const admin = await anAdmin(h.store)
    const grid = await aGrid(h.store, { name: '停用测试青年网格' })
    h.signInAs(admin.openid)
    await h.renderPage(MANAGE, { id: grid.id })
    await h.click('停用网格')
    await h.findByText(`「${grid.name}」的海报将不能再报到，网格目录里也不再显示。记录都会保留。`)
    // 再想想 changes nothing.
    await h.click('再想想')
    expect((await h.store.grids.get(grid.id))?.archivedAt).toBeUndefined()
    await h.click('停用网格')
    await h.click('确认停用')
    await h.findByText('恢复网格')
    expect((await h.store.grids.get(grid.id))?.archivedAt).toBeDefined()
    expect((await h.store.grids.list({ q: '停用测试' })).length).toBe(0)
    await h.click('恢复网格')
    await h.waitForNoText('恢复网格')
    expect((await h.store.grids.list({ q: '停用测试' })).length).toBe(1)
  })

  it('is not offered to a leader', async () => {
    const leader = await aMember(h.store, { name: '测试网格长' })
    const grid = await aGrid(h.store, { leaders: [leader.openid] })
    h.signInAs(leader.openid)
    await h.renderPage(MANAGE, { id: grid.id })
    await h.findByText('保存四个一')
    expect(h.queryByText('停用网格')).toBeNull()
  })
})
