/**
 * 动态消息: a summon's updatable share card — its activity from the platform, renewed before its 24 hours
 * run out; the functions push 「已报名 x/y」 when a sign-up or cancellation changes the count (coalesced
 * per summon), and the job pushes what they left (the last count of a burst) and target state 1 at the start.
 * Runs on both adapters (jest projects `cloud` and `cloud-wx`).
 */
import { RENEW_MARGIN_MS } from '../../cloud/domain/shareCards'
import { PUSH_WINDOW_MS, refreshShareCards } from '../../cloud/jobs/shareCards'
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
    // Three sign-ups in one moment: the first one's function pushes 1/2 at once, the rest are in its window.
    for (const m of MEMBERS) okData(await h.callAs(m)('summons.signUp', { summonId }))
    expect(platform.updates.at(-1)).toEqual({ activityId, targetState: 0, memberCount: 1, roomLimit: 2 })
    expect(await job()).toBe(1)
    // Full at 2 of 2 (the third is waitlisted); a cancel promotes the waitlist, so the count stays.
    expect(platform.updates.at(-1)).toEqual({ activityId, targetState: 0, memberCount: 2, roomLimit: 2 })
    okData(await h.callAs(MEMBERS[0])('summons.cancel', { summonId }))
    expect(await job()).toBe(0)
    okData(await h.callAs(MEMBERS[1])('summons.cancel', { summonId }))
    expect(await job()).toBe(1)
    expect(platform.updates.at(-1)).toMatchObject({ memberCount: 1 })
  })

  it('marks the card started (target state 1) once, when the summon starts', async () => {
    const summonId = await publish(2)
    const { activityId } = okData(await card(summonId, 30))!
    okData(await h.callAs(MEMBERS[0])('summons.signUp', { summonId }))
    expect(await job(30)).toBe(1)
    expect(await job(48.5)).toBe(1)
    expect(platform.updates.at(-1)).toEqual({ activityId, targetState: 1, memberCount: 1, roomLimit: 2 })
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

describe('the functions push the count themselves', () => {
  const WINDOW_HOURS = PUSH_WINDOW_MS / HOUR
  const signUp = (m: string, hours: number) => h.callAs(m, { now: at(hours) })('summons.signUp', { summonId: sid })
  const cancel = (m: string, hours: number) => h.callAs(m, { now: at(hours) })('summons.cancel', { summonId: sid })
  let sid: string
  let activityId: string

  beforeEach(async () => {
    sid = await publish(2)
    activityId = okData(await card(sid))!.activityId
  })

  it('a sign-up pushes 「已报名 x/y」 at once, without waiting for the job', async () => {
    okData(await signUp(MEMBERS[0], 1))
    expect(platform.updates).toEqual([{ activityId, targetState: 0, memberCount: 1, roomLimit: 2 }])
  })

  it('coalesces a burst per summon: one push per window, the next change after it carries the latest count', async () => {
    okData(await signUp(MEMBERS[0], 1))
    okData(await signUp(MEMBERS[1], 1 + WINDOW_HOURS / 2))
    expect(platform.updates.map((u) => u.memberCount)).toEqual([1])
    // The third waits (full at 2/2); the count it meets after the window is 2.
    okData(await signUp(MEMBERS[2], 1 + WINDOW_HOURS * 1.5))
    expect(platform.updates.map((u) => u.memberCount)).toEqual([1])
    okData(await cancel(MEMBERS[2], 1 + WINDOW_HOURS * 3))
    // Leaving the waitlist changes no count: still nothing new.
    expect(platform.updates.map((u) => u.memberCount)).toEqual([1])
    okData(await cancel(MEMBERS[1], 1 + WINDOW_HOURS * 5))
    expect(platform.updates.map((u) => u.memberCount)).toEqual([1])
    // The job pushes what the window held back (the last count of the burst) once, then nothing.
    expect(await job(2)).toBe(1)
    expect(platform.updates.at(-1)).toEqual({ activityId, targetState: 0, memberCount: 1, roomLimit: 2 })
    expect(await job(2)).toBe(0)
  })

  it('a cancellation that frees a place pushes the lower count; one that promotes the waitlist pushes nothing', async () => {
    okData(await signUp(MEMBERS[0], 1))
    okData(await signUp(MEMBERS[1], 1 + WINDOW_HOURS * 2))
    okData(await signUp(MEMBERS[2], 1 + WINDOW_HOURS * 4))
    expect(platform.updates.map((u) => u.memberCount)).toEqual([1, 2])
    okData(await cancel(MEMBERS[0], 1 + WINDOW_HOURS * 6))
    expect(platform.updates.map((u) => u.memberCount)).toEqual([1, 2])
    okData(await cancel(MEMBERS[1], 1 + WINDOW_HOURS * 8))
    expect(platform.updates.at(-1)).toEqual({ activityId, targetState: 0, memberCount: 1, roomLimit: 2 })
  })

  it('pushes nothing for a summon nobody shared', async () => {
    const unshared = await publish(2)
    okData(await h.callAs(MEMBERS[0], { now: at(1) })('summons.signUp', { summonId: unshared }))
    okData(await h.callAs(MEMBERS[0], { now: at(1) })('summons.cancel', { summonId: unshared }))
    expect(platform.updates).toEqual([])
  })

  it('pushes to the renewed activity once the card is renewed', async () => {
    const renewed = okData(await card(sid, 23.5))!
    expect(renewed.activityId).not.toBe(activityId)
    okData(await h.callAs(MEMBERS[0], { now: at(23.6) })('summons.signUp', { summonId: sid }))
    // The cloud adapter may answer the older card for up to a minute (the summon as this instance read
    // it); the job pushes to the current one either way.
    await job(23.7)
    expect(platform.updates.at(-1)).toEqual({
      activityId: renewed.activityId,
      targetState: 0,
      memberCount: 1,
      roomLimit: 2,
    })
  })

  it('a failed push never fails the sign-up; the job pushes the count instead', async () => {
    const setUpdatableMsg = jest.spyOn(platform, 'setUpdatableMsg').mockRejectedValueOnce(new Error('-501001'))
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    expect(okData(await signUp(MEMBERS[0], 1))).toEqual({ status: 'confirmed' })
    expect(setUpdatableMsg).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0][0]).not.toContain(MEMBERS[0])
    expect(platform.updates).toEqual([])
    expect(await job(1)).toBe(1)
    expect(platform.updates).toEqual([{ activityId, targetState: 0, memberCount: 1, roomLimit: 2 }])
    warn.mockRestore()
  })
})
