import { aGrid, aMember } from '../support/factories'
import { setupPageHarness, type TestStore } from './harness'
import {
  ADMIN,
  beijingAt,
  createSummon,
  inHours,
  LEADER,
  MEMBER,
  SUMMON_GRID,
  SUMMON_GRID_ADDRESS,
  summonWorld,
} from './summon-fixtures'

const MAIN = '测试召集令 · 创业沙龙'
const FULL = '测试召集令 · 路演彩排'
const CLOSED = '测试召集令 · 冬衣分拣'
const LIVE = '测试召集令 · 午间小课'
const UNLIMITED = '测试召集令 · 说明会'
const DISTRICT = '测试召集令 · 全区志愿服务日'
const ENDED = '测试召集令 · 上一期沙龙'
const WITHDRAWN = '测试召集令 · 草地音乐会'
const OTHER_GRID = '测试园区网格'

/**
 * The summon cast and, in every state: at SUMMON_GRID (the member's) an open one (MAIN), one under way
 * (LIVE) and one that ended (ENDED); at another grid a full one with a waitlist, one past its sign-up
 * deadline, one without a capacity and a withdrawn one; and a district-wide one. The member signed up for
 * LIVE, ENDED and DISTRICT. Six are open (still ahead, not withdrawn).
 */
async function world(store: TestStore) {
  await summonWorld(store)
  const other = await aGrid(store, { name: OTHER_GRID, kind: 'park', leaders: [LEADER] })
  /** Signs up `openids` and `count` new members, a minute apart from an hour after publication. */
  const signUps = async (summonId: string, count: number, ...openids: string[]) => {
    for (let i = 0; i < count; i++) openids.push((await aMember(store)).openid)
    const published = (await store.summons.get(summonId))!.createdAt
    for (const [i, openid] of openids.entries())
      await store.summons.signUp(summonId, openid, new Date(new Date(published).getTime() + (60 + i) * 60_000))
  }
  const main = await createSummon(store, {
    title: MAIN,
    startAt: beijingAt(2, 14),
    endAt: beijingAt(2, 16, 30),
    place: SUMMON_GRID_ADDRESS,
    capacity: 30,
  })
  await signUps(main, 4)
  await signUps(
    await createSummon(store, {
      title: FULL,
      gridId: other.id,
      capacity: 6,
      startAt: inHours(96),
      endAt: inHours(100),
    }),
    8,
  )
  const closed = {
    title: CLOSED,
    gridId: other.id,
    capacity: 20,
    signUpDeadline: inHours(-2),
    startAt: inHours(24),
    endAt: inHours(27),
  }
  await signUps(await createSummon(store, closed, 120), 7)
  const live = { title: LIVE, startAt: inHours(-0.5), endAt: inHours(2.5), capacity: 40 }
  await signUps(await createSummon(store, live, 72), 5, MEMBER)
  await signUps(
    await createSummon(store, { title: UNLIMITED, gridId: other.id, startAt: inHours(72), endAt: inHours(74) }, 24),
    2,
  )
  const district = {
    title: DISTRICT,
    gridId: null,
    publishedBy: ADMIN,
    capacity: 200,
    startAt: inHours(216),
    endAt: inHours(220),
  }
  await signUps(await createSummon(store, district, 24), 6, MEMBER)
  const ended = { title: ENDED, startAt: inHours(-72), endAt: inHours(-70), capacity: 30 }
  await signUps(await createSummon(store, ended, 240), 8, MEMBER)
  const withdrawn = await createSummon(
    store,
    { title: WITHDRAWN, gridId: other.id, startAt: inHours(144), endAt: inHours(146) },
    96,
  )
  await signUps(withdrawn, 4)
  await store.summons.withdraw(withdrawn, '天气预报周末有大雨，改期后另行通知', new Date(Date.now() - 24 * 3_600_000))
}

const h = setupPageHarness({ fixture: world })

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
    const main = await cardOf(MAIN)
    expect(main.textContent).toContain(SUMMON_GRID)
    expect(main.textContent).toContain('后天 14:00')
    expect(main.textContent).toContain(SUMMON_GRID_ADDRESS)
    expect(main.textContent).toContain('已报名 4/30')
    expect(main.textContent).toContain('报名中')

    const full = await cardOf(FULL)
    expect(full.textContent).toContain('已报名 6/6 · 候补 2')
    expect(full.textContent).toContain('已满可候补')
    expect((await cardOf(CLOSED)).textContent).toContain('已截止')
    const live = await cardOf(LIVE)
    expect(live.textContent).toContain('进行中')
    expect(live.querySelector('.summon-card__mine')?.textContent).toBe('已报名')
    // Without a capacity: just the count.
    expect((await cardOf(UNLIMITED)).textContent).toContain('已报名 2')
    const district = await cardOf(DISTRICT)
    expect(district.textContent).toContain('全区（西湖区团委）')
    // Ended and withdrawn summons are not in 全部.
    expect(h.queryByText(ENDED)).toBeNull()
    expect(h.queryByText(WITHDRAWN)).toBeNull()
  })

  it('已报名 lists my sign-ups, ended ones too', async () => {
    await openList(MEMBER)
    await cardOf(MAIN)
    await tab('已报名')
    const ended = await cardOf(ENDED)
    expect(ended.textContent).toContain('已结束')
    await h.waitForCount('.summon-card', 3)
    expect(h.queryByText(MAIN)).toBeNull()
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
    await cardOf(ENDED)
    await h.waitForCount('.summon-card', 3)
    expect(h.queryByText(FULL)).toBeNull()
  })

  it('tells a newcomer what to do next on empty tabs', async () => {
    await openList('o_new_person')
    await tab('我的网格')
    await h.findByText('你还没有加入网格')
    await tab('已报名')
    await h.findByText('你还没有报名')
    await h.click('去看看召集令')
    await cardOf(MAIN)
  })

  it('loads the next page with the cursor', async () => {
    // Six open summons in the world, fifteen more here: pages of 10, 10 and 1.
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
    await cardOf(MAIN)
    expect(h.queryByText('发布召集令')).toBeNull()

    await openList(LEADER)
    await h.click(await h.findByText('发布召集令'))
    await h.navigatedTo('/leader/pages/summon-publish/index')
  })

  it('opens the detail page from a card', async () => {
    await openList(MEMBER)
    await h.click(await cardOf(MAIN))
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
    const ahead = await starts(MAIN)
    expect(ahead).toEqual([...ahead].sort())
    await h.findByText('按开始时间排列，最先开始的在前')
    await tab('已报名')
    const mine = await starts(ENDED)
    expect(mine).toEqual([...mine].sort().reverse())
    await h.findByText('按开始时间排列，最近的在前')
  })
})
