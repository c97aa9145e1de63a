/**
 * 二维报到 check-in against real SQLite: poster and live codes, forgery and expiry, the geofence,
 * idempotency (request ids, the 10-minute window, restarts) and the history.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { signLiveCode, signPosterScene, liveWindow } from '../../cloud/domain/codes'
import type { GridInput, PublishSummonReq } from '../../types'
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

const LEADER = 'o_ck_leader'
const MEMBER = 'o_ck_member'
const MINUTE = 60_000
const after = (minutes: number) => ({ now: new Date(NOW.getTime() + minutes * MINUTE) })
let requestSeq = 0
const requestId = () => `req-${String(++requestSeq).padStart(6, '0')}`

const BASE = { lat: 30.2845, lng: 120.1205 }
/** A point `metres` due north of the base. */
const north = (metres: number) => ({ lat: BASE.lat + metres / 111_195, lng: BASE.lng })

describe('check-in', () => {
  let h: Harness
  let gridId: string

  const makeGrid = async (input: Partial<GridInput> = {}) => (await seedGrid(h.store, [LEADER], input)).id
  const scan = (
    openid: string,
    code: string,
    extra: { location?: { lat: number; lng: number; accuracy: number } } = {},
    options = {},
  ) => h.callAs(openid, options)('checkin.scan', { code, requestId: requestId(), ...extra })

  beforeEach(async () => {
    h = createHarness({ platform: platformWithoutImages() })
    gridId = await makeGrid()
    await seedProfiles(h.store, [LEADER, MEMBER])
  })
  afterEach(() => h.close())

  describe('poster code', () => {
    it('reports the member to the grid on the first scan', async () => {
      const { scene } = okData(await h.callAs(LEADER)('grids.posterCode', { gridId }))
      const first = okData(await scan(MEMBER, scene))
      expect(first).toMatchObject({ firstReport: true, duplicate: false, grid: { id: gridId, name: '测试楼宇网格' } })
      expect(first.checkIn).toMatchObject({ gridId, method: 'poster', verifiedBy: ['poster'], at: NOW.toISOString() })
      const me = okData(await h.callAs(MEMBER)('account.me', {}))
      expect(me.grids.map((g) => g.id)).toEqual([gridId])
    })

    it('answers a second scan within 10 minutes with the first check-in, and counts a later one', async () => {
      const scene = signPosterScene(gridId, SECRET)
      const first = okData(await scan(MEMBER, scene))
      const again = okData(await scan(MEMBER, scene, {}, after(9)))
      expect(again).toMatchObject({ duplicate: true, checkIn: first.checkIn })
      const later = okData(await scan(MEMBER, scene, {}, after(11)))
      expect(later).toMatchObject({ duplicate: false, firstReport: false })
      expect(later.checkIn.id).not.toBe(first.checkIn.id)
    })

    it('refuses forged, truncated and foreign codes', async () => {
      const scene = signPosterScene(gridId, SECRET)
      errorOf(await scan(MEMBER, `${scene.slice(0, -1)}x`), 'CODE_INVALID')
      errorOf(await scan(MEMBER, scene.slice(0, 10)), 'CODE_INVALID')
      errorOf(await scan(MEMBER, signPosterScene(gridId, 'another-secret')), 'CODE_INVALID')
      errorOf(await scan(MEMBER, 'https://example.com/'), 'CODE_INVALID')
      errorOf(await scan(MEMBER, signPosterScene('nosuchgrid', SECRET)), 'CODE_INVALID')
    })

    it('gives 50 simultaneous scans by one member exactly one check-in', async () => {
      const scene = signPosterScene(gridId, SECRET)
      const answers = (await Promise.all(Array.from({ length: 50 }, () => scan(MEMBER, scene)))).map(okData)
      expect(new Set(answers.map((a) => a.checkIn.id)).size).toBe(1)
      expect(answers.filter((a) => !a.duplicate)).toHaveLength(1)
      expect(answers.filter((a) => a.firstReport)).toHaveLength(50) // each answers the first, which joined
      expect(okData(await h.callAs(MEMBER)('checkin.mine', {})).items).toHaveLength(1)
    })
  })

  describe('request ids', () => {
    it('answers a repeated request id with the first check-in, even after a restart and once the code expired', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'erwei-ck-'))
      const file = join(dir, 'db.sqlite')
      try {
        const first = createHarness({ file, platform: platformWithoutImages() })
        const grid = await seedGrid(first.store, [LEADER])
        const summon = okData(await first.callAs(LEADER)('summons.publish', summonInput(grid.id)))
        await seedProfiles(first.store, [MEMBER])
        const scannedAt = after(60 * 47)
        const code = signLiveCode(summon.id, liveWindow(scannedAt.now, 30), SECRET)
        const req = { code, requestId: 'offline-queue-0001' }
        const original = okData(await first.callAs(MEMBER, scannedAt)('checkin.scan', req))
        first.close()

        const restarted = createHarness({ file, platform: platformWithoutImages() })
        const retried = okData(await restarted.callAs(MEMBER, after(60 * 48))('checkin.scan', req))
        expect(retried).toMatchObject({ duplicate: true, checkIn: original.checkIn })
        restarted.close()
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    })
  })

  describe('live code', () => {
    let summonId: string
    beforeEach(async () => {
      summonId = okData(await h.callAs(LEADER)('summons.publish', summonInput(gridId))).id
    })
    const startsIn = (minutes: number) => after(48 * 60 + minutes)

    it('is shown only to the leader, and only around the activity', async () => {
      errorOf(await h.callAs(MEMBER, startsIn(0))('checkin.liveCode', { summonId }), 'FORBIDDEN')
      errorOf(await h.callAs(LEADER)('checkin.liveCode', { summonId }), 'CLOSED')
      const live = okData(await h.callAs(LEADER, startsIn(-30))('checkin.liveCode', { summonId }))
      expect(live.rotateSeconds).toBe(30)
      expect(live.upcoming).toHaveLength(10)
      expect(Date.parse(live.expiresAt)).toBeGreaterThan(Date.parse(startsIn(-30).now.toISOString()))
    })

    it('marks the signed-up member attended', async () => {
      okData(await h.callAs(MEMBER)('summons.signUp', { summonId }))
      const { code } = okData(await h.callAs(LEADER, startsIn(5))('checkin.liveCode', { summonId }))
      const answer = okData(await scan(MEMBER, code, {}, startsIn(5)))
      expect(answer).toMatchObject({
        summon: { id: summonId },
        checkIn: { method: 'live', verifiedBy: ['live'], summonId },
      })
      const roster = okData(await h.callAs(LEADER)('summons.roster', { summonId })).items
      expect(roster[0].attendedAt).toBe(startsIn(5).now.toISOString())
      expect(okData(await h.callAs(LEADER)('summons.get', { summonId })).counts.attended).toBe(1)
    })

    it('shows a walk-in on the roster, counted apart from the sign-ups, and in the export', async () => {
      await seedProfiles(h.store, ['o_ck_walkin'])
      await h.store.users.saveProfile('o_ck_walkin', { name: '现场青年', affiliation: 'none' }, NOW)
      okData(await h.callAs(MEMBER)('summons.signUp', { summonId }))
      const { code } = okData(await h.callAs(LEADER, startsIn(5))('checkin.liveCode', { summonId }))
      okData(await scan(MEMBER, code, {}, startsIn(5)))
      const walkedInAt = { now: new Date(startsIn(5).now.getTime() + 10_000) }
      const walkIn = okData(await scan('o_ck_walkin', code, {}, walkedInAt))
      expect(walkIn.duplicate).toBe(false)
      // A second scan within the window is the same walk-in, not a second row.
      okData(await scan('o_ck_walkin', code, {}, { now: new Date(startsIn(5).now.getTime() + 20_000) }))

      const roster = okData(await h.callAs(LEADER)('summons.roster', { summonId })).items
      expect(roster.map((e) => [e.name, e.status, e.attendedAt])).toEqual([
        ['测试青年', 'confirmed', startsIn(5).now.toISOString()],
        ['现场青年', 'walkin', walkedInAt.now.toISOString()],
      ])
      const counts = okData(await h.callAs(LEADER)('summons.get', { summonId })).counts
      expect(counts).toEqual({ confirmed: 1, waitlisted: 0, attended: 1, walkins: 1 })
      const { csv } = okData(await h.callAs(LEADER)('summons.exportRoster', { summonId }))
      expect(csv).toContain('现场青年,现场签到,')
    })

    it('accepts the current and the previous rotation only', async () => {
      const at = startsIn(0).now
      const window = liveWindow(at, 30)
      const codeOf = (w: number) => signLiveCode(summonId, w, SECRET)
      okData(await scan(MEMBER, codeOf(window), {}, { now: at }))
      okData(await scan('o_ck_2', codeOf(window - 1), {}, { now: at }))
      errorOf(await scan('o_ck_3', codeOf(window - 2), {}, { now: at }), 'CODE_EXPIRED')
      errorOf(await scan('o_ck_3', codeOf(window + 1), {}, { now: at }), 'CODE_EXPIRED')
      errorOf(await scan('o_ck_3', signLiveCode('othersummon', window, SECRET), {}, { now: at }), 'CODE_INVALID')
      errorOf(
        await scan('o_ck_3', codeOf(window).replace(/\.\d+\./, `.${window - 1}.`), {}, { now: at }),
        'CODE_INVALID',
      )
    })

    it('lets the leader phone rotate through the upcoming codes', async () => {
      const { upcoming } = okData(await h.callAs(LEADER, startsIn(0))('checkin.liveCode', { summonId }))
      const third = upcoming[2]
      okData(await scan(MEMBER, third.code, {}, { now: new Date(third.validFrom) }))
      errorOf(await scan('o_ck_2', third.code, {}, startsIn(0)), 'CODE_EXPIRED')
    })

    it('refuses the code of a withdrawn summon', async () => {
      const { code } = okData(await h.callAs(LEADER, startsIn(0))('checkin.liveCode', { summonId }))
      okData(await h.callAs(LEADER)('summons.withdraw', { summonId, reason: '下雨' }))
      errorOf(await scan(MEMBER, code, {}, startsIn(0)), 'CLOSED')
    })
  })

  describe('location', () => {
    let fenced: string
    beforeEach(async () => {
      fenced = await makeGrid({
        name: '定位网格',
        base: { address: '阵地', ...BASE, radiusM: 300 },
        requireLocation: true,
      })
    })
    const scene = () => signPosterScene(fenced, SECRET)

    it('needs a position inside the radius', async () => {
      const missing = errorOf(await scan(MEMBER, scene()), 'OUT_OF_RANGE')
      expect(missing.fields).toHaveProperty('location')
      errorOf(await scan(MEMBER, scene(), { location: { ...north(500), accuracy: 10 } }), 'OUT_OF_RANGE')
      const inside = okData(await scan(MEMBER, scene(), { location: { ...north(250), accuracy: 10 } }))
      expect(inside.checkIn.verifiedBy).toEqual(['poster', 'location'])
    })

    it('widens the fence by the reported accuracy, capped at 100 m', async () => {
      okData(await scan(MEMBER, scene(), { location: { ...north(380), accuracy: 90 } }))
      errorOf(await scan('o_ck_2', scene(), { location: { ...north(420), accuracy: 5000 } }), 'OUT_OF_RANGE')
    })

    describe('a member under 14 (PIPL art. 31)', () => {
      const MINOR = 'o_ck_minor'
      beforeEach(async () => {
        okData(
          await h.callAs(MINOR)('account.updateProfile', {
            name: '小青',
            affiliation: 'none',
            minor: true,
            guardian: { name: '青妈妈', consent: true },
          }),
        )
      })
      const kept = () => {
        const record = jest.spyOn(h.store.checkins, 'record')
        return () => record.mock.calls.map(([input]) => input)
      }

      it('checks in at a fenced grid without a position, and none is stored', async () => {
        const inputs = kept()
        const answer = okData(await scan(MINOR, scene()))
        expect(answer.checkIn.verifiedBy).toEqual(['poster'])
        expect(inputs()).toHaveLength(1)
        expect(inputs()[0]).not.toHaveProperty('location')
      })

      it('drops a position the phone sent anyway, inside the fence or out of it', async () => {
        const inputs = kept()
        okData(await scan(MINOR, scene(), { location: { ...north(5000), accuracy: 10 } }))
        okData(await scan(MINOR, signPosterScene(gridId, SECRET), { location: { ...north(10), accuracy: 10 } }))
        expect(inputs()).toHaveLength(2)
        for (const input of inputs()) expect(input).not.toHaveProperty('location')
      })

      it('still keeps an adult member’s verified position', async () => {
        const inputs = kept()
        okData(await scan(MEMBER, scene(), { location: { ...north(100), accuracy: 10 } }))
        expect(inputs()[0].location).toMatchObject({ distanceM: expect.any(Number) })
      })
    })

    it('does not ask for a position where the grid does not require one', async () => {
      const answer = okData(await scan(MEMBER, signPosterScene(gridId, SECRET)))
      expect(answer.checkIn.verifiedBy).toEqual(['poster'])
    })
  })

  describe('history', () => {
    it('pages through my check-ins newest first with grid and summon names', async () => {
      const scene = signPosterScene(gridId, SECRET)
      for (let i = 0; i < 25; i++) okData(await scan(MEMBER, scene, {}, after(i * 11)))
      const first = okData(await h.callAs(MEMBER)('checkin.mine', {}))
      expect(first.items).toHaveLength(20)
      expect(first.items[0].gridName).toBe('测试楼宇网格')
      expect(first.items[0].at > first.items[19].at).toBe(true)
      const second = okData(await h.callAs(MEMBER)('checkin.mine', { cursor: first.nextCursor }))
      expect(second.items).toHaveLength(5)
      expect(second.nextCursor).toBeUndefined()
      expect(okData(await h.callAs(LEADER)('checkin.mine', {})).items).toHaveLength(0)
    })
  })
})

function summonInput(gridId: string): PublishSummonReq {
  const start = new Date(NOW.getTime() + 48 * 60 * MINUTE)
  return {
    gridId,
    title: '现场签到测试活动',
    body: '',
    place: '阵地',
    startAt: start.toISOString(),
    endAt: new Date(start.getTime() + 120 * MINUTE).toISOString(),
    capacity: 10,
  }
}
