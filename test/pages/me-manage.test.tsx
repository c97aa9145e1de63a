import { aGrid, aMember, aPlan } from '../support/factories'
import { setupPageHarness, type TestStore } from './harness'
import { createSummon, gridIdOf, LEADER, MEMBER, MEMBER_NAME, SUMMON_GRID, summonWorld } from './summon-fixtures'

const SECOND_GRID = '测试园区网格'
/** The summon cast; the leader leads a second grid; SUMMON_GRID collects ideas on a plan, one of them waiting. */
async function world(store: TestStore) {
  await summonWorld(store)
  await aGrid(store, { name: SECOND_GRID, kind: 'park', leaders: [LEADER] })
  const author = await aMember(store)
  await aPlan(store, {
    gridId: await gridIdOf(store, SUMMON_GRID),
    publishedBy: LEADER,
    ideas: [{ by: author.openid, pending: true }],
  })
}

const h = setupPageHarness({ fixture: world })

const HOUR = 3600_000

describe('我的 · 管理中心', () => {
  it('is for leaders only', async () => {
    h.signInAs(MEMBER)
    await h.renderPage('pages/me/index')
    await h.findByText(MEMBER_NAME)
    expect(h.queryByText('管理中心')).toBeNull()
  })

  it('offers 发布召集令 and 海报 of the chosen grid', async () => {
    h.signInAs(LEADER)
    await h.renderPage('pages/me/index')
    await h.findByText('管理中心')
    await h.click('发布召集令')
    await h.navigatedTo('/leader/pages/summon-publish/index')
    // The second grid led, chosen above the tools.
    const chips = await h.findBySelector('.manage-center__grids')
    const chip = Array.from(chips.querySelectorAll('*')).find((e) => e.textContent === SECOND_GRID)!
    await h.click(chip)
    await h.click('海报')
    const second = await gridIdOf(h.store, SECOND_GRID)
    await h.navigatedTo(`/leader/pages/poster/index?gridId=${second}`)
  })

  it('出示签到码 opens the live code of the summon under way, else the next one', async () => {
    const gridId = await gridIdOf(h.store, SUMMON_GRID)
    // One ahead (in two days) and one under way.
    await createSummon(h.store, { title: '测试 · 后天的活动' })
    await createSummon(h.store, {
      title: '测试 · 正在进行',
      startAt: new Date(Date.now() - HOUR).toISOString(),
      endAt: new Date(Date.now() + HOUR).toISOString(),
    })
    h.signInAs(LEADER)
    await h.renderPage('pages/me/index')
    await h.findByText('管理中心')
    await h.click('出示签到码')
    const nav = await h.navigatedTo('/leader/pages/live-code/index?summonId=')
    const shown = await h.store.summons.get(new URL(`http://x${nav.url}`).searchParams.get('summonId')!)
    const now = new Date().toISOString()
    // A summon of the chosen grid that is under way, not merely the next.
    expect(shown?.gridId).toBe(gridId)
    expect(shown!.startAt <= now && now < shown!.endAt).toBe(true)
  })

  it('待审建议 opens the collecting plan of the grid, where waiting ideas come first', async () => {
    h.signInAs(LEADER)
    await h.renderPage('pages/me/index')
    await h.findByText('管理中心')
    await h.click('待审建议')
    const nav = await h.navigatedTo('/member/pages/plan/index?id=')
    const planId = new URL(`http://x${nav.url}`).searchParams.get('id')!
    const plan = await h.store.plans.get(planId)
    expect(plan?.gridId).toBe(await gridIdOf(h.store, SUMMON_GRID))
    expect(plan?.finalizedAt).toBeNull()
  })
})
