/**
 * 召集令 and 一键报名 against real SQLite: publishing, the atomic taking of places under concurrency,
 * the first-come waitlist and its promotion, closed states, the roster and the notices job.
 */
import type { PublishSummonReq, RosterEntry } from '../../types'
import { sendDueNotices } from '../../cloud/jobs/notices'
import { createLocalPlatform } from '../../cloud/platform/local'
import type { Notification } from '../../cloud/platform/port'
import { issueToken } from '../../cloud/server/tokens'
import {
  createHarness,
  errorOf,
  NOW,
  okData,
  platformWithoutImages,
  seedGrid,
  seedProfiles,
  startTestServer,
  type Harness,
} from './helpers'

const LEADER = 'o_leader_s'
const OTHER_LEADER = 'o_other_leader'
const ADMIN = 'o_admin_s'
const MEMBER = 'o_member_s'

const HOUR = 3600_000
const at = (hoursFromNow: number) => new Date(NOW.getTime() + hoursFromNow * HOUR).toISOString()
const later = (hours: number) => ({ now: new Date(NOW.getTime() + hours * HOUR) })

function summonInput(gridId: string | undefined, extra: Partial<PublishSummonReq> = {}): PublishSummonReq {
  return {
    gridId,
    title: '周末社区志愿服务',
    body: '一起去社区帮忙整理图书角',
    place: '莲花商务中心 1 楼',
    startAt: at(48),
    endAt: at(50),
    capacity: 100,
    tags: ['志愿'],
    hours: 2,
    ...extra,
  }
}

const members = (n: number, prefix = 'o_m') =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`)

/** Waitlist positions from the roster, in order. */
const waitPositions = (items: RosterEntry[]) => items.filter((e) => e.status === 'waitlisted').map((e) => e.position)
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1)

describe('summons', () => {
  let h: Harness
  let gridId: string

  beforeEach(async () => {
    h = createHarness({ platform: platformWithoutImages() })
    gridId = (await seedGrid(h.store, [LEADER])).id
    await seedGrid(h.store, [OTHER_LEADER], { name: '另一个网格' })
    await h.store.users.addAdmin(ADMIN)
    await seedProfiles(h.store, [LEADER, OTHER_LEADER, ADMIN, MEMBER])
  })
  afterEach(() => h.close())

  const publish = async (extra: Partial<PublishSummonReq> = {}) =>
    okData(await h.callAs(LEADER)('summons.publish', summonInput(gridId, extra)))

  describe('publish', () => {
    it('lets the grid leader publish and derives the state', async () => {
      const summon = await publish()
      expect(summon).toMatchObject({ gridId, gridName: '测试楼宇网格', capacity: 100, state: 'open', hours: 2 })
    })

    it('refuses members and leaders of other grids', async () => {
      errorOf(await h.callAs(MEMBER)('summons.publish', summonInput(gridId)), 'FORBIDDEN')
      errorOf(await h.callAs(OTHER_LEADER)('summons.publish', summonInput(gridId)), 'FORBIDDEN')
    })

    it('keeps district-wide summons (no grid) to admins', async () => {
      const summon = okData(await h.callAs(ADMIN)('summons.publish', summonInput(undefined)))
      expect(summon).toMatchObject({ gridId: null, gridName: '西湖区团委' })
      errorOf(await h.callAs(LEADER)('summons.publish', summonInput(undefined)), 'FORBIDDEN')
    })

    it('names the bad time fields', async () => {
      const past = errorOf(
        await h.callAs(LEADER)('summons.publish', summonInput(gridId, { startAt: at(-1) })),
        'BAD_REQUEST',
      )
      expect(past.fields).toHaveProperty('startAt')
      const backwards = errorOf(
        await h.callAs(LEADER)('summons.publish', summonInput(gridId, { endAt: at(47) })),
        'BAD_REQUEST',
      )
      expect(backwards.fields).toHaveProperty('endAt')
      // One sentence that names its field once (not 结束时间结束时间要晚于开始时间).
      expect(backwards.message).toBe('结束时间要晚于开始时间')
      expect(backwards.fields?.endAt).toBe('结束时间要晚于开始时间')
      const offset = okData(
        await h.callAs(LEADER)(
          'summons.publish',
          summonInput(gridId, { startAt: '2026-06-03T10:00:00+08:00', endAt: '2026-06-03T12:00:00+08:00' }),
        ),
      )
      expect(offset.startAt).toBe('2026-06-03T02:00:00.000Z')
    })
  })

  describe('one-tap sign-up under concurrency', () => {
    it('gives 1,000 simultaneous taps exactly 100 places and a gapless waitlist 1..900', async () => {
      const summon = await publish({ capacity: 100 })
      const people = members(1000)
      await seedProfiles(h.store, people)
      const answers = await Promise.all(people.map((p) => h.callAs(p)('summons.signUp', { summonId: summon.id })))
      const results = answers.map(okData)
      expect(results.filter((r) => r.status === 'confirmed')).toHaveLength(100)
      const positions = results.filter((r) => r.status === 'waitlisted').map((r) => r.position)
      expect([...positions].sort((a, b) => a! - b!)).toEqual(oneTo(900))

      const detail = okData(await h.callAs(LEADER)('summons.get', { summonId: summon.id }))
      expect(detail.counts).toEqual({ confirmed: 100, waitlisted: 900, attended: 0, walkins: 0 })
      expect(detail.state).toBe('full')
      const roster = okData(await h.callAs(LEADER)('summons.roster', { summonId: summon.id })).items
      expect(waitPositions(roster)).toEqual(oneTo(900))
    })

    it('answers a repeated tap with the existing sign-up', async () => {
      const summon = await publish({ capacity: 1 })
      await seedProfiles(h.store, ['o_first'])
      okData(await h.callAs('o_first')('summons.signUp', { summonId: summon.id }))
      const first = okData(await h.callAs(MEMBER)('summons.signUp', { summonId: summon.id }))
      const again = await Promise.all([1, 2, 3].map(() => h.callAs(MEMBER)('summons.signUp', { summonId: summon.id })))
      expect(first).toEqual({ status: 'waitlisted', position: 1 })
      again.forEach((a) => expect(okData(a)).toEqual(first))
      expect(okData(await h.callAs(MEMBER)('summons.get', { summonId: summon.id })).counts.waitlisted).toBe(1)
    })

    it('asks for a profile before signing up', async () => {
      const summon = await publish()
      errorOf(await h.callAs('o_no_profile')('summons.signUp', { summonId: summon.id }), 'FORBIDDEN')
    })

    it('takes places without limit when there is no capacity', async () => {
      const summon = await publish({ capacity: undefined })
      const people = members(30)
      await seedProfiles(h.store, people)
      const results = (
        await Promise.all(people.map((p) => h.callAs(p)('summons.signUp', { summonId: summon.id })))
      ).map(okData)
      expect(results.every((r) => r.status === 'confirmed')).toBe(true)
    })
  })

  describe('cancel and waitlist promotion', () => {
    async function fullSummon(capacity: number, total: number) {
      const summon = await publish({ capacity })
      const people = members(total)
      await seedProfiles(h.store, people)
      // Sequential, so the order of the waitlist is known.
      for (const p of people) okData(await h.callAs(p)('summons.signUp', { summonId: summon.id }))
      return { summon, people }
    }

    it('gives a freed place to the first on the waitlist at once', async () => {
      const { summon, people } = await fullSummon(2, 4)
      const answer = okData(await h.callAs(people[0])('summons.cancel', { summonId: summon.id }))
      expect(answer).toEqual({ status: 'cancelled', promoted: true })
      expect(okData(await h.callAs(people[2])('summons.get', { summonId: summon.id })).mine).toEqual({
        status: 'confirmed',
      })
      expect(okData(await h.callAs(people[3])('summons.get', { summonId: summon.id })).mine).toEqual({
        status: 'waitlisted',
        position: 1,
      })
    })

    it('promotes in order and never exceeds capacity when many cancel at once', async () => {
      const { summon, people } = await fullSummon(20, 60)
      const leaving = people.slice(0, 15)
      const answers = (
        await Promise.all(leaving.map((p) => h.callAs(p)('summons.cancel', { summonId: summon.id })))
      ).map(okData)
      // Every freed place went to the head of the waitlist, by the cancellation that freed it.
      expect(answers.every((a) => a.promoted)).toBe(true)
      const roster = okData(await h.callAs(LEADER)('summons.roster', { summonId: summon.id })).items
      const confirmed = roster
        .filter((e) => e.status === 'confirmed')
        .map((e) => e.openid)
        .sort()
      expect(confirmed).toEqual([...people.slice(15, 20), ...people.slice(20, 35)].sort())
      expect(waitPositions(roster)).toEqual(oneTo(25))
      const detail = okData(await h.callAs(LEADER)('summons.get', { summonId: summon.id }))
      expect(detail.counts).toMatchObject({ confirmed: 20, waitlisted: 25 })
    })

    it('closes the gap when someone on the waitlist leaves', async () => {
      const { summon, people } = await fullSummon(1, 4)
      expect(okData(await h.callAs(people[2])('summons.cancel', { summonId: summon.id }))).toEqual({
        status: 'cancelled',
        promoted: false,
      })
      expect(okData(await h.callAs(people[3])('summons.get', { summonId: summon.id })).mine?.position).toBe(2)
    })

    it('lets a member who cancelled sign up again, at the back of the line', async () => {
      const { summon, people } = await fullSummon(1, 3)
      okData(await h.callAs(people[0])('summons.cancel', { summonId: summon.id }))
      expect(okData(await h.callAs(people[0])('summons.signUp', { summonId: summon.id }))).toEqual({
        status: 'waitlisted',
        position: 2,
      })
    })

    it('refuses to cancel what was never signed up, or once the activity started', async () => {
      const { summon, people } = await fullSummon(5, 1)
      errorOf(await h.callAs(MEMBER)('summons.cancel', { summonId: summon.id }), 'CONFLICT')
      errorOf(await h.callAs(people[0], later(49))('summons.cancel', { summonId: summon.id }), 'CLOSED')
    })
  })

  describe('closed states', () => {
    it('answers DEADLINE_PASSED after the deadline and once the activity starts', async () => {
      const summon = await publish({ signUpDeadline: at(24) })
      errorOf(await h.callAs(MEMBER, later(25))('summons.signUp', { summonId: summon.id }), 'DEADLINE_PASSED')
      expect(okData(await h.callAs(MEMBER, later(25))('summons.get', { summonId: summon.id })).state).toBe('closed')
      const noDeadline = await publish()
      errorOf(await h.callAs(MEMBER, later(48.5))('summons.signUp', { summonId: noDeadline.id }), 'DEADLINE_PASSED')
      expect(okData(await h.callAs(MEMBER, later(48.5))('summons.get', { summonId: noDeadline.id })).state).toBe('live')
    })

    it('answers CLOSED for ended and withdrawn summons', async () => {
      const summon = await publish()
      errorOf(await h.callAs(MEMBER, later(51))('summons.signUp', { summonId: summon.id }), 'CLOSED')
      const withdrawn = okData(await h.callAs(LEADER)('summons.withdraw', { summonId: summon.id, reason: '天气原因' }))
      expect(withdrawn).toMatchObject({ state: 'withdrawn', withdrawReason: '天气原因' })
      errorOf(await h.callAs(MEMBER)('summons.signUp', { summonId: summon.id }), 'CLOSED')
    })

    it('lets only the grid leader (or an admin) withdraw, and not after the end', async () => {
      const summon = await publish()
      errorOf(await h.callAs(OTHER_LEADER)('summons.withdraw', { summonId: summon.id, reason: '不行' }), 'FORBIDDEN')
      errorOf(await h.callAs(LEADER, later(60))('summons.withdraw', { summonId: summon.id, reason: '晚了' }), 'CLOSED')
      okData(await h.callAs(ADMIN)('summons.withdraw', { summonId: summon.id, reason: '区团委统一调整' }))
    })

    it('tells every confirmed and waitlisted member of a withdrawal, once, and exports them as 已撤回', async () => {
      const sent: Notification[] = []
      h.close()
      h = createHarness({ platform: { ...platformWithoutImages(), notify: async (m) => void sent.push(m) } })
      gridId = (await seedGrid(h.store, [LEADER])).id
      await seedProfiles(h.store, [LEADER, MEMBER, 'o_wd_waiting', 'o_wd_gone'])
      const summon = await publish({ capacity: 2 })
      for (const openid of ['o_wd_gone', MEMBER, 'o_wd_waiting'])
        okData(await h.callAs(openid)('summons.signUp', { summonId: summon.id }))
      okData(await h.callAs('o_wd_gone')('summons.cancel', { summonId: summon.id }))
      okData(await h.callAs(LEADER)('summons.signUp', { summonId: summon.id }))
      okData(await h.callAs(LEADER)('summons.withdraw', { summonId: summon.id, reason: '天气预报有大雨，改期再约' }))
      expect(sent.map((m) => m.openid).sort()).toEqual([LEADER, MEMBER, 'o_wd_waiting'].sort())
      expect(sent[0]).toMatchObject({
        template: 'summon_withdrawn',
        page: `member/pages/summon/index?id=${summon.id}`,
        data: { thing1: '周末社区志愿服务', thing3: '天气预报有大雨，改期再约' },
      })
      // A repeated withdrawal changes nothing and tells nobody again.
      okData(await h.callAs(LEADER)('summons.withdraw', { summonId: summon.id, reason: '再撤一次' }))
      expect(sent).toHaveLength(3)
      expect(okData(await h.callAs(LEADER)('summons.get', { summonId: summon.id })).withdrawReason).toBe(
        '天气预报有大雨，改期再约',
      )
      const { csv } = okData(await h.callAs(LEADER)('summons.exportRoster', { summonId: summon.id }))
      expect(csv).toContain('测试青年,已撤回,')
      expect(csv).not.toContain('已报名')
    })

    it('answers NOT_FOUND for an unknown summon', async () => {
      errorOf(await h.callAs(MEMBER)('summons.signUp', { summonId: 'nope' }), 'NOT_FOUND')
      errorOf(await h.callAs(MEMBER)('summons.get', { summonId: 'nope' }), 'NOT_FOUND')
    })
  })

  describe('lists', () => {
    it('pages through open summons soonest first, without repeats', async () => {
      for (let i = 0; i < 7; i++) await publish({ title: `召集令 ${i}`, startAt: at(10 + i), endAt: at(11 + i) })
      const seen: string[] = []
      let cursor: string | undefined
      do {
        const page = okData(await h.callAs(MEMBER)('summons.list', { scope: 'open', limit: 3, cursor }))
        seen.push(...page.items.map((s) => s.title))
        cursor = page.nextCursor
      } while (cursor)
      expect(seen).toEqual(oneTo(7).map((i) => `召集令 ${i - 1}`))
    })

    it('lists mine and my grids', async () => {
      const a = await publish({ title: '我报名的' })
      await publish({ title: '没报名的' })
      okData(await h.callAs(MEMBER)('summons.signUp', { summonId: a.id }))
      const mine = okData(await h.callAs(MEMBER)('summons.list', { scope: 'mine' }))
      expect(mine.items.map((s) => [s.title, s.mine])).toEqual([['我报名的', 'confirmed']])
      expect(okData(await h.callAs(MEMBER)('summons.list', { scope: 'grid' })).items).toHaveLength(0)
      await h.store.grids.addMember(gridId, MEMBER, NOW)
      expect(okData(await h.callAs(MEMBER)('summons.list', { scope: 'grid' })).items).toHaveLength(2)
      expect(okData(await h.callAs(MEMBER)('summons.list', { gridId })).items).toHaveLength(2)
    })

    it('hides withdrawn and ended summons from the open list', async () => {
      const gone = await publish({ title: '撤回的' })
      await publish({ title: '进行中的' })
      okData(await h.callAs(LEADER)('summons.withdraw', { summonId: gone.id, reason: '取消' }))
      const open = okData(await h.callAs(MEMBER)('summons.list', {}))
      expect(open.items.map((s) => s.title)).toEqual(['进行中的'])
      expect(okData(await h.callAs(MEMBER, later(100))('summons.list', {})).items).toHaveLength(0)
    })
  })

  describe('roster', () => {
    it('is for the leaders of the grid and exports CSV for Excel', async () => {
      const summon = await publish({ capacity: 1 })
      await h.store.users.saveProfile('o_formula', { name: '=HYPERLINK("x")', affiliation: 'none' }, NOW)
      okData(await h.callAs('o_formula')('summons.signUp', { summonId: summon.id }))
      okData(await h.callAs(MEMBER)('summons.signUp', { summonId: summon.id }))
      errorOf(await h.callAs(MEMBER)('summons.roster', { summonId: summon.id }), 'FORBIDDEN')
      errorOf(await h.callAs(OTHER_LEADER)('summons.roster', { summonId: summon.id }), 'FORBIDDEN')
      const roster = okData(await h.callAs(LEADER)('summons.roster', { summonId: summon.id })).items
      expect(roster.map((e) => [e.name, e.status, e.position])).toEqual([
        ['=HYPERLINK("x")', 'confirmed', undefined],
        ['测试青年', 'waitlisted', 1],
      ])
      const { csv, filename } = okData(await h.callAs(LEADER)('summons.exportRoster', { summonId: summon.id }))
      expect(filename).toMatch(/\.csv$/)
      expect(csv.startsWith('\uFEFF姓名,状态')).toBe(true)
      expect(csv).toContain(`"'=HYPERLINK(""x"")",已报名`)
      expect(csv).toContain('测试青年,候补,1,')
    })
  })

  describe('notices job', () => {
    // The local adapter wired to the outbox table, as the local server wires it.
    const localPlatform = () => createLocalPlatform({ outbox: (m) => h.store.outbox.add(m, NOW) })

    it('reminds the confirmed an hour before the start, once, with thing fields of 20 characters at most', async () => {
      const summon = await publish({ title: '一个名字特别特别特别特别特别特别长的召集令活动', capacity: 1 })
      okData(await h.callAs(MEMBER)('summons.signUp', { summonId: summon.id }))
      await seedProfiles(h.store, ['o_waiting'])
      okData(await h.callAs('o_waiting')('summons.signUp', { summonId: summon.id }))
      expect(await sendDueNotices(h.store, localPlatform(), new Date(NOW.getTime() + 46 * HOUR))).toBe(0)
      const dueAt = new Date(NOW.getTime() + 47.5 * HOUR)
      expect(await sendDueNotices(h.store, localPlatform(), dueAt)).toBe(1)
      expect(await sendDueNotices(h.store, localPlatform(), dueAt)).toBe(0)
      const [message] = await h.store.outbox.list({})
      expect(message).toMatchObject({
        openid: MEMBER,
        template: 'summon_reminder',
        page: `member/pages/summon/index?id=${summon.id}`,
      })
      expect(Array.from(message.data.thing1)).toHaveLength(20)
      expect(message.data.time2).toBe('2026-06-03 10:00')
    })

    it('tells the promoted member they got a place', async () => {
      const summon = await publish({ capacity: 1 })
      await seedProfiles(h.store, ['o_waiting'])
      okData(await h.callAs(MEMBER)('summons.signUp', { summonId: summon.id }))
      okData(await h.callAs('o_waiting')('summons.signUp', { summonId: summon.id }))
      okData(await h.callAs(MEMBER)('summons.cancel', { summonId: summon.id }))
      expect(await sendDueNotices(h.store, localPlatform(), NOW)).toBe(1)
      const [message] = await h.store.outbox.list({ openid: 'o_waiting' })
      expect(message.template).toBe('waitlist_promoted')
      expect(await sendDueNotices(h.store, localPlatform(), NOW)).toBe(0)
    })
  })
})

describe('summons over HTTP', () => {
  jest.setTimeout(60_000)

  it('gives 1,000 concurrent requests exactly the places there are', async () => {
    const server = await startTestServer({ platform: platformWithoutImages(), now: () => NOW })
    try {
      const grid = await seedGrid(server.store, [LEADER])
      const people = members(1000, 'o_h')
      await seedProfiles(server.store, [LEADER, ...people])
      const token = (openid: string) => issueToken(openid, server.secret, NOW)
      const summon = okData(
        await server.post('summons', 'publish', summonInput(grid.id), token(LEADER)).then((a) => a.body),
      ) as {
        id: string
      }
      const answers = await Promise.all(
        people.map((p) => server.post('summons', 'signUp', { summonId: summon.id }, token(p))),
      )
      expect(answers.every((a) => a.status === 200)).toBe(true)
      const results = answers.map((a) => okData(a.body) as { status: string; position?: number })
      expect(results.filter((r) => r.status === 'confirmed')).toHaveLength(100)
      expect(
        results
          .map((r) => r.position)
          .filter(Boolean)
          .sort((a, b) => a! - b!),
      ).toEqual(oneTo(900))
      const cancels = await Promise.all(
        people.slice(0, 10).map((p) => server.post('summons', 'cancel', { summonId: summon.id }, token(p))),
      )
      expect(cancels.map((a) => (okData(a.body) as { promoted: boolean }).promoted)).toEqual(Array(10).fill(true))
      const after = okData((await server.post('summons', 'get', { summonId: summon.id }, token(LEADER))).body) as {
        counts: { confirmed: number; waitlisted: number }
      }
      expect(after.counts).toMatchObject({ confirmed: 100, waitlisted: 890 })
    } finally {
      await server.close()
    }
  })
})
