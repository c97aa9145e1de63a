/**
 * 关注网格动态: following a grid, the one-time subscriptions banked one per tap or long-term ones by the
 * setting, and the job that sends a grid's new summon to its followers through the notification port.
 */
import { announceSummons } from '../../cloud/jobs/follows'
import { createLocalPlatform, type LocalPlatform } from '../../cloud/platform/local'
import { MAX_BANKED } from '../../cloud/store/port'
import type { FollowMode } from '../../types'
import { createHarness, errorOf, NOW, okData, seedGrid, type Harness } from './helpers'

const LEADER = 'o_fo_leader'
const FAN = 'o_fo_fan'
const OTHER = 'o_fo_other'
const HOUR = 3600_000
const later = (hours: number) => new Date(NOW.getTime() + hours * HOUR).toISOString()

let h: Harness
let platform: LocalPlatform
let gridId: string

const open = async (followMode?: FollowMode) => {
  platform = createLocalPlatform()
  h = createHarness({ platform, ...(followMode ? { followMode } : {}) })
  gridId = (await seedGrid(h.store, [LEADER])).id
}
afterEach(() => h.close())

const publish = async (title = '周末社区志愿服务', grid = gridId) =>
  okData(
    await h.callAs(LEADER)('summons.publish', {
      gridId: grid,
      title,
      body: '',
      place: '文新街道',
      startAt: later(48),
      endAt: later(50),
    }),
  )
const runJob = (mode: FollowMode = 'one_time', at = NOW) => announceSummons(h.store, platform, at, mode)
const sentTo = (openid: string) => platform.sent.filter((m) => m.openid === openid && m.template === 'grid_summon')

describe('one-time subscriptions (the default)', () => {
  beforeEach(() => open())

  it('follows, banks one subscription per accepted tap, and says whether the member will be told', async () => {
    const plain = okData(await h.callAs(FAN)('grids.follow', { gridId, follow: true }))
    expect(plain).toEqual({ gridId, following: true, mode: 'one_time', banked: 0, willBeTold: false })
    okData(await h.callAs(FAN)('grids.follow', { gridId, follow: true, subscribed: true }))
    const twice = okData(await h.callAs(FAN)('grids.follow', { gridId, follow: true, subscribed: true }))
    expect(twice).toMatchObject({ following: true, banked: 2, willBeTold: true })
    expect(okData(await h.callAs(FAN)('grids.following', { gridId }))).toEqual(twice)
    expect(okData(await h.callAs(OTHER)('grids.following', { gridId }))).toEqual({
      gridId,
      following: false,
      mode: 'one_time',
      banked: 0,
      willBeTold: false,
    })
  })

  it('sends a new summon once to each follower with a subscription banked, and spends it', async () => {
    okData(await h.callAs(FAN)('grids.follow', { gridId, follow: true, subscribed: true }))
    okData(await h.callAs(OTHER)('grids.follow', { gridId, follow: true }))
    const summon = await publish()
    expect(await runJob()).toBe(1)
    expect(sentTo(FAN)).toEqual([
      {
        openid: FAN,
        template: 'grid_summon',
        page: `member/pages/summon/index?id=${summon.id}`,
        data: { thing1: '测试楼宇网格', thing2: '周末社区志愿服务', time3: expect.stringMatching(/^2026-06-03 /) },
      },
    ])
    expect(sentTo(OTHER)).toEqual([])
    // Spent: the member sees they will not be told of the next one until they tap again.
    expect(okData(await h.callAs(FAN)('grids.following', { gridId }))).toMatchObject({ banked: 0, willBeTold: false })
    // A second run announces nothing again.
    expect(await runJob()).toBe(0)
    await publish('第二条召集令')
    expect(await runJob()).toBe(0)
    expect(sentTo(FAN)).toHaveLength(1)
  })

  it('cuts thing values to 20 characters', async () => {
    okData(await h.callAs(FAN)('grids.follow', { gridId, follow: true, subscribed: true }))
    await publish('一'.repeat(40))
    await runJob()
    expect([...sentTo(FAN)[0].data.thing2].length).toBeLessThanOrEqual(20)
  })

  it('stops: an unfollowed member is not told and loses what was banked', async () => {
    okData(await h.callAs(FAN)('grids.follow', { gridId, follow: true, subscribed: true }))
    const stopped = okData(await h.callAs(FAN)('grids.follow', { gridId, follow: false }))
    expect(stopped).toMatchObject({ following: false, banked: 0, willBeTold: false })
    await publish()
    expect(await runJob()).toBe(0)
    expect(okData(await h.callAs(FAN)('grids.follow', { gridId, follow: true }))).toMatchObject({ banked: 0 })
  })

  it('banks no more than the cap, and nothing for a tap that did not follow', async () => {
    for (let i = 0; i < MAX_BANKED + 2; i++)
      okData(await h.callAs(FAN)('grids.follow', { gridId, follow: true, subscribed: true }))
    expect(okData(await h.callAs(FAN)('grids.following', { gridId })).banked).toBe(MAX_BANKED)
  })

  it('tells only the followers of the summon’s grid, never the leader who published it', async () => {
    const other = await seedGrid(h.store, [LEADER], { name: '另一个网格' })
    okData(await h.callAs(FAN)('grids.follow', { gridId: other.id, follow: true, subscribed: true }))
    okData(await h.callAs(LEADER)('grids.follow', { gridId, follow: true, subscribed: true }))
    await publish()
    expect(await runJob()).toBe(0)
    expect(platform.sent).toEqual([])
  })

  it('skips a summon withdrawn before the job ran', async () => {
    okData(await h.callAs(FAN)('grids.follow', { gridId, follow: true, subscribed: true }))
    const summon = await publish()
    okData(await h.callAs(LEADER)('summons.withdraw', { summonId: summon.id, reason: '天气原因' }))
    await runJob()
    expect(sentTo(FAN)).toEqual([])
  })

  it('answers NOT_FOUND for a grid that does not exist', async () => {
    errorOf(await h.callAs(FAN)('grids.follow', { gridId: 'nogrid', follow: true }), 'NOT_FOUND')
  })
})

describe('long-term subscriptions (政务民生)', () => {
  beforeEach(() => open('long_term'))

  it('tells every follower of every new summon, with nothing banked', async () => {
    const state = okData(await h.callAs(FAN)('grids.follow', { gridId, follow: true, subscribed: true }))
    expect(state).toEqual({ gridId, following: true, mode: 'long_term', banked: 0, willBeTold: true })
    okData(await h.callAs(OTHER)('grids.follow', { gridId, follow: true }))
    await publish('第一条')
    await publish('第二条')
    expect(await runJob('long_term')).toBe(4)
    // Both were published at the same instant: in either order.
    expect(
      sentTo(FAN)
        .map((m) => m.data.thing2)
        .sort(),
    ).toEqual(['第一条', '第二条'].sort())
    expect(sentTo(OTHER)).toHaveLength(2)
  })

  it('pages through many followers', async () => {
    const fans = Array.from({ length: 230 }, (_, i) => `o_fo_many_${String(i).padStart(3, '0')}`)
    for (const fan of fans) await h.store.follows.follow(gridId, fan, NOW)
    await publish()
    expect(await runJob('long_term')).toBe(230)
    expect(new Set(platform.sent.map((m) => m.openid)).size).toBe(230)
  })
})
