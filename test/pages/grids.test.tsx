import { aCheckIn, aGrid, aMember } from '../support/factories'
import { setupPageHarness, type TestStore } from './harness'

/** The directory the tests read: three grids in two towns, one of them without a leader. */
const MEMBER = 'o_directory_member'
const FULL = '文三数字青年网格'
const LEADERLESS = '双浦村村青年网格'
const PARK = '转塘云栖青年网格'

async function directory(store: TestStore) {
  await aMember(store, { name: '目录青年' }, MEMBER)
  const leader = await aMember(store, { name: '目录网格长' })
  const full = await aGrid(store, { name: FULL, townId: 'xixi', leaders: [leader.openid] })
  await aCheckIn(store, MEMBER, full.id)
  await aGrid(store, { name: LEADERLESS, townId: 'xixi' })
  await aGrid(store, { name: PARK, townId: 'zhuantang', kind: 'park', leaders: [leader.openid] })
}

const h = setupPageHarness({ fixture: directory })

const gridNames = () => Array.from(h.page().querySelectorAll('.grid-card__name')).map((e) => e.textContent)

async function openDirectory() {
  h.signInAs(MEMBER)
  await h.renderPage('member/pages/grids/index')
  await h.findByText(FULL)
}

describe('网格目录', () => {
  it('lists the towns with their grid counts and every grid with its town and 四个一', async () => {
    await openDirectory()
    await h.findByText('全部 3')
    await h.findByText('西溪街道 2')
    await h.findByText('转塘街道 1')
    expect(gridNames()).toHaveLength(3)
    const card = (await h.findByText(FULL)).closest('.grid-card') as Element
    expect(card.textContent).toContain('西溪街道 · 成员 1 人')
    // It has all four: no 缺 badge.
    expect(card.querySelectorAll('.four-ones__tag')).toHaveLength(4)
    expect(card.querySelector('.four-ones__tag--missing')).toBeNull()
  })

  it('marks what a grid lacks', async () => {
    await openDirectory()
    const card = (await h.findByText(LEADERLESS)).closest('.grid-card') as Element
    expect(card.querySelector('.four-ones__tag--missing')?.textContent).toBe('缺网格长')
  })

  it('filters by town', async () => {
    await openDirectory()
    await h.click(await h.findByText('转塘街道 1'))
    await h.waitUntil(() => expect(gridNames()).toEqual([PARK]))
    expect(h.calls.at(-1)).toMatchObject({ action: 'list', data: { townId: 'zhuantang' } })
    await h.click(await h.findByText('全部 3'))
    await h.waitUntil(() => expect(gridNames()).toHaveLength(3))
  })

  it('searches by name and says so when nothing matches', async () => {
    await openDirectory()
    const input = await h.findBySelector('.nut-searchbar input')
    await h.type(input, '文三')
    await h.click('搜索')
    await h.waitUntil(() => expect(gridNames()).toEqual([FULL]))
    await h.type(input, '不存在的网格')
    await h.click('搜索')
    await h.findByText('没有找到相关网格')
    // Already on 全部: the hint does not send the member to 全部.
    await h.findByText('换个关键词试试。')
    expect(h.page().textContent).not.toContain('切到「全部」')
    // Within one town it does.
    await h.click(await h.findByText('转塘街道 1'))
    await h.findByText('换个关键词，或者切到「全部」看看。')
  })

  it('opens a grid', async () => {
    await openDirectory()
    await h.click(await h.findByText(FULL))
    const [grid] = await h.store.grids.list({ q: '文三' })
    expect(h.navigations).toEqual([{ api: 'navigateTo', url: `/member/pages/grid/index?id=${grid.id}` }])
  })
})
