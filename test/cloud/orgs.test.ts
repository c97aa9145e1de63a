/**
 * Organisations, the second dimension, on both engines (SQLite, and the cloud adapter over the stand-in in
 * the `cloud-wx` project): invites and requests, concurrent joins, leaving, the organisation credited at
 * scan time, Beijing-time quarters, and a receipt computed by hand on a seeded scenario.
 */
import {
  isValidScene,
  liveWindow,
  orgOfScene,
  SCENE_MAX,
  signLiveCode,
  signPosterScene,
} from '../../cloud/domain/codes'
import { quarterOf, quarterRange, reportRate, participationRate, tally } from '../../cloud/domain/orgs'
import type { PublishSummonReq } from '../../types'
import {
  createHarness,
  errorOf,
  NOW,
  okData,
  platformWithoutImages,
  SECRET,
  seedGrid,
  seedProfiles,
  type Harness,
} from './helpers'

const ADMIN = 'o_org_admin'
const SECRETARY = 'o_org_secretary'
const LEADER = 'o_org_leader'
const MEMBER = 'o_org_member'
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const at = (iso: string) => ({ now: new Date(iso) })
let seq = 0
const requestId = () => `org-req-${String(++seq).padStart(6, '0')}`

describe('quarters in Beijing time (domain)', () => {
  it.each([
    ['2026-09-30T15:59:59.999Z', '2026Q3'],
    ['2026-09-30T16:00:00.000Z', '2026Q4'],
    ['2026-09-30T16:30:00.000Z', '2026Q4'],
    ['2026-12-31T15:59:59.999Z', '2026Q4'],
    ['2026-12-31T16:00:00.000Z', '2027Q1'],
    ['2026-03-31T16:00:00.000Z', '2026Q2'],
  ])('%s is %s', (iso, quarter) => {
    expect(quarterOf(new Date(iso))).toBe(quarter)
  })

  it('spans a quarter from Beijing midnight to Beijing midnight', () => {
    expect(quarterRange('2026Q4')).toEqual({ start: '2026-09-30T16:00:00.000Z', end: '2026-12-31T16:00:00.000Z' })
    expect(quarterRange('2027Q1')).toEqual({ start: '2026-12-31T16:00:00.000Z', end: '2027-03-31T16:00:00.000Z' })
  })

  it('rates over members, null without any', () => {
    expect(reportRate(2, 3)).toBe(0.667)
    expect(participationRate(0, 0)).toBeNull()
  })

  it('tallies every check-in, each summon once with its hours once', () => {
    expect(
      tally([
        { at: '2026-10-01T01:00:00.000Z', summonId: null, hours: null },
        { at: '2026-10-02T01:00:00.000Z', summonId: 's1', hours: 2 },
        { at: '2026-10-02T03:00:00.000Z', summonId: 's1', hours: 2 },
        { at: '2026-10-03T01:00:00.000Z', summonId: 's2', hours: 1.5 },
      ]),
    ).toEqual({ checkIns: 4, attended: 2, hours: 3.5, lastActivityAt: '2026-10-03T01:00:00.000Z' })
  })
})

describe('orgs', () => {
  let h: Harness
  let gridId: string
  let orgId: string

  const admin = () => h.callAs(ADMIN)
  /** An invite made at `iso` (now by default). */
  const invite = async (role: 'member' | 'secretary', org = orgId, iso = NOW.toISOString()) =>
    okData(await h.callAs(ADMIN, at(iso))('orgs.invite', { orgId: org, role })).inviteCode
  const poster = (openid: string, iso: string, grid = gridId) =>
    h.callAs(openid, at(iso))('checkin.scan', { code: signPosterScene(grid, SECRET), requestId: requestId() })
  const live = (openid: string, summonId: string, iso: string) =>
    h.callAs(openid, at(iso))('checkin.scan', {
      code: signLiveCode(summonId, liveWindow(new Date(iso), 30), SECRET),
      requestId: requestId(),
    })
  /** 签退 with the summon's sign-out code, then the leader's 确认时长 after its end (issue 15). */
  const signOutAndConfirm = async (openid: string, summonId: string, outIso: string, confirmIso: string) => {
    okData(
      await h.callAs(openid, at(outIso))('checkin.scan', {
        code: signLiveCode(summonId, liveWindow(new Date(outIso), 30), SECRET, 'out'),
        requestId: requestId(),
      }),
    )
    okData(await h.callAs(LEADER, at(confirmIso))('hours.confirm', { summonId }))
  }
  /** A summon of the grid that starts at `startIso` (published an hour before it). */
  const summonAt = async (title: string, startIso: string, hours: number) => {
    const start = new Date(startIso)
    const req: PublishSummonReq = {
      gridId,
      title,
      body: '志愿服务',
      place: '青年之家',
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
      hours,
    }
    return okData(await h.callAs(LEADER, { now: new Date(start.getTime() - HOUR) })('summons.publish', req)).id
  }

  beforeEach(async () => {
    h = createHarness({ adminOpenids: [ADMIN], platform: platformWithoutImages() })
    await seedProfiles(h.store, [SECRETARY, LEADER, MEMBER])
    gridId = (await seedGrid(h.store, [LEADER], { name: '西溪网格' })).id
    orgId = okData(await admin()('orgs.create', { name: '西溪街道团工委', kind: 'committee', townId: 'xixi' })).id
    okData(await h.callAs(SECRETARY)('orgs.join', { inviteCode: await invite('secretary') }))
  })
  afterEach(() => h.close())

  it('creates, lists and finds organisations, with member counts counted', async () => {
    const other = okData(await admin()('orgs.create', { name: '慧客书屋读书会', kind: 'social', townId: 'xixi' }))
    okData(await h.callAs(MEMBER)('orgs.join', { inviteCode: await invite('member') }))
    const list = okData(await h.callAs(MEMBER)('orgs.list', {}))
    expect(list.items.map((o) => [o.name, o.memberCount])).toEqual([
      ['慧客书屋读书会', 0],
      ['西溪街道团工委', 2],
    ])
    expect(okData(await h.callAs(MEMBER)('orgs.list', { q: '书屋' })).items.map((o) => o.id)).toEqual([other.id])
    const detail = okData(await h.callAs(MEMBER)('orgs.get', { orgId }))
    expect(detail).toMatchObject({ name: '西溪街道团工委', isMember: true, isSecretary: false, memberCount: 2 })
    expect(detail.secretaries).toEqual([{ name: '测试青年' }])
    expect(detail.pending).toBeUndefined()
  })

  it('refuses a name of one character and an unknown town, naming the field in Chinese', async () => {
    expect(errorOf(await admin()('orgs.create', { name: '团', kind: 'branch' }), 'BAD_REQUEST').fields).toHaveProperty(
      'name',
    )
    const town = errorOf(
      await admin()('orgs.create', { name: '某团支部', kind: 'branch', townId: 'nowhere' }),
      'BAD_REQUEST',
    )
    expect(town.fields).toHaveProperty('townId')
  })

  it('lets many join by one member invite at once, each exactly once', async () => {
    const code = await invite('member')
    const youths = Array.from({ length: 12 }, (_, i) => `o_org_youth${i}`)
    await seedProfiles(h.store, youths)
    const answers = await Promise.all(youths.map((o) => h.callAs(o)('orgs.join', { inviteCode: code })))
    expect(answers.map((a) => okData(a))).toEqual(youths.map(() => ({ orgId, status: 'member' })))
    const members = okData(await h.callAs(SECRETARY)('orgs.members', { orgId, quarter: '2026Q2' }))
    expect(members.items.map((m) => m.openid).sort()).toEqual([SECRETARY, ...youths].sort())
    expect(okData(await admin()('orgs.get', { orgId })).memberCount).toBe(13)
  })

  it('gives a secretary invite to exactly one of several joining at once', async () => {
    const code = await invite('secretary')
    const youths = Array.from({ length: 6 }, (_, i) => `o_org_cand${i}`)
    await seedProfiles(h.store, youths)
    const answers = await Promise.all(youths.map((o) => h.callAs(o)('orgs.join', { inviteCode: code })))
    const won = answers.filter((a) => a.ok)
    expect(won).toHaveLength(1)
    for (const lost of answers.filter((a) => !a.ok)) expect(errorOf(lost, 'CONFLICT').message).toMatch(/已经被使用/)
    const winner = youths[answers.findIndex((a) => a.ok)]
    expect(okData(await h.callAs(winner)('account.me')).roles.secretaryOf).toEqual([orgId])
    // The same member sending the join again finds it done.
    expect(okData(await h.callAs(winner)('orgs.join', { inviteCode: code }))).toEqual({ orgId, status: 'member' })
    const names = okData(await admin()('orgs.get', { orgId })).secretaries
    expect(names).toHaveLength(2)
  })

  it('refuses an expired invite and an unknown one', async () => {
    const code = await invite('member')
    const late = await h.callAs(MEMBER, at('2026-06-09T02:00:00.000Z'))('orgs.join', { inviteCode: code })
    errorOf(late, 'CODE_EXPIRED')
    errorOf(await h.callAs(MEMBER)('orgs.join', { inviteCode: 'nosuchcode12345' }), 'NOT_FOUND')
    errorOf(await h.callAs(MEMBER)('orgs.join', {} as never), 'BAD_REQUEST')
  })

  it('holds a request until a secretary decides, and shows it to secretaries only', async () => {
    expect(okData(await h.callAs(MEMBER)('orgs.join', { orgId }))).toEqual({ orgId, status: 'pending' })
    expect(okData(await h.callAs(MEMBER)('account.me')).org).toEqual({
      id: orgId,
      name: '西溪街道团工委',
      status: 'pending',
    })
    expect(okData(await h.callAs(MEMBER)('orgs.get', { orgId })).isMember).toBe(false)
    const seen = okData(await h.callAs(SECRETARY)('orgs.get', { orgId }))
    expect(seen.pending).toEqual([{ openid: MEMBER, name: '测试青年', requestedAt: NOW.toISOString() }])
    // A pending member's scans credit no organisation yet.
    expect(okData(await poster(MEMBER, NOW.toISOString())).checkIn.orgId).toBeUndefined()

    expect(okData(await h.callAs(SECRETARY)('orgs.decide', { orgId, openid: MEMBER, accept: true }))).toEqual({
      status: 'member',
    })
    errorOf(await h.callAs(SECRETARY)('orgs.decide', { orgId, openid: MEMBER, accept: false }), 'NOT_FOUND')
    expect(okData(await h.callAs(MEMBER)('account.me')).org).toEqual({
      id: orgId,
      name: '西溪街道团工委',
      status: 'member',
    })
  })

  it('declines a request, and the member may leave', async () => {
    okData(await h.callAs(MEMBER)('orgs.join', { orgId }))
    expect(okData(await h.callAs(SECRETARY)('orgs.decide', { orgId, openid: MEMBER, accept: false }))).toEqual({
      status: 'declined',
    })
    expect(okData(await h.callAs(MEMBER)('account.me')).org).toBeNull()
    okData(await h.callAs(MEMBER)('orgs.join', { inviteCode: await invite('member') }))
    expect(okData(await h.callAs(MEMBER)('orgs.leave', {}))).toEqual({ orgId: null })
    expect(okData(await h.callAs(MEMBER)('account.me')).org).toBeNull()
  })

  it('takes the secretary role away from a secretary who leaves', async () => {
    okData(await h.callAs(SECRETARY)('orgs.leave', {}))
    expect(okData(await h.callAs(SECRETARY)('account.me')).roles.secretaryOf).toEqual([])
    errorOf(await h.callAs(SECRETARY)('orgs.members', { orgId }), 'FORBIDDEN')
    expect(okData(await admin()('orgs.get', { orgId })).secretaries).toEqual([])
  })

  it('keeps attendances credited to the organisation of the time after the member moves', async () => {
    const other = okData(await admin()('orgs.create', { name: '西溪科技公司团委', kind: 'company', townId: 'xixi' })).id
    okData(await h.callAs(MEMBER)('orgs.join', { inviteCode: await invite('member') }))
    const first = okData(await poster(MEMBER, '2026-10-10T02:00:00.000Z'))
    expect(first.checkIn.orgId).toBe(orgId)
    const moved = at('2026-10-11T02:00:00.000Z')
    okData(
      await h.callAs(MEMBER, moved)('orgs.join', {
        inviteCode: await invite('member', other, moved.now.toISOString()),
      }),
    )
    const second = okData(await poster(MEMBER, '2026-10-12T02:00:00.000Z'))
    expect(second.checkIn.orgId).toBe(other)

    const receiptOf = async (org: string) =>
      okData(await h.callAs(MEMBER)('orgs.receipt', { orgId: org, quarter: '2026Q4' })).totals.checkIns
    expect([await receiptOf(orgId), await receiptOf(other)]).toEqual([1, 1])
    // The history keeps each check-in's organisation.
    const history = okData(await h.callAs(MEMBER)('checkin.mine', {})).items
    expect(history.map((c) => c.orgId)).toEqual([other, orgId])
  })

  it('counts a check-in at 00:30 Beijing time on 1 October in the fourth quarter', async () => {
    okData(await h.callAs(MEMBER)('orgs.join', { inviteCode: await invite('member') }))
    okData(await poster(MEMBER, '2026-09-30T15:50:00.000Z')) // 23:50 on 30 September in Beijing
    okData(await poster(MEMBER, '2026-09-30T16:30:00.000Z')) // 00:30 on 1 October in Beijing
    const q3 = okData(await h.callAs(MEMBER)('orgs.receipt', { orgId, quarter: '2026Q3' }))
    const q4 = okData(await h.callAs(MEMBER)('orgs.receipt', { orgId, quarter: '2026Q4' }))
    expect([q3.totals.checkIns, q4.totals.checkIns]).toEqual([1, 1])
    // Without a quarter, members are counted in the current one.
    const now = okData(await h.callAs(SECRETARY, at('2026-11-01T02:00:00.000Z'))('orgs.members', { orgId }))
    expect(now.items.find((m) => m.openid === MEMBER)?.checkIns).toBe(1)
  })

  it("puts an attendance at 23:50 on 31 December (Beijing) in the admin's fourth quarter, one at 00:10 in the next", async () => {
    okData(await h.callAs(MEMBER)('orgs.join', { inviteCode: await invite('member') }))
    const late = await summonAt('跨年夜志愿服务', '2026-12-31T15:40:00.000Z', 1)
    const early = await summonAt('元旦清晨巡河', '2026-12-31T16:05:00.000Z', 1)
    okData(await live(MEMBER, late, '2026-12-31T15:50:00.000Z')) // 23:50 on 31 December in Beijing
    okData(await live(MEMBER, early, '2026-12-31T16:10:00.000Z')) // 00:10 on 1 January in Beijing
    okData(await poster(MEMBER, '2027-01-02T02:00:00.000Z'))
    const row = async (quarter: string) =>
      okData(await admin()('stats.orgs', { quarter })).items.find((o) => o.orgId === orgId)!
    expect(await row('2026Q4')).toMatchObject({ checkIns: 1, participated: 1, participationRate: 0.5 })
    expect(await row('2027Q1')).toMatchObject({ checkIns: 2, participated: 1, participationRate: 0.5 })
    expect(await row('2026Q3')).toMatchObject({ checkIns: 0, participated: 0, participationRate: 0 })
    // Without a quarter, the admin sees the one the clock is in, in Beijing time.
    const current = async (iso: string) =>
      okData(await h.callAs(ADMIN, at(iso))('stats.orgs', {})).items.find((o) => o.orgId === orgId)!.checkIns
    expect(await current('2026-12-31T15:59:00.000Z')).toBe(1)
    expect(await current('2026-12-31T16:01:00.000Z')).toBe(2)
    const receipt = okData(await h.callAs(MEMBER)('orgs.receipt', { orgId, quarter: '2027Q1' }))
    expect(receipt.activities.map((a) => a.title)).toEqual(['元旦清晨巡河'])
  })

  it('answers the receipt computed by hand on a seeded quarter', async () => {
    const second = (await seedGrid(h.store, [LEADER], { name: '古荡网格', townId: 'gudang' })).id
    const joinedAt = '2026-09-01T02:00:00.000Z'
    okData(await h.callAs(MEMBER, at(joinedAt))('orgs.join', { inviteCode: await invite('member', orgId, joinedAt) }))
    // Reported to 西溪网格 in Q3 (before the quarter), to 古荡网格 in Q4.
    okData(await poster(MEMBER, '2026-09-20T02:00:00.000Z'))
    okData(await poster(MEMBER, '2026-10-08T02:00:00.000Z', second))
    const clean = await summonAt('社区清洁行动', '2026-10-15T01:00:00.000Z', 2)
    const read = await summonAt('周末读书会', '2026-11-20T06:00:00.000Z', 1.5)
    okData(await live(MEMBER, clean, '2026-10-15T01:05:00.000Z'))
    okData(await live(MEMBER, clean, '2026-10-15T01:30:00.000Z')) // signs again after the window: same activity
    okData(await live(MEMBER, read, '2026-11-20T06:10:00.000Z'))
    okData(await poster(MEMBER, '2026-12-31T16:10:00.000Z')) // 2027Q1 in Beijing: not in this receipt
    // Hours are the confirmed, credited ones: 01:05–03:00 → 1.5 h; 06:10–08:00 → 1.5 h (the cap).
    await signOutAndConfirm(MEMBER, clean, '2026-10-15T03:00:00.000Z', '2026-10-15T04:00:00.000Z')
    await signOutAndConfirm(MEMBER, read, '2026-11-20T08:00:00.000Z', '2026-11-20T09:00:00.000Z')

    const receipt = okData(await h.callAs(SECRETARY)('orgs.receipt', { orgId, openid: MEMBER, quarter: '2026Q4' }))
    expect(receipt).toEqual({
      org: { id: orgId, name: '西溪街道团工委' },
      member: { name: '测试青年' },
      quarter: '2026Q4',
      grids: [
        { id: gridId, name: '西溪网格', reportedAt: '2026-09-20T02:00:00.000Z' },
        { id: second, name: '古荡网格', reportedAt: '2026-10-08T02:00:00.000Z' },
      ],
      activities: [
        {
          summonId: clean,
          title: '社区清洁行动',
          gridName: '西溪网格',
          at: '2026-10-15T01:05:00.000Z',
          verifiedBy: ['live'],
          hours: 1.5,
        },
        {
          summonId: clean,
          title: '社区清洁行动',
          gridName: '西溪网格',
          at: '2026-10-15T01:30:00.000Z',
          verifiedBy: ['live'],
          hours: 1.5,
        },
        {
          summonId: read,
          title: '周末读书会',
          gridName: '西溪网格',
          at: '2026-11-20T06:10:00.000Z',
          verifiedBy: ['live'],
          hours: 1.5,
        },
      ],
      // 1 poster + 3 live check-ins; 2 summons; 1.5 + 1.5 confirmed hours.
      totals: { checkIns: 4, activities: 2, hours: 3 },
    })
    // The member asks for their own and sees the same.
    expect(okData(await h.callAs(MEMBER)('orgs.receipt', { orgId, quarter: '2026Q4' }))).toEqual(receipt)

    const members = okData(await h.callAs(SECRETARY)('orgs.members', { orgId, quarter: '2026Q4' })).items
    expect(members.find((m) => m.openid === MEMBER)).toEqual({
      openid: MEMBER,
      name: '测试青年',
      grids: [
        { id: gridId, name: '西溪网格' },
        { id: second, name: '古荡网格' },
      ],
      checkIns: 4,
      attended: 2,
      hours: 3,
      lastActivityAt: '2026-11-20T06:10:00.000Z',
    })
    // The secretary reported to no grid and attended nothing.
    const unreported = okData(
      await h.callAs(SECRETARY)('orgs.members', { orgId, quarter: '2026Q4', filter: 'unreported' }),
    )
    expect(unreported.items.map((m) => m.openid)).toEqual([SECRETARY])
    const inactive = okData(await h.callAs(SECRETARY)('orgs.members', { orgId, quarter: '2026Q4', filter: 'inactive' }))
    expect(inactive.items.map((m) => m.openid)).toEqual([SECRETARY])

    const exported = okData(await h.callAs(SECRETARY)('orgs.export', { orgId, quarter: '2026Q4' }))
    expect(exported.filename).toBe('西溪街道团工委-2026年第四季度报到情况.csv')
    expect(exported.csv).toContain('测试青年,西溪网格、古荡网格,4,2,3')
  })

  it("gives the admin each organisation's rates for the quarter, weakest first, computed by hand", async () => {
    const other = okData(await admin()('orgs.create', { name: '西溪科技公司团委', kind: 'company', townId: 'xixi' })).id
    const [y1, y2] = ['o_org_y1', 'o_org_y2']
    await seedProfiles(h.store, [y1, y2])
    for (const openid of [MEMBER, y1])
      okData(await h.callAs(openid)('orgs.join', { inviteCode: await invite('member') }))
    okData(await h.callAs(y2)('orgs.join', { inviteCode: await invite('member', other) }))
    const summonId = await summonAt('社区清洁行动', '2026-10-15T01:00:00.000Z', 2)
    okData(await poster(MEMBER, '2026-10-10T02:00:00.000Z'))
    okData(await live(MEMBER, summonId, '2026-10-15T01:05:00.000Z'))
    okData(await poster(y1, '2026-10-11T02:00:00.000Z'))
    okData(await poster(y1, '2026-06-11T02:00:00.000Z')) // another quarter
    await signOutAndConfirm(MEMBER, summonId, '2026-10-15T03:00:00.000Z', '2026-10-15T04:00:00.000Z')

    const stats = okData(await admin()('stats.orgs', { quarter: '2026Q4' }))
    expect(stats.items).toEqual([
      {
        orgId: other,
        name: '西溪科技公司团委',
        kind: 'company',
        townId: 'xixi',
        members: 1,
        reported: 0,
        reportRate: 0,
        participated: 0,
        participationRate: 0,
        checkIns: 0,
        hours: 0,
        score: 0,
      },
      // The secretary (no grid, nothing attended), MEMBER (reported, 1.5 h confirmed), y1 (reported only).
      {
        orgId,
        name: '西溪街道团工委',
        kind: 'committee',
        townId: 'xixi',
        members: 3,
        reported: 2,
        reportRate: 0.667,
        participated: 1,
        participationRate: 0.333,
        checkIns: 3,
        hours: 1.5,
        // 2/3 × 35 + 1/3 × 50 + min(1, 1.5 h / (3 members × 5 h)) × 15 = 41.5
        score: 41.5,
      },
    ])
    expect(stats.weights).toEqual({ reportRate: 35, participationRate: 50, hours: 15 })
    expect(stats.matrix).toEqual([{ orgId, gridId, members: 2, townId: 'xixi' }])
    expect(okData(await admin()('stats.orgs', { townId: 'gudang', quarter: '2026Q4' })).items).toEqual([])
    errorOf(await h.callAs(SECRETARY)('stats.orgs', {}), 'FORBIDDEN')
  })

  it("publishes the organisation's 二维召集令: its members list it, it carries the name, its secretary runs it", async () => {
    okData(await h.callAs(MEMBER)('orgs.join', { inviteCode: await invite('member') }))
    const start = new Date(NOW.getTime() + HOUR).toISOString()
    const req: PublishSummonReq = {
      gridId,
      orgId,
      title: '团员进网格清洁行动',
      body: '街道团工委组织团员到西溪网格服务',
      place: '西溪网格青年之家',
      startAt: start,
      endAt: new Date(NOW.getTime() + 3 * HOUR).toISOString(),
      hours: 2,
    }
    const published = okData(await h.callAs(SECRETARY)('summons.publish', req))
    expect(published).toMatchObject({ orgId, orgName: '西溪街道团工委', gridName: '西溪网格' })
    errorOf(await h.callAs(MEMBER)('summons.publish', req), 'FORBIDDEN')
    // The grid's leader did not publish it, the organisation's secretary did: it is his to run.
    errorOf(await h.callAs(LEADER)('summons.roster', { summonId: published.id }), 'FORBIDDEN')
    okData(await h.callAs(SECRETARY)('summons.roster', { summonId: published.id }))
    const code = okData(await h.callAs(SECRETARY)('checkin.liveCode', { summonId: published.id }))

    const listed = okData(await h.callAs(MEMBER)('summons.list', { scope: 'org' }))
    expect(listed.items.map((s) => [s.id, s.orgName])).toEqual([[published.id, '西溪街道团工委']])
    expect(okData(await h.callAs(LEADER)('summons.list', { scope: 'org' })).items).toEqual([])
    expect(okData(await h.callAs(MEMBER)('summons.get', { summonId: published.id }))).toMatchObject({
      orgName: '西溪街道团工委',
      canManage: false,
    })
    expect(okData(await h.callAs(SECRETARY)('summons.get', { summonId: published.id })).canManage).toBe(true)
    // Attending it credits the grid and the organisation.
    const scan = okData(await h.callAs(MEMBER)('checkin.scan', { code: code.code, requestId: requestId() }))
    expect(scan.checkIn).toMatchObject({ gridId, orgId, summonId: published.id })
  })

  it('lets a secretary rename the organisation, and no one else', async () => {
    const renamed = okData(await h.callAs(SECRETARY)('orgs.update', { orgId, name: '西溪街道团工委（新）' }))
    expect(renamed).toMatchObject({ id: orgId, name: '西溪街道团工委（新）', memberCount: 1 })
    errorOf(await h.callAs(MEMBER)('orgs.update', { orgId, name: '别人改的名字' }), 'FORBIDDEN')
    errorOf(await h.callAs(MEMBER)('orgs.update', { orgId: 'nosuchorg', name: '别人改的名字' }), 'NOT_FOUND')
  })

  it("gives the secretary the organisation's permanent poster code, which opens the check-in page", async () => {
    const code = okData(await h.callAs(SECRETARY)('orgs.posterCode', { orgId }))
    expect(code).toEqual({ scene: `O.${orgId}`, page: 'pages/checkin/index' })
    expect(orgOfScene(code.scene)).toBe(orgId)
    expect(code.scene.length).toBeLessThanOrEqual(SCENE_MAX)
    expect(isValidScene(code.scene)).toBe(true)
    // The same code every time (a printed poster never expires).
    expect(okData(await h.callAs(ADMIN)('orgs.posterCode', { orgId })).scene).toBe(code.scene)
    errorOf(await h.callAs(MEMBER)('orgs.posterCode', { orgId }), 'FORBIDDEN')
    errorOf(await h.callAs(ADMIN)('orgs.posterCode', { orgId: 'nosuchorg' }), 'NOT_FOUND')
    // Not a grid's code: checking in with it is refused, nothing is written.
    errorOf(await h.callAs(MEMBER)('checkin.scan', { code: code.scene, requestId: requestId() }), 'CODE_INVALID')
  })
})
