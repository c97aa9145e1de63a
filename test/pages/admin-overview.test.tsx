import { percentText, weekBars } from '../../src/admin/utils/overview'
import { hoursText } from '../../src/utils/hours'
import { HOUR_MS } from '../../types/rules'
import { aCheckIn, aGrid, aMember, aPlan, aSummon, uniqueId } from '../support/factories'
import { setupPageHarness, type TestStore } from './harness'

jest.setTimeout(30_000)

/**
 * The district the page shows, built with factories: four grids in two towns.
 * - FULL (西溪, complete 四个一, a leader, three members): poster scans, an ended summon with two of three
 *   signed-up members attending and one walk-in (现场签到), a summon ahead, a plan with decided ideas;
 * - PARTNER (西溪, complete, a leader): one scan, so 西溪 has two grids;
 * - LEADERLESS (北山, no leader): one scan;
 * - QUIET (北山, no online base, no activity): 30天无活动.
 * And two organisations, one with a member (in FULL), one without.
 */
const ADMIN = 'o_ov_admin'
const LEADER = 'o_ov_leader'
const MEMBER = 'o_ov_member'
const FULL = '文三数字青年网格'
const PARTNER = '西溪湿地青年网格'
const LEADERLESS = '北山村村青年网格'
const QUIET = '北山安静网格'
const ORG = '西溪数字科技团委'
const EMPTY_ORG = '北山街道团工委'

async function district(store: TestStore) {
  await aMember(store, { name: '区团委' }, ADMIN)
  await store.users.addAdmin(ADMIN)
  await aMember(store, { name: '网格长' }, LEADER)
  await aMember(store, { name: '测试青年' }, MEMBER)
  const people = [MEMBER]
  for (let i = 0; i < 3; i++) people.push((await aMember(store)).openid)
  const full = await aGrid(store, { name: FULL, townId: 'xixi', leaders: [LEADER], members: people.slice(0, 3) })
  const partner = await aGrid(store, { name: PARTNER, townId: 'xixi', leaders: [LEADER] })
  const leaderless = await aGrid(store, { name: LEADERLESS, townId: 'beishan' })
  await aGrid(store, { name: QUIET, townId: 'beishan', online: [] })
  for (const [i, openid] of people.slice(0, 3).entries()) await aCheckIn(store, openid, full.id, (i + 1) * HOUR_MS)
  await aCheckIn(store, people[3], partner.id)
  await aCheckIn(store, people[3], leaderless.id, 2 * HOUR_MS)
  const ended = await aSummon(store, {
    gridId: full.id,
    publishedBy: LEADER,
    startsInMs: -5 * HOUR_MS,
    capacity: 10,
    signUps: people.slice(0, 3),
    attended: people.slice(0, 2),
  })
  // A walk-in: the fourth came without signing up.
  await store.checkins.record(
    {
      openid: people[3],
      requestId: uniqueId('walkin'),
      gridId: full.id,
      summonId: ended.id,
      method: 'live',
      verifiedBy: ['live'],
    },
    new Date(Date.parse(ended.startAt) + 15 * 60_000),
    10,
  )
  await aSummon(store, { gridId: full.id, publishedBy: LEADER, capacity: 20, signUps: [MEMBER] })
  // Two organisations: ORG with MEMBER (a member of FULL), EMPTY_ORG without members.
  const now = new Date()
  const org = await store.orgs.create({ name: ORG, kind: 'company', townId: 'xixi' }, now)
  await store.orgs.create({ name: EMPTY_ORG, kind: 'committee', townId: 'beishan' }, now)
  await store.orgs.createInvite(org.id, 'member', 'OVINVITE01', ADMIN, new Date(now.getTime() + 24 * HOUR_MS))
  await store.orgs.joinByInvite('OVINVITE01', MEMBER, now)
  await aPlan(store, {
    gridId: full.id,
    publishedBy: LEADER,
    ideas: [{ by: MEMBER, decision: 'adopted' }, { by: people[1], decision: 'declined' }, { by: people[2] }],
  })
}

const h = setupPageHarness({ fixture: district })

const OVERVIEW = 'admin/pages/overview/index'
const cards = () => Array.from(h.page().querySelectorAll('.grid-stats'))
const cardOf = (name: string) => cards().find((c) => c.querySelector('.grid-stats__name')?.textContent === name)
const figuresOf = (card: Element) =>
  Object.fromEntries(
    Array.from(card.querySelectorAll('.grid-stats__figure')).map((f) => [
      f.querySelector('.grid-stats__label')?.textContent,
      f.querySelector('.grid-stats__value')?.textContent,
    ]),
  )

/** The innermost element of a filter or sort choice showing exactly `text`. */
const choice = (group: string, text: string) =>
  h.waitUntil(() => {
    const all = Array.from(h.page().querySelectorAll(`.overview__${group} *`))
    const hit = all.filter((e) => e.textContent === text).pop()
    if (!hit) throw new Error(`no choice ${text}`)
    return hit
  })

async function openOverview() {
  h.signInAs(ADMIN)
  await h.renderPage(OVERVIEW)
  await h.findByText('网格', '.totals__label')
}

describe('网格一张图', () => {
  it('shows the district totals and each grid with the figures the server computed', async () => {
    const expected = await h.callAs(ADMIN, 'stats.overview', {})
    await openOverview()
    const total = (key: string) => h.page().querySelector(`.totals__card--${key} .totals__value`)?.textContent
    expect(total('grids')).toBe(String(expected.totals.grids))
    expect(total('complete')).toBe(`${expected.totals.fourOnesComplete}/${expected.totals.grids}`)
    expect(total('members')).toBe(String(expected.totals.members))
    expect(total('summons')).toBe(String(expected.totals.summons30d))
    expect(total('ideas')).toBe(String(expected.totals.ideas))
    expect(total('quiet')).toBe(String(expected.totals.quiet))
    // 现场签到: the walk-in at FULL's ended summon, counted apart from the sign-ups.
    expect(total('walkins')).toBe('1')

    await h.waitUntil(() => expect(cards()).toHaveLength(expected.grids.length))
    const full = expected.grids.find((g) => g.name === FULL)!
    expect(full.summons30d).toBeGreaterThan(0)
    // Two of the three signed up came: 出勤率 is about sign-ups, the walk-in is not in it.
    expect([full.attendanceRate, full.walkins]).toEqual([0.667, 1])
    const card = cardOf(FULL)!
    expect(card.querySelector('.grid-stats__score')?.textContent).toBe(`${full.score} 分`)
    expect(figuresOf(card)).toEqual({
      成员: String(full.members),
      '30天签到': String(full.checkIns30d),
      '30天召集令': String(full.summons30d),
      报名率: percentText(full.fillRate),
      出勤率: percentText(full.attendanceRate),
      爽约率: percentText(full.noShowRate),
      现场签到: '1',
      建议: String(full.ideas),
      采纳率: percentText(full.adoptionRate),
      志愿时长: `${hoursText(full.hours ?? 0)} 小时`,
    })
    expect(card.textContent).toContain('西溪街道')
    expect(card.textContent).toMatch(/最近活动 (\d+|一) ?(天|小时)前/)
    expect(card.querySelector('.four-ones__tag--missing')).toBeNull()
    // A grid without a leader shows what it lacks.
    expect(cardOf(LEADERLESS)?.querySelector('.four-ones__tag--missing')?.textContent).toBe('缺网格长')
  })

  it('says how old the figures are, and 刷新 fetches them anew', async () => {
    await openOverview()
    await h.findByText('数据更新于刚刚', '.overview__as-of')
    await h.click(await h.findBySelector('.overview__refresh'))
    await h.findByText('已更新到最新')
    await h.findByText('数据更新于刚刚', '.overview__as-of')
  })

  it('filters 四个一不完整: only incomplete grids remain', async () => {
    const expected = await h.callAs(ADMIN, 'stats.overview', {})
    const incomplete = expected.grids.filter((g) => !Object.values(g.fourOnes).every(Boolean))
    expect(incomplete.length).toBeGreaterThan(0)
    expect(incomplete.length).toBeLessThan(expected.grids.length)
    await openOverview()
    await h.waitUntil(() => expect(cards()).toHaveLength(expected.grids.length))

    await h.click(await choice('filter', '四个一不完整'))
    await h.waitUntil(() => expect(cards()).toHaveLength(incomplete.length))
    for (const card of cards()) expect(card.querySelector('.four-ones__tag--missing')).not.toBeNull()
    expect(cardOf(FULL)).toBeUndefined()
    expect(cardOf(LEADERLESS)).toBeDefined()

    await h.click(await choice('filter', '30天无活动'))
    const quiet = expected.grids.filter((g) => g.quiet)
    await h.waitUntil(() => expect(cards()).toHaveLength(quiet.length))
    for (const card of cards()) expect(card.textContent).toContain('30天无活动')
  })

  it('sorts by score, by last activity, and puts incomplete grids first by default', async () => {
    const expected = await h.callAs(ADMIN, 'stats.overview', {})
    await openOverview()
    const names = () => cards().map((c) => c.querySelector('.grid-stats__name')?.textContent)
    await h.waitUntil(() => expect(cards()).toHaveLength(expected.grids.length))
    const missing = (name?: string | null) =>
      Object.values(expected.grids.find((g) => g.name === name)!.fourOnes).filter((ok) => !ok).length
    const byDefault = names().map(missing)
    expect(byDefault).toEqual([...byDefault].sort((a, b) => b - a))

    await h.click(await choice('sort', '按得分'))
    const best = [...expected.grids].sort((a, b) => b.score - a.score)[0]
    await h.waitUntil(() => expect(names()[0]).toBe(best.name))

    await h.click(await choice('sort', '按最近活动'))
    const latest = [...expected.grids].sort(
      (a, b) => Date.parse(b.lastActivityAt ?? '1970-01-01') - Date.parse(a.lastActivityAt ?? '1970-01-01'),
    )[0]
    await h.waitUntil(() => expect(names()[0]).toBe(latest.name))
  })

  it('shows the towns with their grids summed, and a town opens its grids', async () => {
    await openOverview()
    await h.click('镇街')
    const xixi = await h.findByText('西溪街道', '.town-list__name')
    const row = xixi.closest('.town-list__row')!
    expect(row.textContent).toContain('网格 2')
    await h.click(row)
    await h.waitUntil(() =>
      expect(
        cards()
          .map((c) => c.querySelector('.grid-stats__name')?.textContent)
          .sort(),
      ).toEqual([FULL, PARTNER].sort()),
    )
  })

  it('ranks the grids by score with the weights the server uses written out', async () => {
    const expected = await h.callAs(ADMIN, 'stats.overview', {})
    await openOverview()
    await h.click('考核排名')
    const w = expected.weights
    const written = await h.findBySelector('.score-ranking__weights-text')
    expect(written.textContent?.replace(/\u00a0/g, ' ')).toBe(
      `四个一 ${w.fourOnes} · 活跃度 ${w.activity} · 报名率 ${w.fillRate} · 出勤率 ${w.attendanceRate} · 采纳率 ${w.adoptionRate} · 志愿时长 ${w.hours}`,
    )
    const scores = Array.from(h.page().querySelectorAll('.score-ranking__score')).map((s) => Number(s.textContent))
    expect(scores).toEqual([...expected.grids.map((g) => g.score)].sort((a, b) => b - a))
    const top = h.page().querySelector('.score-ranking__fill') as HTMLElement
    expect(top.style.width).toBe(`${scores[0]}%`)
  })

  it('shows the organisations weakest first with their rates, and where their members serve', async () => {
    const expected = await h.callAs(ADMIN, 'stats.orgs', {})
    await openOverview()
    await h.click('组织')
    await h.findByText('组织成员在各镇街的分布')
    const names = Array.from(h.page().querySelectorAll('.org-stats__name')).map((n) => n.textContent)
    expect(names).toEqual(expected.items.map((o) => o.name))
    const rates = expected.items.map((o) => o.participationRate ?? -1)
    expect(rates).toEqual([...rates].sort((a, b) => a - b))
    // The heat grid: a row per organisation whose members reported to grids, a cell per town.
    const rows = Array.from(h.page().querySelectorAll('.org-heat__row .org-heat__label')).map((l) => l.textContent)
    expect(rows).toContain(ORG)
    expect(rows).not.toContain(EMPTY_ORG)
  })

  it('shows 暂无数据 for a rate without data, which earns nothing, and ⓘ explains the score', async () => {
    expect(percentText(null)).toBe('暂无数据')
    const grid = await h.store.grids.create(
      { name: '空空的新网格', townId: 'xihu', kind: 'community', base: { address: '灵隐路 18 号' } },
      new Date(),
    )
    const expected = await h.callAs(ADMIN, 'stats.overview', {})
    const empty = expected.grids.find((g) => g.gridId === grid.id)!
    // Only its base counts (四个一 25 × 1/4): no members, no activity, no rates, no hours.
    expect(empty.score).toBe(6.3)
    await openOverview()
    await h.waitUntil(() => expect(cardOf('空空的新网格')).toBeDefined())
    expect(figuresOf(cardOf('空空的新网格')!)).toMatchObject({
      报名率: '暂无数据',
      出勤率: '暂无数据',
      采纳率: '暂无数据',
    })
    await h.click('考核排名')
    await h.click(await h.findBySelector('.score-ranking__explain'))
    // The dialog may be drawn outside the page element.
    await h.waitUntil(() => expect(document.body.textContent).toContain('没有数据的一项不得分'))
  })

  it('draws the weekly check-ins from real scans, per district and per town', async () => {
    const before = (await h.callAs(ADMIN, 'stats.overview', { fresh: true })).weeks
    const total = (weeks: typeof before) => weeks.reduce((sum, w) => sum + w.total, 0)
    const [grid] = await h.store.grids.list({ q: FULL })
    const { scene } = await h.callAs(LEADER, 'grids.posterCode', { gridId: grid.id })
    for (const n of [1, 2, 3]) {
      await h.callAs(`o_scan_${n}`, 'checkin.scan', { code: scene, requestId: `page-test-scan-${n}` })
    }
    await openOverview()
    await h.findByText(`12 周共 ${total(before) + 3} 人次，每周从周一算起`)
    const values = Array.from(h.page().querySelectorAll('.week-chart__value')).map((v) => v.textContent)
    expect(values).toHaveLength(12)
    expect(values[11]).toBe(String(before[11].total + 3))
    // Per town: the same weeks counted from byTown (the scans were in 西溪街道).
    const { weeks } = await h.callAs(ADMIN, 'stats.overview', {})
    expect(weekBars(weeks, 'xixi').map((b) => b.value)[11]).toBe(weekBars(before, 'xixi')[11].value + 3)
    expect(weekBars(weeks, 'beishan').map((b) => b.value)).toEqual(weekBars(before, 'beishan').map((b) => b.value))
  })

  it('exports the assessment table as a CSV download (H5)', async () => {
    const blobs: Blob[] = []
    const downloads: string[] = []
    const urls = URL as unknown as { createObjectURL: (b: Blob) => string; revokeObjectURL: (u: string) => void }
    urls.createObjectURL = (blob: Blob) => {
      blobs.push(blob)
      return 'blob:grids'
    }
    urls.revokeObjectURL = () => undefined
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloads.push(this.download)
    })
    try {
      await openOverview()
      await h.click(await h.findBySelector('.overview__export-grids'))
      await h.findByText('已开始下载')
      expect(downloads).toHaveLength(1)
      expect(downloads[0]).toMatch(/^网格考核-\d{8}-\d{4}\.csv$/)
      const text = await new Promise<string>((resolve) => {
        const reader = new FileReader()
        reader.onload = () => resolve(String(reader.result))
        reader.readAsText(blobs[0])
      })
      expect(text).toContain('考核得分')
      expect(text).toContain(FULL)
      expect(h.calls.filter((c) => c.action === 'export')).toHaveLength(1)
    } finally {
      click.mockRestore()
    }
  })

  it('lists the grids 20 at a time from the server: 加载更多 brings the rest, the count from the summary', async () => {
    // 22 more grids in 西溪 (26 in all), none of them complete (no leader).
    for (let i = 0; i < 22; i++) await aGrid(h.store, { name: `分页网格${String(i).padStart(2, '0')}`, townId: 'xixi' })
    const all = await h.callAs(ADMIN, 'stats.overview', {})
    expect(all.grids).toHaveLength(26)
    await openOverview()
    await h.waitUntil(() => expect(cards()).toHaveLength(20))
    // The page asked for the summary alone: no list of every grid crossed the wire.
    const summary = h.calls.find((c) => c.action === 'overview')!
    expect(summary.data).toEqual({ summary: true })
    expect(summary.envelope.ok && (summary.envelope.data as { grids: unknown[] }).grids).toEqual([])
    expect((await h.findBySelector('.overview__count')).textContent).toContain('共 26 个网格')
    await h.click('加载更多')
    await h.waitUntil(() => expect(cards()).toHaveLength(26))
    await h.findByText('已经是全部网格了')
    // Each grid once, in the server's order (不完整优先: most missing first, then lowest score).
    const names = cards().map((c) => c.querySelector('.grid-stats__name')?.textContent)
    expect(new Set(names).size).toBe(26)
    // 四个一不完整 in 西溪: the count follows the summary's town row.
    await h.click(await choice('filter', '四个一不完整'))
    await h.waitUntil(() => expect(cards()).toHaveLength(20))
    expect(h.page().querySelector('.overview__count')?.textContent).toContain(
      `共 ${all.grids.filter((g) => !Object.values(g.fourOnes).every(Boolean)).length} 个网格`,
    )
    // 考核排名: best first, ranks numbered on across pages.
    await h.click('考核排名')
    await h.waitUntil(() => expect(h.page().querySelectorAll('.score-ranking__row')).toHaveLength(20))
    await h.click('加载更多')
    await h.waitUntil(() => expect(h.page().querySelectorAll('.score-ranking__row')).toHaveLength(26))
    const ranks = Array.from(h.page().querySelectorAll('.score-ranking__rank')).map((r) => Number(r.textContent))
    expect(ranks).toEqual(Array.from({ length: 26 }, (_, i) => i + 1))
    const scores = Array.from(h.page().querySelectorAll('.score-ranking__score')).map((r) => Number(r.textContent))
    expect(scores).toEqual(all.grids.map((g) => g.score).sort((a, b) => b - a))
  }, 120_000)

  it('tells a member the page is for admins', async () => {
    h.signInAs(MEMBER)
    await h.renderPage(OVERVIEW)
    await h.findByText('只有区团委管理员可以查看')
    expect(h.calls.some((c) => c.action === 'overview' && c.envelope.ok)).toBe(false)
  })

  it('opens a grid’s management page from its card', async () => {
    await openOverview()
    // The cards come with their own page (stats.grids), after the summary.
    const card = await h.waitUntil(() => {
      const found = cardOf(PARTNER)
      if (!found) throw new Error('no card yet')
      return found
    })
    await h.click(card)
    const [grid] = await h.store.grids.list({ q: PARTNER })
    await h.navigatedTo(`/admin/pages/grid-manage/index?id=${grid.id}`)
  })
})
