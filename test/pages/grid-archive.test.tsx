import { setupPageHarness } from './harness'

jest.setTimeout(30_000)

const h = setupPageHarness()
const MANAGE = 'admin/pages/grid-manage/index'

describe('网格管理 · 停用网格', () => {
  it('the admin archives a grid after confirming, and brings it back', async () => {
    const [grid] = await h.store.grids.list({ q: '翠苑一区' })
    h.signInAs('o_demo_admin')
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
    expect((await h.store.grids.list({ q: '翠苑一区' })).length).toBe(0)
    await h.click('恢复网格')
    await h.waitForNoText('恢复网格')
    expect((await h.store.grids.list({ q: '翠苑一区' })).length).toBe(1)
  })

  it('is not offered to a leader', async () => {
    const [grid] = await h.store.grids.list({ q: '莲花商圈' })
    h.signInAs('o_demo_leader')
    await h.renderPage(MANAGE, { id: grid.id })
    await h.findByText('保存四个一')
    expect(h.queryByText('停用网格')).toBeNull()
  })
})
