import { aMember, anAdmin } from '../support/factories'
import { setupPageHarness, type TestStore } from './harness'
import { ADMIN, ADMIN_NAME, LEADER, LEADER_NAME } from './summon-fixtures'

/** An admin and a (would-be) leader, and no grids yet. */
async function peopleOnly(store: TestStore): Promise<void> {
  await anAdmin(store, ADMIN_NAME, ADMIN)
  await aMember(store, { name: LEADER_NAME }, LEADER)
}

const h = setupPageHarness({ fixture: peopleOnly })

const field = async (label: string) =>
  (await h.findByText(label, '.nut-form-item-labeltxt')).closest('.nut-form-item') as Element
// The form item itself: `h.type` waits for the native input Taro draws inside it.
const input = async (label: string) => field(label)

async function openForm() {
  h.signInAs(ADMIN)
  await h.renderPage('admin/pages/grid-create/index')
  await h.findBySelector('.nut-form')
}

/** Opens the town picker and confirms its first choice; answers the town's name. */
async function pickFirstTown(): Promise<string> {
  await h.click(await h.findBySelector('.picker-field'))
  await h.click(await h.findByText('确认'))
  const chosen = await h.findBySelector('.picker-field__value')
  return chosen.textContent ?? ''
}

describe('创建网格', () => {
  it('creates a grid, which the store then holds, and offers to invite its leader', async () => {
    await openForm()
    await h.type(await input('网格名称'), '文三数字生活街区网格')
    const townName = await pickFirstTown()
    await h.click(await h.findByText('园区'))
    await h.type(await input('实体阵地地址'), '文三路 259 号青年驿站')
    await h.type(await input('网络阵地名称（选填）'), '文三青年群')
    await h.type(await input('网格项目名称（选填）'), '数字青年夜校')
    await h.click('创建网格')
    await h.findByText('网格已创建')

    const town = (await h.store.grids.towns()).find((t) => t.name === townName)
    const [grid] = await h.store.grids.list({ q: '文三数字' })
    expect(grid).toMatchObject({ name: '文三数字生活街区网格', townId: town?.id, kind: 'park' })
    const stored = await h.store.grids.get(grid.id)
    expect(stored).toMatchObject({
      base: { address: '文三路 259 号青年驿站', radiusM: 300 },
      online: [{ kind: 'wechat_group', value: '文三青年群' }],
      project: { name: '数字青年夜校', summary: '' },
      requireLocation: false,
    })
    await h.findByText('文三数字生活街区网格', '.grid-card__name')
    await h.findByText('邀请网格长', '.invite-panel__title')
    await h.click('查看网格页')
    await h.navigatedTo(`/member/pages/grid/index?id=${grid.id}`)
  })

  it('shows the server’s field error on its field, and creates nothing', async () => {
    await openForm()
    await h.type(await input('网格名称'), '文三数字生活街区网格')
    const townName = await pickFirstTown()
    await h.type(await input('实体阵地地址'), '文三路 259 号青年驿站')
    // The town disappears from the reference data after the page loaded it: only the server can tell.
    const town = (await h.store.grids.towns()).find((t) => t.name === townName)
    h.store.db.prepare('DELETE FROM towns WHERE id = ?').run(town?.id)
    await h.click('创建网格')
    const townField = await field('所属镇街')
    await h.waitUntil(() => expect(townField.textContent).toContain('没有这个镇街'))
    const create = h.calls.find((c) => c.action === 'create')
    expect(create?.envelope).toMatchObject({ ok: false, error: { fields: { townId: '没有这个镇街' } } })
    expect(await h.store.grids.list({})).toEqual([])
  })

  it('checks the form before calling the server', async () => {
    await openForm()
    await h.type(await input('网格名称'), '网')
    await h.type(await input('纬度（选填）'), '30.28')
    await h.click('创建网格')
    const name = await field('网格名称')
    await h.waitUntil(() => expect(name.textContent).toContain('至少 2 个字'))
    await h.waitUntil(async () => expect((await field('所属镇街')).textContent).toContain('请选择镇街'))
    await h.waitUntil(async () => expect((await field('经度（选填）')).textContent).toContain('经纬度要一起填写'))
    // A grid needs its 实体阵地: a blank address is refused here, as the server refuses it.
    await h.type(await input('实体阵地地址'), '   ')
    await h.click('创建网格')
    await h.waitUntil(async () => expect((await field('实体阵地地址')).textContent).toContain('不能为空'))
    expect(h.calls.filter((c) => c.action === 'create')).toEqual([])
  })

  it('tells a non-admin that only the district may create grids', async () => {
    h.signInAs(LEADER)
    await h.renderPage('admin/pages/grid-create/index')
    await h.findByText('只有区团委管理员可以创建网格')
    expect(h.page().querySelector('.nut-form')).toBeNull()
  })
})
