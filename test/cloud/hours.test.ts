/**
 * 志愿时长 (issue 15) on both adapters: sign-in and sign-out with live and typed codes, the roster's
 * computed hours, confirmation, make-ups and their audit, the member's record, certificates and their
 * verification, and the races (100 concurrent sign-outs, a sign-out racing the confirmation).
 */
import { liveWindow, shortLiveCode, signLiveCode } from '../../cloud/domain/codes'
import { ADMIN, createFleet, type Fleet } from '../support/fleet'
import { errorOf, GRID_INPUT, NOW, okData, PROFILE, SECRET } from './helpers'

const LEADER = 'o_hr_leader'
const MEMBER = 'o_hr_member'
const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** The summon runs from START for 3 hours, with 2.5 volunteer hours. */
const START = new Date(NOW.getTime() + HOUR)
const END = new Date(START.getTime() + 3 * HOUR)
const at = (minutes: number) => new Date(START.getTime() + minutes * MINUTE)
const members = (n: number) => Array.from({ length: n }, (_, i) => `o_hr_m${String(i).padStart(3, '0')}`)

let fleet: Fleet
let gridId: string
let seq = 0
const requestId = () => `hr-req-${String(++seq).padStart(6, '0')}`

beforeEach(async () => {
  fleet = createFleet()
  const { store } = fleet.main
  gridId = (await store.grids.create({ ...GRID_INPUT }, NOW)).id
  await store.grids.addLeader(gridId, LEADER, NOW)
  for (const openid of [LEADER, MEMBER, ADMIN])
    await store.users.saveProfile(openid, { ...PROFILE, name: '陈晓青' }, NOW)
})
afterEach(() => {
  expect(fleet.standIn?.warnings ?? []).toEqual([])
  fleet.close()
})

async function publish(hours = 2.5): Promise<string> {
  return okData(
    await fleet.main.as(LEADER)('summons.publish', {
      gridId,
      title: '社区公园清洁志愿服务',
      body: '',
      place: '西溪公园',
      startAt: START.toISOString(),
      endAt: END.toISOString(),
      hours,
    }),
  ).id
}

const code = (summonId: string, when: Date, phase: 'in' | 'out' = 'in') =>
  signLiveCode(summonId, liveWindow(when, 30), SECRET, phase)
const scan = (openid: string, summonId: string, when: Date, phase: 'in' | 'out' = 'in', id = requestId()) =>
  fleet.main.as(openid, when)('checkin.scan', { code: code(summonId, when, phase), requestId: id })
const roster = (summonId: string, when = END) => fleet.main.as(LEADER, when)('hours.roster', { summonId })

describe('sign-in and sign-out', () => {
  it('credits the time between them, rounded down to the half hour, capped, pending until confirmed', async () => {
    const summonId = await publish()
    okData(await fleet.main.as(MEMBER)('summons.signUp', { summonId }))
    okData(await scan(MEMBER, summonId, at(-10)))
    const out = okData(await scan(MEMBER, summonId, at(170), 'out'))
    expect(out).toMatchObject({ phase: 'out', duplicate: false, summon: { id: summonId } })
    expect(okData(await fleet.main.as(MEMBER, at(171))('summons.get', { summonId })).mine).toEqual({
      status: 'confirmed',
      attendedAt: at(-10).toISOString(),
      signedOutAt: at(170).toISOString(),
    })
    expect(out.signOut).toEqual({ signInAt: at(-10).toISOString(), signOutAt: at(170).toISOString(), hours: 2.5 })
    const r = okData(await roster(summonId))
    expect(r).toMatchObject({ planned: 2.5, ended: true })
    expect(r.items).toEqual([
      {
        openid: MEMBER,
        name: '陈晓青',
        signInAt: at(-10).toISOString(),
        signOutAt: at(170).toISOString(),
        computed: 2.5,
        hours: 2.5,
        status: 'pending',
      },
    ])
    const mine = okData(await fleet.main.as(MEMBER, END)('hours.mine', {}))
    expect(mine.totals).toEqual({ hours: 0, fromScans: 0, makeup: 0, pending: 2.5, allTime: 0 })
    expect(mine.items).toMatchObject([{ summonId, hours: 2.5, status: 'pending', source: 'scan' }])
  })

  it('refuses a sign-out without a sign-in, with a clear message', async () => {
    const summonId = await publish()
    const error = errorOf(await scan(MEMBER, summonId, at(100), 'out'), 'CONFLICT')
    expect(error.message).toContain('还没有签到')
  })

  it('a second sign-out moves it later; an earlier one changes nothing; a repeated request answers the first', async () => {
    const summonId = await publish()
    okData(await scan(MEMBER, summonId, at(0)))
    const first = requestId()
    okData(await scan(MEMBER, summonId, at(100), 'out', first))
    okData(await scan(MEMBER, summonId, at(150), 'out'))
    expect(okData(await roster(summonId)).items[0].signOutAt).toBe(at(150).toISOString())
    okData(await scan(MEMBER, summonId, at(120), 'out'))
    expect(okData(await roster(summonId)).items[0].signOutAt).toBe(at(150).toISOString())
    const again = okData(
      await fleet.main.as(MEMBER, at(100))('checkin.scan', { code: code(summonId, at(100), 'out'), requestId: first }),
    )
    expect(again.duplicate).toBe(true)
  })

  it('a walk-in signs out in their walk-in entry', async () => {
    const summonId = await publish()
    okData(await scan(MEMBER, summonId, at(0)))
    okData(await scan(MEMBER, summonId, at(110), 'out'))
    const [item] = okData(await roster(summonId)).items
    expect(item).toMatchObject({ openid: MEMBER, computed: 1.5, status: 'pending' })
  })

  it('under 60 % of the duration credits nothing and says 不足 60%', async () => {
    const summonId = await publish()
    okData(await scan(MEMBER, summonId, at(0)))
    const out = okData(await scan(MEMBER, summonId, at(107), 'out')) // 107 / 180 < 60 %
    expect(out.signOut).toMatchObject({ hours: 0, note: '不足 60%' })
    expect(okData(await roster(summonId, new Date(END.getTime() + MINUTE))).items[0]).toMatchObject({
      status: 'not_eligible',
      note: '不足 60%',
    })
  })

  it('refuses a forged sign-out code and another summon’s code signs out of that summon only', async () => {
    const summonId = await publish()
    const other = await publish()
    okData(await scan(MEMBER, summonId, at(0)))
    const forged = code(summonId, at(100), 'out').replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))
    errorOf(
      await fleet.main.as(MEMBER, at(100))('checkin.scan', { code: forged, requestId: requestId() }),
      'CODE_INVALID',
    )
    // An in-code re-signed as out with another summon's id is not genuine either.
    const swapped = code(other, at(100), 'out').replace(other, summonId)
    errorOf(
      await fleet.main.as(MEMBER, at(100))('checkin.scan', { code: swapped, requestId: requestId() }),
      'CODE_INVALID',
    )
    // The other summon's genuine code: the member never signed in there.
    errorOf(await scan(MEMBER, other, at(100), 'out'), 'CONFLICT')
    expect(okData(await roster(summonId)).items[0].signOutAt).toBeUndefined()
  })

  it('no sign-out code for a summon without hours', async () => {
    const summonId = await publish(0)
    errorOf(await fleet.main.as(LEADER, at(0))('checkin.liveCode', { summonId, phase: 'out' }), 'CONFLICT')
  })
})

describe('the typed 6-digit code', () => {
  it('comes with the live code of each phase and checks in or out', async () => {
    const summonId = await publish()
    const live = okData(await fleet.main.as(LEADER, at(0))('checkin.liveCode', { summonId }))
    expect(live.shortCode).toMatch(/^\d{6}$/)
    expect(live.phase).toBe('in')
    expect(live.upcoming[0].shortCode).toBe(shortLiveCode(summonId, liveWindow(at(0), 30) + 1, SECRET, 'in'))
    const typed = okData(
      await fleet.main.as(MEMBER, at(0))('checkin.scan', { code: live.shortCode, summonId, requestId: requestId() }),
    )
    expect(typed.checkIn).toMatchObject({ summonId, method: 'live' })
    const outCode = okData(await fleet.main.as(LEADER, at(130))('checkin.liveCode', { summonId, phase: 'out' }))
    expect(outCode.code.startsWith('O.')).toBe(true)
    const out = okData(
      await fleet.main.as(MEMBER, at(130))('checkin.scan', {
        code: outCode.shortCode,
        summonId,
        requestId: requestId(),
      }),
    )
    expect(out).toMatchObject({ phase: 'out', signOut: { hours: 2 } })
  })

  it('limits wrong guesses per member and summon (RATE_LIMITED)', async () => {
    const summonId = await publish()
    const real = shortLiveCode(summonId, liveWindow(at(0), 30), SECRET, 'in')
    const wrong = real === '000000' ? '000001' : '000000'
    const guess = (openid: string, c: string) =>
      fleet.main.as(openid, at(0))('checkin.scan', { code: c, summonId, requestId: requestId() })
    for (let i = 0; i < 5; i++) errorOf(await guess(MEMBER, wrong), 'CODE_INVALID')
    const limited = errorOf(await guess(MEMBER, real), 'RATE_LIMITED')
    expect(limited.message).toContain('分钟')
    // Another member is not limited by them.
    okData(await guess(LEADER, real))
  })
})

describe('confirmation', () => {
  it('only after the end; locks the hours against later scans; a repeat changes nothing', async () => {
    const summonId = await publish()
    okData(await scan(MEMBER, summonId, at(0)))
    okData(await scan(MEMBER, summonId, at(170), 'out'))
    errorOf(await fleet.main.as(LEADER, at(170))('hours.confirm', { summonId }), 'CLOSED')
    const done = okData(await fleet.main.as(LEADER, END)('hours.confirm', { summonId }))
    expect(done).toEqual({ confirmed: 1, confirmedAt: END.toISOString() })
    errorOf(await scan(MEMBER, summonId, new Date(END.getTime() + MINUTE), 'out'), 'CLOSED')
    const again = okData(await fleet.main.as(LEADER, new Date(END.getTime() + HOUR))('hours.confirm', { summonId }))
    expect(again.confirmedAt).toBe(END.toISOString())
    const mine = okData(await fleet.main.as(MEMBER, END)('hours.mine', {}))
    expect(mine.totals).toEqual({ hours: 2.5, fromScans: 2.5, makeup: 0, pending: 0, allTime: 2.5 })
    expect(mine.items[0]).toMatchObject({ status: 'confirmed', hours: 2.5 })
    const detail = okData(await fleet.main.as(MEMBER, END)('summons.get', { summonId }))
    expect(detail).toMatchObject({ service: true, hoursConfirmedAt: END.toISOString() })
    // The admin's overview counts the confirmed hours at the grid.
    const overview = okData(await fleet.main.as(ADMIN, END)('stats.overview', { fresh: true }))
    expect(overview.grids.find((g) => g.gridId === gridId)?.hours).toBe(2.5)
    expect(overview.totals.hours).toBe(2.5)
  })

  it('a member who signed in but never out is listed 未签退 and gets nothing', async () => {
    const summonId = await publish()
    okData(await scan(MEMBER, summonId, at(0)))
    const before = okData(await fleet.main.as(MEMBER, at(10))('hours.mine', {}))
    expect(before.items).toMatchObject([{ summonId, status: 'pending', note: '未签退', hours: 0 }])
    okData(await fleet.main.as(LEADER, END)('hours.confirm', { summonId }))
    const after = okData(await fleet.main.as(MEMBER, END)('hours.mine', {}))
    expect(after.items).toMatchObject([{ summonId, status: 'not_eligible', note: '未签退', hours: 0 }])
  })

  it('100 concurrent sign-outs from 4 instances each land once, and confirmation credits all', async () => {
    const summonId = await publish()
    const people = members(100)
    for (const p of people) await fleet.main.store.users.saveProfile(p, { ...PROFILE }, NOW)
    for (const p of people) okData(await scan(p, summonId, at(0)))
    const instances = Array.from({ length: 4 }, () => fleet.instance({ latencyMs: [0, 3] }))
    const outs = await Promise.all(
      people.map((p, i) =>
        instances[i % 4].as(p, at(160))('checkin.scan', {
          code: code(summonId, at(160), 'out'),
          requestId: requestId(),
        }),
      ),
    )
    outs.forEach((o) => expect(okData(o).signOut?.hours).toBe(2.5))
    const r = okData(await roster(summonId))
    expect(r.items).toHaveLength(100)
    expect(r.items.every((i) => i.signOutAt === at(160).toISOString() && i.computed === 2.5)).toBe(true)
    expect(okData(await fleet.main.as(LEADER, END)('hours.confirm', { summonId })).confirmed).toBe(100)
    const some = okData(await fleet.main.as(people[42], END)('hours.mine', {}))
    expect(some.totals.hours).toBe(2.5)
  }, 60_000)

  it('a sign-out racing the confirmation either counts or is refused, never lost after the answer', async () => {
    const summonId = await publish()
    okData(await scan(MEMBER, summonId, at(0)))
    const late = new Date(END.getTime() + 10 * MINUTE)
    const [out, confirm] = await Promise.all([
      fleet.instance({ latencyMs: [0, 4] }).as(MEMBER, late)('checkin.scan', {
        code: code(summonId, late, 'out'),
        requestId: requestId(),
      }),
      fleet.instance({ latencyMs: [0, 4] }).as(LEADER, late)('hours.confirm', { summonId }),
    ])
    okData(confirm)
    const [item] = okData(await roster(summonId, late)).items
    if (out.ok) expect(item.signOutAt).toBe(late.toISOString())
    else {
      expect(out.error.code).toBe('CLOSED')
      expect(item.signOutAt).toBeUndefined()
    }
    // Whatever won, the member's record agrees with the roster.
    const mine = okData(await fleet.main.as(MEMBER, late)('hours.mine', {}))
    expect(mine.items[0]).toMatchObject({ hours: item.hours, status: item.status })
  })
})

describe('make-ups', () => {
  it('by the leader, for a member on the roster, with a reason, up to the cap; audited for admins', async () => {
    const summonId = await publish()
    okData(await fleet.main.as(MEMBER)('summons.signUp', { summonId }))
    okData(await scan(MEMBER, summonId, at(0)))
    okData(await scan(MEMBER, summonId, at(60), 'out'))
    const over = errorOf(
      await fleet.main.as(LEADER, END)('hours.makeup', { summonId, openid: MEMBER, hours: 3, reason: '现场核实' }),
      'BAD_REQUEST',
    )
    expect(over.fields).toHaveProperty('hours')
    const stranger = errorOf(
      await fleet.main.as(LEADER, END)('hours.makeup', {
        summonId,
        openid: 'o_hr_nobody',
        hours: 1,
        reason: '现场核实',
      }),
      'BAD_REQUEST',
    )
    expect(stranger.fields).toHaveProperty('openid')
    const entry = okData(
      await fleet.main.as(LEADER, END)('hours.makeup', {
        summonId,
        openid: MEMBER,
        hours: 2,
        reason: '签退时手机没电，现场核实',
      }),
    )
    expect(entry).toMatchObject({
      computed: 0,
      hours: 2,
      makeup: { from: 0, to: 2, reason: '签退时手机没电，现场核实', by: '陈晓青', at: END.toISOString() },
    })
    okData(await fleet.main.as(LEADER, END)('hours.confirm', { summonId }))
    const mine = okData(await fleet.main.as(MEMBER, END)('hours.mine', {}))
    expect(mine.totals).toMatchObject({ hours: 2, makeup: 2, fromScans: 0 })
    expect(mine.items[0]).toMatchObject({ source: 'makeup', note: '补录：签退时手机没电，现场核实' })
    const audit = okData(await fleet.main.as(ADMIN, END)('hours.audit', {}))
    expect(audit.items).toEqual([
      {
        summonId,
        title: '社区公园清洁志愿服务',
        openid: MEMBER,
        name: '陈晓青',
        by: '陈晓青',
        at: END.toISOString(),
        from: 0,
        to: 2,
        reason: '签退时手机没电，现场核实',
      },
    ])
    const csv = okData(await fleet.main.as(LEADER, END)('hours.export', { summonId }))
    expect(csv.filename).toBe('志愿时长-社区公园清洁志愿服务.csv')
    expect(csv.csv).toContain('补录 0→2 小时')
  })
})

describe('certificates', () => {
  async function confirmedHours() {
    const summonId = await publish()
    okData(await scan(MEMBER, summonId, at(0)))
    okData(await scan(MEMBER, summonId, at(175), 'out'))
    okData(await fleet.main.as(LEADER, END)('hours.confirm', { summonId }))
    return summonId
  }

  it('states the confirmed hours; verify answers a masked name; a repeat keeps the number', async () => {
    const summonId = await confirmedHours()
    const cert = okData(await fleet.main.as(MEMBER, END)('hours.certificate', {}))
    expect(cert).toMatchObject({
      name: '陈晓青',
      totalHours: 2.5,
      period: { year: 2026, from: '2026-01-01', to: '2026-12-31' },
      issuer: { name: '西湖区团委' },
      issuedAt: END.toISOString(),
      items: [{ summonId, hours: 2.5, recordedBy: GRID_INPUT.name, source: 'scan' }],
    })
    expect(cert.number).toMatch(/^2026-[0-9A-F]{10}-[0-9A-F]{4}$/)
    const later = okData(await fleet.main.as(MEMBER, new Date(END.getTime() + HOUR))('hours.certificate', {}))
    expect(later).toMatchObject({ number: cert.number, issuedAt: END.toISOString() })
    const check = okData(await fleet.main.as(LEADER)('hours.verify', { number: cert.number.toLowerCase() }))
    expect(check).toEqual({
      valid: true,
      name: '陈*青',
      totalHours: 2.5,
      period: { year: 2026, from: '2026-01-01', to: '2026-12-31' },
      issuedAt: END.toISOString(),
    })
  })

  it('refuses a tampered number', async () => {
    await confirmedHours()
    const { number } = okData(await fleet.main.as(MEMBER, END)('hours.certificate', {}))
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === '0' ? '1' : '0') + s.slice(i + 1)
    for (const i of [3, 6, 14, 17]) {
      expect(okData(await fleet.main.as(LEADER)('hours.verify', { number: flip(number, i) }))).toEqual({ valid: false })
    }
    expect(okData(await fleet.main.as(LEADER)('hours.verify', { number: 'not a number' }))).toEqual({ valid: false })
  })
})
