import { setupPageHarness } from './harness'
import { createSummon, gridIdOf, LEADER, MEMBER } from './demo-fixtures'

const h = setupPageHarness()

const HOUR = 3600_000

describe('我的 · 管理中心', () => {
  it('is for leaders only', async () => {
    h.signInAs(MEMBER)
    await h.renderPage('pages/me/index')
    await h.findByText('陈晓青')
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
    const chip = Array.from(chips.querySelectorAll('*')).find((e) => e.textContent === '凤凰创意园区创业网格')!
    await h.click(chip)
    await h.click('海报')
    const fenghuang = await gridIdOf(h.store, '凤凰创意园区创业网格')
    await h.navigatedTo(`/leader/pages/poster/index?gridId=${fenghuang}`)
  })

  it('出示签到码 opens the live code of the summon under way, else the next one', async () => {
    const gridId = await gridIdOf(h.store, '莲花商圈楼宇网格')
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
    // A summon of the chosen grid that is under way (the demo has one too), not merely the next.
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
    expect(plan?.gridId).toBe(await gridIdOf(h.store, '莲花商圈楼宇网格'))
    expect(plan?.finalizedAt).toBeNull()
  })
})
