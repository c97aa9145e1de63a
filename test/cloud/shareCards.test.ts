/**
 * 动态消息: a summon's updatable share card — its activity from the platform, renewed before its 24 hours
 * run out, and the job that pushes 「已报名 x/y」 when the counts change and target state 1 at the start.
 */
import { RENEW_MARGIN_MS } from '../../cloud/domain/shareCards'
import { refreshShareCards } from '../../cloud/jobs/shareCards'
import { createLocalPlatform, type LocalPlatform } from '../../cloud/platform/local'
import { createHarness, NOW, okData, seedGrid, seedProfiles, type Harness } from './helpers'

const LEADER = 'o_sc_leader'
const MEMBERS = ['o_sc_a', 'o_sc_b', 'o_sc_c']
const HOUR = 3600_000
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR)

let h: Harness
let platform: LocalPlatform
let gridId: string

beforeEach(async () => {
  platform = createLocalPlatform()
  h = createHarness({ platform })
  gridId = (await seedGrid(h.store, [LEADER])).id
  await seedProfiles(h.store, [LEADER, ...MEMBERS])
})
afterEach(() => h.close())

const publish = async (capacity?: number) =>
  okData(
    await h.callAs(LEADER)('summons.publish', {
      gridId,
      title: '周末社区志愿服务',
      body: '',
      place: '文新街道',
      startAt: at(48).toISOString(),
      endAt: at(50).toISOString(),
      ...(capacity ? { capacity } : {}),
    }),
  ).id
const card = (summonId: string, hours = 0) =>
  h.callAs(MEMBERS[0], { now: at(hours) })('summons.shareCard', { summonId })
const job = (hours = 0) => refreshShareCards(h.store, platform, at(hours))

describe('summons.shareCard', () => {
  it('makes an activity through the platform and answers the counts the card shows', async () => {
    const summonId = await publish(2)
    const first = okData(await card(summonId))
    expect(first).toEqual({
      activityId: platform.activities[0].activityId,
      expiresAt: at(24).toISOString(),
      memberCount: 0,
      roomLimit: 2,
      targetState: 0,
    })
    // Asked again within the day: the same activity.
    expect(okData(await card(summonId, 10))?.activityId).toBe(first!.activityId)
    expect(platform.activities).toHaveLength(1)
  })

  it('renews the activity before its 24 hours run out', async () => {
    const summonId = await publish(2)
    const first = okData(await card(summonId))!
    const renewed = okData(await card(summonId, 24 - RENEW_MARGIN_MS / HOUR + 0.1))!
    expect(renewed.activityId).not.toBe(first.activityId)
    expect(platform.activities).toHaveLength(2)
    expect(okData(await card(summonId, 25))!.activityId).toBe(renewed.activityId)
  })

  it('has no card for a summon without a capacity, or once it is withdrawn', async () => {
    expect(okData(await card(await publish()))).toBeNull()
    const summonId = await publish(5)
    okData(await h.callAs(LEADER)('summons.withdraw', { summonId, reason: '天气原因' }))
    expect(okData(await card(summonId))).toBeNull()
    expect(platform.activities).toEqual([])
  })
})

describe('the share-card job', () => {
  it('pushes the count when it changes, and nothing when it did not', async () => {
    const summonId = await publish(2)
    const { activityId } = okData(await card(summonId))!
    expect(await job()).toBe(1)
    expect(platform.updates).toEqual([{ activityId, targetState: 0, memberCount: 0, roomLimit: 2 }])
    expect(await job()).toBe(0)
    for (const m of MEMBERS) okData(await h.callAs(m)('summons.signUp', { summonId }))
    expect(await job()).toBe(1)
    // Full at 2 of 2 (the third is waitlisted); a cancel promotes the waitlist, so the count stays.
    expect(platform.updates[1]).toEqual({ activityId, targetState: 0, memberCount: 2, roomLimit: 2 })
    okData(await h.callAs(MEMBERS[0])('summons.cancel', { summonId }))
    expect(await job()).toBe(0)
    okData(await h.callAs(MEMBERS[1])('summons.cancel', { summonId }))
    expect(await job()).toBe(1)
    expect(platform.updates[2]).toMatchObject({ memberCount: 1 })
  })

  it('marks the card started (target state 1) once, when the summon starts', async () => {
    const summonId = await publish(2)
    const { activityId } = okData(await card(summonId, 30))!
    okData(await h.callAs(MEMBERS[0])('summons.signUp', { summonId }))
    expect(await job(30)).toBe(1)
    expect(await job(48.5)).toBe(1)
    expect(platform.updates[1]).toEqual({ activityId, targetState: 1, memberCount: 1, roomLimit: 2 })
    expect(await job(49)).toBe(0)
  })

  it('pushes only to the current activity after a renewal, and none to an expired one', async () => {
    const summonId = await publish(2)
    okData(await card(summonId))
    const renewed = okData(await card(summonId, 23.5))!
    expect(await job(23.6)).toBe(1)
    expect(platform.updates.map((u) => u.activityId)).toEqual([renewed.activityId])
    expect(await job(23.5 + 25)).toBe(0)
  })
})
