/**
 * A leader edits a published summon (`summons.update`): time, place and capacity. A raised capacity
 * promotes from the waitlist at once, a capacity under the places taken is refused, and a new time or
 * place is told to everyone signed up. Runs on SQLite and on the cloud adapter (the `cloud-wx` project).
 */
import { sendDueNotices } from '../../cloud/jobs/notices'
import type { Notification } from '../../cloud/platform/port'
import type { PublishSummonReq } from '../../types'
import {
  createHarness,
  errorOf,
  NOW,
  okData,
  platformWithoutImages,
  seedGrid,
  seedProfiles,
  type Harness,
} from './helpers'

const LEADER = 'o_edit_leader'
const OTHER_LEADER = 'o_edit_other'
const HOUR = 3600_000
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR).toISOString()
const later = (hours: number) => ({ now: new Date(NOW.getTime() + hours * HOUR) })
const members = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`)

describe('summons.update', () => {
  let h: Harness
  let gridId: string
  let sent: Notification[]

  beforeEach(async () => {
    sent = []
    h = createHarness({ platform: { ...platformWithoutImages(), notify: async (m) => void sent.push(m) } })
    gridId = (await seedGrid(h.store, [LEADER])).id
    await seedGrid(h.store, [OTHER_LEADER], { name: '另一个网格' })
    await seedProfiles(h.store, [LEADER, OTHER_LEADER])
  })
  afterEach(() => h.close())

  async function summonWith(capacity: number | undefined, signUps: number, prefix = 'o_ed') {
    const input: PublishSummonReq = {
      gridId,
      title: '周末社区志愿服务',
      body: '',
      place: '莲花商务中心 1 楼',
      startAt: at(48),
      endAt: at(50),
      ...(capacity ? { capacity } : {}),
    }
    const summon = okData(await h.callAs(LEADER)('summons.publish', input))
    const people = members(signUps, prefix)
    await seedProfiles(h.store, people)
    for (const p of people) okData(await h.callAs(p)('summons.signUp', { summonId: summon.id }))
    return { summonId: summon.id, people }
  }

  const detail = (summonId: string, openid = LEADER) => h.callAs(openid)('summons.get', { summonId }).then(okData)

  it('raising the capacity promotes the head of the waitlist at once, in order, and the job tells them', async () => {
    const { summonId, people } = await summonWith(2, 6)
    const edited = okData(await h.callAs(LEADER)('summons.update', { summonId, capacity: 4 }))
    expect(edited).toMatchObject({ capacity: 4, promoted: 2, notified: 0, state: 'full' })
    expect((await detail(summonId)).counts).toMatchObject({ confirmed: 4, waitlisted: 2 })
    expect((await detail(summonId, people[2])).mine).toEqual({ status: 'confirmed' })
    expect((await detail(summonId, people[3])).mine).toEqual({ status: 'confirmed' })
    expect((await detail(summonId, people[4])).mine).toEqual({ status: 'waitlisted', position: 1 })
    const roster = okData(await h.callAs(LEADER)('summons.roster', { summonId })).items
    expect(roster.filter((e) => e.status === 'waitlisted').map((e) => [e.openid, e.position])).toEqual([
      [people[4], 1],
      [people[5], 2],
    ])
    // 我的报名 lists the promoted member as confirmed.
    const mine = okData(await h.callAs(people[3])('summons.list', { scope: 'mine' })).items
    expect(mine.map((s) => [s.id, s.mine])).toEqual([[summonId, 'confirmed']])
    // A capacity change alone tells nobody of a change; the promotions go out as any promotion.
    expect(sent).toEqual([])
    await sendDueNotices(h.store, h.platform, NOW)
    expect(sent.map((m) => [m.template, m.openid])).toEqual([
      ['waitlist_promoted', people[2]],
      ['waitlist_promoted', people[3]],
    ])
  })

  it('removing the limit promotes everyone waiting', async () => {
    const { summonId } = await summonWith(1, 4)
    const edited = okData(await h.callAs(LEADER)('summons.update', { summonId, capacity: null }))
    expect(edited).toMatchObject({ capacity: null, promoted: 3, state: 'open' })
    expect((await detail(summonId)).counts).toMatchObject({ confirmed: 4, waitlisted: 0 })
  })

  it('refuses a capacity under the places taken, with the number, and changes nothing', async () => {
    const { summonId } = await summonWith(5, 3)
    const refused = errorOf(await h.callAs(LEADER)('summons.update', { summonId, capacity: 2 }), 'CONFLICT')
    expect(refused.message).toBe('已有 3 人报名，名额不能少于 3')
    expect(refused.fields).toEqual({ capacity: '已有 3 人报名，名额不能少于 3' })
    expect((await detail(summonId)).capacity).toBe(5)
    // Exactly the places taken is fine: the summon is full, and the next one waits.
    expect(okData(await h.callAs(LEADER)('summons.update', { summonId, capacity: 3 }))).toMatchObject({
      capacity: 3,
      state: 'full',
    })
    await seedProfiles(h.store, ['o_ed_late'])
    expect(okData(await h.callAs('o_ed_late')('summons.signUp', { summonId }))).toEqual({
      status: 'waitlisted',
      position: 1,
    })
  })

  it('a new time or place is told to the confirmed and the waitlisted, not to those who cancelled', async () => {
    const { summonId, people } = await summonWith(2, 4)
    okData(await h.callAs(people[3])('summons.cancel', { summonId }))
    const edited = okData(
      await h.callAs(LEADER)('summons.update', {
        summonId,
        startAt: '2026-06-04T09:00:00+08:00',
        endAt: '2026-06-04T11:30:00+08:00',
        place: '青年之家 3 楼',
      }),
    )
    expect(edited).toMatchObject({ startAt: '2026-06-04T01:00:00.000Z', place: '青年之家 3 楼', notified: 3 })
    expect(sent.map((m) => m.openid).sort()).toEqual(people.slice(0, 3).sort())
    expect(sent[0]).toMatchObject({
      template: 'summon_changed',
      page: `member/pages/summon/index?id=${summonId}`,
      data: { thing1: '周末社区志愿服务', time2: '2026-06-04 09:00', thing3: '青年之家 3 楼' },
    })
    expect(sent[0].data.thing4).toBe('时间和地点有变，请留意新安排')
    // The same edit again changes nothing and tells nobody again.
    okData(await h.callAs(LEADER)('summons.update', { summonId, place: '青年之家 3 楼' }))
    expect(sent).toHaveLength(3)
    const stored = await detail(summonId)
    expect([stored.startAt, stored.endAt, stored.place]).toEqual([
      '2026-06-04T01:00:00.000Z',
      '2026-06-04T03:30:00.000Z',
      '青年之家 3 楼',
    ])
  })

  it('a moved start is reminded of again, at its new time', async () => {
    const { summonId, people } = await summonWith(5, 1)
    await sendDueNotices(h.store, h.platform, new Date(NOW.getTime() + 47.5 * HOUR))
    expect(sent.map((m) => m.template)).toEqual(['summon_reminder'])
    okData(await h.callAs(LEADER, later(47.5))('summons.update', { summonId, startAt: at(72), endAt: at(74) }))
    sent.length = 0
    await sendDueNotices(h.store, h.platform, new Date(NOW.getTime() + 71.5 * HOUR))
    expect(sent.map((m) => [m.template, m.openid])).toEqual([['summon_reminder', people[0]]])
  })

  it('names the field whose rule the merged times break', async () => {
    const { summonId } = await summonWith(5, 0)
    const backwards = errorOf(await h.callAs(LEADER)('summons.update', { summonId, endAt: at(47) }), 'BAD_REQUEST')
    expect(backwards.fields).toEqual({ endAt: '结束时间要晚于开始时间' })
    const past = errorOf(await h.callAs(LEADER)('summons.update', { summonId, startAt: at(-1) }), 'BAD_REQUEST')
    expect(past.fields).toEqual({ startAt: '开始时间要晚于现在' })
    const deadline = errorOf(
      await h.callAs(LEADER)('summons.update', { summonId, signUpDeadline: at(51) }),
      'BAD_REQUEST',
    )
    expect(deadline.fields).toEqual({ signUpDeadline: '报名截止时间不能晚于结束时间' })
    const nothing = errorOf(await h.callAs(LEADER)('summons.update', { summonId }), 'BAD_REQUEST')
    expect(nothing.message).toBe('请求内容为空：请至少修改时间、地点或人数上限中的一项')
    // A deadline can be cleared again.
    okData(await h.callAs(LEADER)('summons.update', { summonId, signUpDeadline: at(24) }))
    expect(okData(await h.callAs(LEADER)('summons.update', { summonId, signUpDeadline: null })).signUpDeadline).toBe(
      null,
    )
  })

  it('refuses withdrawn and ended summons, and leaders of other grids', async () => {
    const { summonId } = await summonWith(5, 0)
    errorOf(await h.callAs(OTHER_LEADER)('summons.update', { summonId, capacity: 9 }), 'FORBIDDEN')
    expect(
      errorOf(await h.callAs(LEADER, later(51))('summons.update', { summonId, capacity: 9 }), 'CLOSED').message,
    ).toBe('活动已经结束，不能再修改了')
    okData(await h.callAs(LEADER)('summons.withdraw', { summonId, reason: '天气原因' }))
    expect(errorOf(await h.callAs(LEADER)('summons.update', { summonId, capacity: 9 }), 'CLOSED').message).toBe(
      '这条召集令已撤回，不能再修改了',
    )
    errorOf(await h.callAs(LEADER)('summons.update', { summonId: 'nosuchsummon', capacity: 9 }), 'NOT_FOUND')
  })
})
