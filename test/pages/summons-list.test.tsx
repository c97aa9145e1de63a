import { setupPageHarness } from './harness'
import { createSummon, LEADER, MEMBER } from './demo-fixtures'

const h = setupPageHarness()

async function openList(openid: string) {
  h.signInAs(openid)
  await h.renderPage('pages/summons/index')
  await h.findBySelector('.summon-list')
}

/** Switches to the tab with this title (全部 · 我的网格 · 已报名). */
async function tab(title: string) {
  const titles = await h.waitUntil(() => {
    const found = Array.from(h.page().querySelectorAll('.nut-tabs-titles-item'))
    if (!found.length) throw new Error('no tabs yet')
    return found
  })
  const hit = titles.find((t) => t.textContent?.trim() === title)
  if (!hit) throw new Error(`no tab ${title}`)
  await h.click(hit)
}

const cards = () => Array.from(h.page().querySelectorAll('.summon-card'))
const cardOf = async (title: string) => (await h.findByText(title, '.summon-card__title')).closest('.summon-card')!

describe('召集令 (home tab)', () => {
  it('lists what is still ahead with grid, time, places and state', async () => {
    await openList(MEMBER)
    const main = await cardOf('乐创汇创业沙龙 · 第 12 期')
    expect(main.textContent).toContain('莲花商圈楼宇网格')
    expect(main.textContent).toContain('后天 14:00')
    expect(main.textContent).toContain('莲花商务中心 1 楼青年之家')
    expect(main.textContent).toContain('已报名 4/30')
    expect(main.textContent).toContain('报名中')

    const full = await cardOf('凤凰创客训练营 · 路演彩排')
    expect(full.textContent).toContain('已报名 6/6 · 候补 2')
    expect(full.textContent).toContain('已满可候补')
    expect((await cardOf('首善爱心汇 · 冬衣募集分拣')).textContent).toContain('已截止')
    const live = await cardOf('圈子学堂 · 午间效率小课')
    expect(live.textContent).toContain('进行中')
    expect(live.querySelector('.summon-card__mine')?.textContent).toBe('已报名')
    // Without a capacity: just the count.
    expect((await cardOf('职场新人评选 · 报名说明会')).textContent).toContain('已报名 2')
    const district = await cardOf('雷锋列车 · 西湖区青年志愿服务日')
    expect(district.textContent).toContain('全区（西湖区团委）')
    // Ended and withdrawn summons are not in 全部.
    expect(h.queryByText('乐创汇创业沙龙 · 第 11 期')).toBeNull()
    expect(h.queryByText('周末草地音乐会')).toBeNull()
  })

  it('已报名 lists my sign-ups, ended ones too', async () => {
    await openList(MEMBER)
    await cardOf('乐创汇创业沙龙 · 第 12 期')
    await tab('已报名')
    const ended = await cardOf('乐创汇创业沙龙 · 第 11 期')
    expect(ended.textContent).toContain('已结束')
    await h.waitForCount('.summon-card', 3)
    expect(h.queryByText('乐创汇创业沙龙 · 第 12 期')).toBeNull()
  })

  it('已报名 marks a withdrawn summon 已撤回, not 已报名', async () => {
    const summonId = await createSummon(h.store, { title: '测试召集令 · 撤回的活动' })
    await h.store.summons.signUp(summonId, MEMBER, new Date())
    await h.store.summons.withdraw(summonId, '改期', new Date())
    await openList(MEMBER)
    await tab('已报名')
    const card = await cardOf('测试召集令 · 撤回的活动')
    expect(card.querySelector('.summon-card__mine')?.textContent).toBe('已撤回')
  })

  it('我的网格 lists the summons of my grids', async () => {
    await openList(MEMBER)
    await tab('我的网格')
    await cardOf('乐创汇创业沙龙 · 第 11 期')
    await h.waitForCount('.summon-card', 3)
    expect(h.queryByText('凤凰创客训练营 · 路演彩排')).toBeNull()
  })

  it('tells a newcomer what to do next on empty tabs', async () => {
    await openList('o_new_person')
    await tab('我的网格')
    await h.findByText('你还没有加入网格')
    await tab('已报名')
    await h.findByText('你还没有报名')
    await h.click('去看看召集令')
    await cardOf('乐创汇创业沙龙 · 第 12 期')
  })

  it('loads the next page with the cursor', async () => {
    // Six open summons in the demo, fifteen more here: pages of 10, 10 and 1.
    for (let i = 1; i <= 15; i++) await createSummon(h.store, { title: `测试分页 ${i}` })
    await openList(MEMBER)
    await h.waitForCount('.summon-card', 10)
    await h.click('上拉或点此加载更多')
    await h.waitForCount('.summon-card', 20)
    await h.click('上拉或点此加载更多')
    await h.waitForCount('.summon-card', 21)
    await h.findByText('没有更多了')
    expect(new Set(cards().map((c) => c.textContent)).size).toBe(21)
    expect(
      h.calls.filter((c) => c.action === 'list').map((c) => Boolean((c.data as { cursor?: string }).cursor)),
    ).toEqual([false, true, true])
  })

  it('offers leaders 发布召集令, and members not', async () => {
    await openList(MEMBER)
    await cardOf('乐创汇创业沙龙 · 第 12 期')
    expect(h.queryByText('发布召集令')).toBeNull()

    await openList(LEADER)
    await h.click(await h.findByText('发布召集令'))
    await h.navigatedTo('/leader/pages/summon-publish/index')
  })

  it('opens the detail page from a card', async () => {
    await openList(MEMBER)
    await h.click(await cardOf('乐创汇创业沙龙 · 第 12 期'))
    await h.navigatedTo('/member/pages/summon/index?id=')
  })
})

describe('召集令 tabs say their order and keep it (issue 12)', () => {
  /** The cards' start times in the order shown. */
  const starts = async (title: string) => {
    await cardOf(title)
    return h.calls
      .filter((c) => c.action === 'list' && c.envelope.ok)
      .map((c) => (c.envelope.ok ? (c.envelope.data as { items: { startAt: string }[] }).items : []))
      .pop()!
      .map((i) => i.startAt)
  }

  it('全部 lists the soonest start first and says so; 已报名 the latest first and says so', async () => {
    await openList(MEMBER)
    const ahead = await starts('乐创汇创业沙龙 · 第 12 期')
    expect(ahead).toEqual([...ahead].sort())
    await h.findByText('按开始时间排列，最先开始的在前')
    await tab('已报名')
    const mine = await starts('乐创汇创业沙龙 · 第 11 期')
    expect(mine).toEqual([...mine].sort().reverse())
    await h.findByText('按开始时间排列，最近的在前')
  })
})
