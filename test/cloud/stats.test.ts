/**
 * 网格一张图: the territory figures on a small scenario whose every number is worked out by hand in the
 * comments, the weekly pictures, permissions, CSV exports and the quiet-grid job.
 */
import { notifyQuietGrids } from '../../cloud/jobs/quiet'
import { takeStatsSnapshots } from '../../cloud/jobs/snapshots'
import { createLocalPlatform } from '../../cloud/platform/local'
import { assessmentScore, SCORE_WEIGHTS } from '../../cloud/domain/stats'
import { weekStartOf } from '../../cloud/domain/time'
import type { GridInput, GridStats } from '../../types'
import { formulaLines, readCsv } from '../support/csv'
import { onWxCloud, standInFor } from '../support/store'
import { createHarness, errorOf, NOW, okData, platformWithoutImages, seedProfiles, type Harness } from './helpers'

const DAY = 86_400_000
const daysAgo = (d: number) => new Date(NOW.getTime() - d * DAY)
const ADMIN = 'o_st_admin'
const LEADER = 'o_st_leader'

const COMPLETE: GridInput = {
  name: '完整网格',
  townId: 'xixi',
  kind: 'building',
  base: { address: '西溪路 1 号' },
  online: [{ kind: 'wechat_group', value: '青年群' }],
  project: { name: '读书会', summary: '每月一次' },
}

describe('stats', () => {
  let h: Harness
  let a: string
  let b: string
  let c: string
  let s1Id: string
  let s2Id: string

  /**
   * Grid A (西溪, complete 四个一, leader): members m1 m2 m3; check-ins 4 in the last 30 days + 1 older;
   * summon S1 published 10 days ago, capacity 10, m1..m5 confirmed, ended 2 days ago, m1..m4 attended
   * (live code); summon S2 published 5 days ago, capacity 20, no sign-ups; a plan with 4 visible ideas
   * (adopted, partial, declined, undecided) and 1 pending review.
   * Grid B (西溪, no leader, no online base): member m1; nothing else, created 60 days ago → quiet.
   * Grid C (北山, complete but no leader): 2 check-ins 3 days ago by m6.
   */
  beforeEach(async () => {
    h = createHarness({ platform: platformWithoutImages() })
    await h.store.users.addAdmin(ADMIN)
    const people = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'].map((m) => `o_st_${m}`)
    await seedProfiles(h.store, [ADMIN, LEADER, ...people])
    const [m1, m2, m3, m4, m5, m6] = people
    const old = daysAgo(60)
    a = (await h.store.grids.create(COMPLETE, old)).id
    b = (await h.store.grids.create({ ...COMPLETE, name: '安静网格', online: [] }, old)).id
    c = (await h.store.grids.create({ ...COMPLETE, name: '北山网格', townId: 'beishan' }, old)).id
    await h.store.grids.addLeader(a, LEADER, old)
    for (const m of [m1, m2, m3]) await h.store.grids.addMember(a, m, old)
    await h.store.grids.addMember(b, m1, old)

    const poster = (openid: string, grid: string, at: Date, n: number) =>
      h.store.checkins.record(
        {
          openid,
          requestId: `r-${grid}-${openid}-${n}`,
          gridId: grid,
          summonId: null,
          method: 'poster',
          verifiedBy: ['poster'],
        },
        at,
        10,
      )
    await poster(m1, a, daysAgo(1), 1)
    await poster(m2, a, daysAgo(8), 2)
    await poster(m3, a, daysAgo(15), 3)
    await poster(m1, a, daysAgo(29), 4)
    await poster(m1, a, daysAgo(40), 5)
    await poster(m6, c, daysAgo(3), 6)
    await poster(m6, c, new Date(daysAgo(3).getTime() + 3600_000), 7)

    const s1 = await h.store.summons.create(summonOf(a, daysAgo(3), daysAgo(2), 10), daysAgo(10))
    s1Id = s1.id
    for (const m of [m1, m2, m3, m4, m5]) await h.store.summons.signUp(s1.id, m, daysAgo(9))
    for (const m of [m1, m2, m3, m4]) {
      await h.store.checkins.record(
        { openid: m, requestId: `live-${m}`, gridId: a, summonId: s1.id, method: 'live', verifiedBy: ['live'] },
        new Date(daysAgo(3).getTime() + 600_000),
        10,
      )
    }
    s2Id = (await h.store.summons.create(summonOf(a, daysAgo(-5), daysAgo(-6), 20), daysAgo(5))).id

    const plan = await h.store.plans.create(
      { gridId: a, title: '方案', draft: '草稿', ideasUntil: null, publishedBy: LEADER },
      daysAgo(20),
    )
    const idea = async (status: 'visible' | 'pending_review', decision?: 'adopted' | 'partial' | 'declined') => {
      const added = await h.store.plans.addIdea({ planId: plan.id, openid: m1, content: '建议', status }, daysAgo(20), {
        max: 99,
        windowMinutes: 1,
      })
      if (added.ok && decision) await h.store.plans.decide(added.idea.id, decision, '回复', daysAgo(19))
    }
    await idea('visible', 'adopted')
    await idea('visible', 'partial')
    await idea('visible', 'declined')
    await idea('visible')
    await idea('pending_review')
  })
  afterEach(() => h.close())

  const overview = async (townId?: string) => okData(await h.callAs(ADMIN)('stats.overview', townId ? { townId } : {}))
  const row = (grids: GridStats[], id: string) => grids.find((g) => g.gridId === id)!

  it('computes each grid figure as worked out by hand', async () => {
    const { grids } = await overview()
    expect(row(grids, a)).toEqual({
      gridId: a,
      name: '完整网格',
      townId: 'xixi',
      fourOnes: { leader: true, physicalBase: true, onlineBase: true, project: true },
      members: 3,
      checkIns30d: 4 + 4, // four poster scans and four live check-ins in the last 30 days
      summons30d: 2,
      fillRate: 0.167, // (5 + 0) / (10 + 20)
      attendanceRate: 0.8, // 4 attended of 5 confirmed
      noShowRate: 0.2,
      ideas: 4,
      adoptionRate: 0.667, // adopted + partial = 2 of 3 decided
      lastActivityAt: daysAgo(1).toISOString(),
      quiet: false,
      // 25 (四个一) + 25 × (min(1, 8/20) + min(1, 2/2)) / 2 + 10 × 0.167 + 15 × 0.8 + 15 × 0.667
      // + 10 × 0 (志愿时长: no hours confirmed) = 66.2
      score: 66.2,
      // No summon's hours were confirmed by its leader (志愿时长): nothing is credited.
      hours: 0,
      walkins: 0, // everyone who came to S1 had signed up
    })
    expect(row(grids, b)).toMatchObject({
      fourOnes: { leader: false, physicalBase: true, onlineBase: false, project: true },
      members: 1,
      checkIns30d: 0,
      fillRate: null,
      attendanceRate: null,
      adoptionRate: null,
      lastActivityAt: null,
      quiet: true,
      score: 12.5, // 2 of 4 四个一 × 25
    })
    expect(row(grids, c)).toMatchObject({ checkIns30d: 2, members: 1, quiet: false })
  })

  it('totals the district and filters by town', async () => {
    const { totals } = await overview()
    // Distinct members: m1 m2 m3 (A), m1 (B), m6 joined C by scanning its poster.
    expect(totals).toEqual({
      grids: 3,
      members: 4,
      checkIns30d: 10,
      summons30d: 2,
      ideas: 4,
      fourOnesComplete: 1,
      quiet: 1,
      hours: 0,
      walkins: 0,
    })
    const beishan = await overview('beishan')
    expect(beishan.grids.map((g) => g.gridId)).toEqual([c])
    expect(beishan.totals).toMatchObject({ grids: 1, members: 1, checkIns30d: 2 })
    expect(
      errorOf(await h.callAs(ADMIN)('stats.overview', { townId: 'nowhere' }), 'BAD_REQUEST').fields,
    ).toHaveProperty('townId')
  })

  it('pages the grids with stats.grids in the order asked for, with their rank (issue 16)', async () => {
    const admin = h.callAs(ADMIN)
    const all = okData(await admin('stats.overview', {})).grids
    const byScore = okData(await admin('stats.grids', { sort: 'score' }))
    expect(byScore.items.map((g) => [g.name, g.rank])).toEqual(
      [...all].sort((x, y) => y.score - x.score || (x.name < y.name ? -1 : 1)).map((g, i) => [g.name, i + 1]),
    )
    expect(byScore.items).toEqual(expect.arrayContaining(all.map((g) => expect.objectContaining(g))))
    expect(byScore.nextCursor).toBeUndefined()
    // B (no leader, no online base) and C (no leader) are incomplete, B with more missing first.
    const incomplete = okData(await admin('stats.grids', { filter: 'incomplete' }))
    expect(incomplete.items.map((g) => g.name)).toEqual(['安静网格', '北山网格'])
    const quiet = okData(await admin('stats.grids', { filter: 'quiet', townId: 'xixi' }))
    expect(quiet.items.map((g) => g.name)).toEqual(['安静网格'])
    const summary = okData(await admin('stats.overview', { summary: true }))
    expect(summary.grids).toEqual([])
    expect(summary.totals).toEqual(okData(await admin('stats.overview', {})).totals)
    expect(summary.towns?.find((t) => t.townId === 'xixi')).toMatchObject({ grids: 2, complete: 1, quiet: 1 })
    // A cursor that is not one of ours, or of another order, and an unknown town are named.
    expect(errorOf(await admin('stats.grids', { cursor: 'garbage' }), 'BAD_REQUEST').fields).toHaveProperty('cursor')
    const scoreCursor = Buffer.from(JSON.stringify([1, -50, '完整网格', a])).toString('base64url')
    expect(
      errorOf(await admin('stats.grids', { sort: 'incompleteFirst', cursor: scoreCursor }), 'BAD_REQUEST').fields,
    ).toHaveProperty('cursor')
    expect(errorOf(await admin('stats.grids', { townId: 'nowhere' }), 'BAD_REQUEST').fields).toHaveProperty('townId')
    errorOf(await h.callAs(LEADER)('stats.grids', {}), 'FORBIDDEN')
  })

  it('counts walk-ins (现场签到) apart from sign-ups, in the figures, the totals and the export', async () => {
    const live = (openid: string, summonId: string, at: Date, n: number) =>
      h.store.checkins.record(
        { openid, requestId: `walk-${openid}-${n}`, gridId: a, summonId, method: 'live', verifiedBy: ['live'] },
        at,
        10,
      )
    await seedProfiles(h.store, ['o_st_w1', 'o_st_w2'])
    // Two walk-ins at the ended S1 (w1 scans twice, an hour apart: one person), one at S2, which has not ended.
    await live('o_st_w1', s1Id, new Date(daysAgo(3).getTime() + 700_000), 1)
    await live('o_st_w1', s1Id, new Date(daysAgo(3).getTime() + 4_300_000), 2)
    await live('o_st_w2', s1Id, new Date(daysAgo(3).getTime() + 800_000), 3)
    await live('o_st_w2', s2Id, daysAgo(1), 4)
    expect(okData(await h.callAs(LEADER)('summons.get', { summonId: s1Id })).counts.walkins).toBe(2)

    const { grids, totals } = okData(await h.callAs(ADMIN)('stats.overview', { fresh: true }))
    // 出勤率 and 报名率 stay about sign-ups: 4 attended of 5 confirmed, 5 of 30 places.
    expect(row(grids, a)).toMatchObject({ walkins: 2, attendanceRate: 0.8, fillRate: 0.167 })
    expect(row(grids, b).walkins).toBe(0)
    expect(totals.walkins).toBe(2)
    const csv = readCsv(okData(await h.callAs(ADMIN)('stats.export', { kind: 'grids' })).csv)
    const column = csv[0].indexOf('现场签到')
    expect(column).toBeGreaterThan(csv[0].indexOf('出勤率'))
    expect(csv.find((r) => r[0] === '完整网格')![column]).toBe('2')
    // The scheduled job's snapshots carry them too (the district's and each town's).
    await takeStatsSnapshots(h.store, NOW)
    const xixi = okData(await h.callAs(ADMIN)('stats.overview', { townId: 'xixi' }))
    expect([row(xixi.grids, a).walkins, xixi.totals.walkins]).toEqual([2, 2])
  })

  it('counts check-ins per Monday-based Beijing week for 12 weeks', async () => {
    const { weeks } = await overview()
    expect(weeks).toHaveLength(12)
    expect(weeks[11].weekStart).toBe(weekStartOf(NOW))
    const total = weeks.reduce((n, w) => n + w.total, 0)
    expect(total).toBe(11) // all 11 check-ins fall within 12 weeks
    const week = (d: Date) => weeks.find((w) => w.weekStart === weekStartOf(d))!
    expect(week(daysAgo(3)).byTown.beishan).toBe(2)
    // NOW is Monday 2026-06-01 10:00 in Beijing: a week starts that day.
    expect(weekStartOf(NOW)).toBe('2026-06-01')
    expect(weekStartOf(new Date('2026-05-31T15:59:00Z'))).toBe('2026-05-25') // Sunday 23:59 Beijing
    expect(weekStartOf(new Date('2026-05-31T16:00:00Z'))).toBe('2026-06-01') // Monday 00:00 Beijing
  })

  it('states weights that add up to 100 and scores a perfect grid 100', () => {
    expect(Object.values(SCORE_WEIGHTS).reduce((x, y) => x + y, 0)).toBe(100)
    const perfect = { leader: true, physicalBase: true, onlineBase: true, project: true }
    expect(
      assessmentScore({
        fourOnes: perfect,
        checkIns30d: 50,
        summons30d: 5,
        fillRate: 1,
        attendanceRate: 1,
        adoptionRate: 1,
        members: 4,
        hours: 80, // 20 hours a member, the League's yearly mark
      }),
    ).toBe(100)
  })

  it('is for admins only', async () => {
    errorOf(await h.callAs(LEADER)('stats.overview', {}), 'FORBIDDEN')
    errorOf(await h.callAs(LEADER)('stats.export', { kind: 'grids' }), 'FORBIDDEN')
  })

  describe('export', () => {
    const exported = async (kind: 'grids' | 'checkins' | 'signups') =>
      okData(await h.callAs(ADMIN)('stats.export', { kind }))

    it('writes grids as CSV for Excel with formula cells neutralised', async () => {
      await h.store.grids.create({ ...COMPLETE, name: '=HYPERLINK("http://x")' }, NOW)
      await h.store.grids.create({ ...COMPLETE, name: '+1' }, NOW)
      await h.store.grids.create({ ...COMPLETE, name: '-2' }, NOW)
      await h.store.grids.create({ ...COMPLETE, name: '@SUM(1)' }, NOW)
      const { filename, csv } = await exported('grids')
      expect(filename).toBe('网格考核-20260601-1000.csv')
      expect(csv.charCodeAt(0)).toBe(0xfeff)
      const lines = csv.slice(1).split('\r\n')
      expect(lines[0]).toBe(
        '网格,镇街,四个一,缺少,成员,近30天签到,近30天召集令,报名率,出勤率,爽约率,现场签到,建议数,采纳率,志愿时长（小时）,最近活动,考核得分',
      )
      expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`)
      for (const cell of ["'+1", "'-2", "'@SUM(1)"]) expect(csv).toContain(`${cell},西溪街道`)
      expect(csv).toContain('安静网格,西溪街道,不完整,网格长、网络阵地,1,0,0,,,,0,0,,0,无,12.5')
    })

    it('writes check-ins and sign-ups, newest first, without openids', async () => {
      const checkins = await exported('checkins')
      expect(checkins.csv.split('\r\n')).toHaveLength(1 + 11 + 1)
      expect(checkins.csv).toContain('活动签到码')
      expect(checkins.csv).not.toContain('o_st_')
      const signups = await exported('signups')
      expect(signups.csv.split('\r\n')).toHaveLength(1 + 5 + 1)
      expect(signups.csv).toContain('已报名')
    })
  })

  it('keeps every export one row per record when names, titles and places hold line breaks', async () => {
    const TRICKY = '张\n=1+2'
    okData(await h.callAs('o_st_m1')('account.updateProfile', { name: TRICKY, affiliation: 'league' }))
    okData(await h.callAs(ADMIN)('grids.create', { ...COMPLETE, name: '新网格\r+1' }))
    const summon = okData(
      await h.callAs(LEADER)('summons.publish', {
        gridId: a,
        title: '活动\r\n@标题',
        body: '',
        place: '阵地\n-1',
        startAt: daysAgo(-1).toISOString(),
        endAt: daysAgo(-2).toISOString(),
      }),
    )
    okData(await h.callAs('o_st_m1')('summons.signUp', { summonId: summon.id }))
    const exported = async (kind: 'grids' | 'checkins' | 'signups') =>
      readCsv(okData(await h.callAs(ADMIN)('stats.export', { kind })).csv)
    const roster = readCsv(okData(await h.callAs(LEADER)('summons.exportRoster', { summonId: summon.id })).csv)

    const tables = {
      grids: await exported('grids'),
      checkins: await exported('checkins'),
      signups: await exported('signups'),
    }
    expect(tables.grids).toHaveLength(1 + 4)
    expect(tables.checkins).toHaveLength(1 + 11)
    expect(tables.signups).toHaveLength(1 + 6)
    expect(roster).toHaveLength(1 + 1)
    for (const rows of [...Object.values(tables), roster]) {
      expect(new Set(rows.map((r) => r.length)).size).toBe(1)
      expect(formulaLines(rows)).toEqual([])
    }
    expect(tables.grids.map((r) => r[0])).toContain("新网格\r'+1")
    expect(tables.checkins.filter((r) => r[6] === "张\n'=1+2")).toHaveLength(4)
    expect(tables.signups[1].slice(0, 4)).toEqual(["活动\r\n'@标题", '完整网格', expect.any(String), "张\n'=1+2"])
    expect(roster[1][0]).toBe("张\n'=1+2")
  })

  it('tells the leaders of quiet grids once per 30 days', async () => {
    await h.store.grids.addLeader(b, LEADER, daysAgo(60))
    const platform = createLocalPlatform({ outbox: (m) => h.store.outbox.add(m, NOW) })
    expect(await notifyQuietGrids(h.store, platform, NOW)).toBe(1)
    expect(await notifyQuietGrids(h.store, platform, new Date(NOW.getTime() + 5 * DAY))).toBe(0)
    const [message] = await h.store.outbox.list({ openid: LEADER })
    expect(message).toMatchObject({ template: 'quiet_grid', page: `member/pages/grid/index?id=${b}` })
    // 31 days on, B is told again, and A (last active the day before NOW) has gone quiet too.
    expect(await notifyQuietGrids(h.store, platform, new Date(NOW.getTime() + 31 * DAY))).toBe(2)
  })
})

function summonOf(gridId: string, start: Date, end: Date, capacity: number) {
  return {
    gridId,
    title: '活动',
    body: '',
    place: '阵地',
    startAt: start.toISOString(),
    endAt: end.toISOString(),
    signUpDeadline: null,
    capacity,
    tags: [],
    hours: 2,
    planId: null,
    publishedBy: LEADER,
  }
}

describe('stats.overview at size', () => {
  let w: Harness
  let worlds = 0
  /** On the cloud adapter a name reaches the same stand-in again (for its operation counter); SQLite stays in memory. */
  const file = () => (onWxCloud() ? `stats-size-${++worlds}` : ':memory:')
  afterEach(() => w.close())

  /** `count` grids in 灵隐, each with one member who checked in once, yesterday. */
  async function seedTown(count: number) {
    for (let i = 0; i < count; i++) {
      const grid = await w.store.grids.create(
        { name: `灵隐网格${String(i).padStart(3, '0')}`, townId: 'lingyin', kind: 'community', base: { address: '' } },
        daysAgo(60),
      )
      await w.store.checkins.record(
        {
          openid: `o_sz_${i}`,
          requestId: `sz-${i}`,
          gridId: grid.id,
          summonId: null,
          method: 'poster',
          verifiedBy: ['poster'],
        },
        daysAgo(1),
        10,
      )
    }
  }

  it('sees every one of 32 grids of a town with its figures', async () => {
    w = createHarness({ file: file(), platform: platformWithoutImages() })
    await w.store.users.addAdmin(ADMIN)
    await seedTown(32)
    for (const townId of ['lingyin', undefined]) {
      const { grids, totals, weeks } = okData(await w.callAs(ADMIN)('stats.overview', townId ? { townId } : {}))
      expect(grids).toHaveLength(32)
      expect(grids.filter((g) => g.members === 1 && g.checkIns30d === 1)).toHaveLength(32)
      expect(totals).toMatchObject({ grids: 32, members: 32, checkIns30d: 32 })
      expect(weeks.reduce((n, wk) => n + wk.total, 0)).toBe(32)
    }
  })

  it('answers when its figures were taken; 刷新 (fresh) recomputes them', async () => {
    w = createHarness({ file: file(), platform: platformWithoutImages() })
    await w.store.users.addAdmin(ADMIN)
    await seedTown(2)
    const later = new Date(NOW.getTime() + 600_000)
    expect(await takeStatsSnapshots(w.store, NOW)).toBe(13) // the district and its 12 towns
    const first = okData(await w.callAs(ADMIN, { now: later })('stats.overview', { townId: 'lingyin' }))
    // The cloud adapter answers the job's snapshot; SQLite computes on every call.
    expect(first.asOf).toBe(onWxCloud() ? NOW.toISOString() : later.toISOString())
    expect(first.totals).toMatchObject({ grids: 2, members: 2, checkIns30d: 2 })
    const fresh = okData(await w.callAs(ADMIN, { now: later })('stats.overview', { townId: 'lingyin', fresh: true }))
    expect(fresh.asOf).toBe(later.toISOString())
    expect(fresh.totals).toEqual(first.totals)
  })

  const wxIt = onWxCloud() ? it : it.skip

  wxIt('reads 200 grids in at most 2 operations', async () => {
    const name = file()
    w = createHarness({ file: name, platform: platformWithoutImages() })
    await w.store.users.addAdmin(ADMIN)
    await seedTown(200)
    await takeStatsSnapshots(w.store, NOW)
    const standIn = standInFor(name)
    for (const townId of [undefined, 'lingyin']) {
      standIn.resetOps()
      const { grids } = okData(await w.callAs(ADMIN)('stats.overview', townId ? { townId } : {}))
      expect({ townId, ops: standIn.ops }).toEqual({ townId, ops: Math.min(standIn.ops, 2) })
      expect(grids).toHaveLength(200)
    }
  })

  // Issue 16: a page of the kept figures costs the same whatever the number of grids.
  wxIt.each([30, 200])('pages %i grids with stats.grids in 2 operations a page', async (count) => {
    const name = file()
    w = createHarness({ file: name, platform: platformWithoutImages() })
    await w.store.users.addAdmin(ADMIN)
    await seedTown(count)
    await takeStatsSnapshots(w.store, NOW)
    const standIn = standInFor(name)
    await w.callAs(ADMIN)('stats.overview', { summary: true }) // the admin check cached, as on a warm instance
    let cursor: string | undefined
    let listed = 0
    do {
      standIn.resetOps()
      const page = okData(await w.callAs(ADMIN)('stats.grids', { sort: 'score', ...(cursor ? { cursor } : {}) }))
      expect({ count, ops: standIn.ops }).toEqual({ count, ops: 2 })
      listed += page.items.length
      cursor = page.nextCursor
    } while (cursor)
    expect(listed).toBe(count)
    standIn.resetOps()
    okData(await w.callAs(ADMIN)('stats.overview', { summary: true }))
    expect({ count, ops: standIn.ops }).toEqual({ count, ops: 1 })
  })
})
