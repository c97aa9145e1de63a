/** The 志愿时长 rules alone (cloud/domain/hours.ts): every edge of the credit, make-ups, confirmation. */
import {
  beijingYear,
  canConfirm,
  laterSignOut,
  makeupRefusal,
  maskName,
  memberHours,
  scanCredit,
  signOutRefusal,
  sumHours,
  toHalfHours,
  yearRange,
} from '../../../cloud/domain/hours'

const START = '2026-06-01T01:00:00.000Z'
const END = '2026-06-01T05:00:00.000Z' // 4 hours
const SUMMON = { startAt: START, endAt: END, hours: 3 }
const at = (minutes: number) => new Date(Date.parse(START) + minutes * 60_000).toISOString()
const AFTER_END = new Date(Date.parse(END) + 60_000)
const BEFORE_END = new Date(Date.parse(END) - 60_000)

describe('scanCredit', () => {
  it('credits the time between sign-in and sign-out, rounded down to the half hour, capped', () => {
    // 3 h 20 min present (83 %) → 3 h, within the cap of 3.
    expect(scanCredit(SUMMON, { signInAt: at(20), signOutAt: at(220) })).toMatchObject({ hours: 3 })
    // 2 h 59 min... but 60 % of 4 h is 2 h 24 min: 2 h 59 → 2.5 h.
    expect(scanCredit(SUMMON, { signInAt: at(0), signOutAt: at(179) })).toMatchObject({ hours: 2.5 })
  })

  it('exactly 60 % counts; a minute less is 不足 60%', () => {
    const exactly = scanCredit(SUMMON, { signInAt: at(0), signOutAt: at(144) }) // 144 / 240 = 60 %
    expect(exactly).toEqual({ hours: 2, presentMs: 144 * 60_000 })
    const short = scanCredit(SUMMON, { signInAt: at(0), signOutAt: at(143) })
    expect(short).toEqual({ hours: 0, presentMs: 143 * 60_000, note: '不足 60%' })
  })

  it('a sign-in before the start counts from the start', () => {
    expect(scanCredit(SUMMON, { signInAt: at(-90), signOutAt: at(150) }).presentMs).toBe(150 * 60_000)
  })

  it('a sign-out after the end counts to the end, then the cap applies', () => {
    const credit = scanCredit({ ...SUMMON, hours: 10 }, { signInAt: at(0), signOutAt: at(400) })
    expect(credit).toEqual({ hours: 4, presentMs: 240 * 60_000 })
    expect(scanCredit(SUMMON, { signInAt: at(-30), signOutAt: at(400) }).hours).toBe(3)
  })

  it('a sign-out before the start, or before the sign-in, gives nothing', () => {
    expect(scanCredit(SUMMON, { signInAt: at(-60), signOutAt: at(-10) })).toMatchObject({ hours: 0, presentMs: 0 })
  })

  it('without a sign-in or a sign-out nothing is credited, and the note says which', () => {
    expect(scanCredit(SUMMON, { signInAt: null, signOutAt: at(100) })).toMatchObject({ hours: 0, note: '未签到' })
    expect(scanCredit(SUMMON, { signInAt: at(0) })).toMatchObject({ hours: 0, note: '未签退' })
  })

  it('a summon without hours (a meeting, 团建) credits none', () => {
    expect(scanCredit({ ...SUMMON, hours: 0 }, { signInAt: at(0), signOutAt: at(240) })).toEqual({
      hours: 0,
      presentMs: 0,
    })
  })

  it('rounds down to the half hour', () => {
    expect(toHalfHours(29 * 60_000)).toBe(0)
    expect(toHalfHours(30 * 60_000)).toBe(0.5)
    expect(toHalfHours(89 * 60_000)).toBe(1)
    expect(toHalfHours(90 * 60_000)).toBe(1.5)
    expect(toHalfHours(-5)).toBe(0)
  })
})

describe('make-ups', () => {
  const started = new Date(Date.parse(START) + 60_000)
  it('up to the summon hours, in half hours, after the start', () => {
    expect(makeupRefusal(SUMMON, 3, started)).toBeNull()
    expect(makeupRefusal(SUMMON, 0, started)).toBeNull()
    expect(makeupRefusal(SUMMON, 3.5, started)).toBe('over_cap')
    expect(makeupRefusal(SUMMON, 1.25, started)).toBe('not_half_hours')
    expect(makeupRefusal(SUMMON, 1, new Date(Date.parse(START) - 60_000))).toBe('not_started')
    expect(makeupRefusal({ ...SUMMON, hours: 0 }, 1, started)).toBe('not_service')
  })

  it('a make-up replaces the scans, never above the cap, and says 补录', () => {
    const m = memberHours(SUMMON, { signInAt: at(0), signOutAt: at(60) }, { to: 2.5, reason: '忘记签退' }, AFTER_END)
    expect(m).toEqual({ hours: 2.5, source: 'makeup', status: 'pending', computed: 0, note: '补录：忘记签退' })
  })
})

describe('status and confirmation', () => {
  const scans = { signInAt: at(0), signOutAt: at(200) }
  it('pending until confirmed; confirmed after; nothing credited after the end is not_eligible', () => {
    expect(memberHours(SUMMON, scans, null, BEFORE_END).status).toBe('pending')
    expect(memberHours(SUMMON, scans, null, AFTER_END).status).toBe('pending')
    expect(memberHours({ ...SUMMON, hoursConfirmedAt: END }, scans, null, AFTER_END)).toMatchObject({
      status: 'confirmed',
      hours: 3,
    })
    const short = { signInAt: at(0), signOutAt: at(60) }
    expect(memberHours(SUMMON, short, null, BEFORE_END)).toMatchObject({ status: 'pending', note: '不足 60%' })
    expect(memberHours(SUMMON, short, null, AFTER_END)).toMatchObject({ status: 'not_eligible', note: '不足 60%' })
    expect(memberHours({ ...SUMMON, hoursConfirmedAt: END }, short, null, AFTER_END).status).toBe('not_eligible')
  })

  it('confirmation locks: a sign-out is refused once confirmed, or without a sign-in', () => {
    expect(signOutRefusal({ hours: 3, hoursConfirmedAt: END }, at(0))).toBe('confirmed')
    expect(signOutRefusal({ hours: 3, hoursConfirmedAt: null }, null)).toBe('no_sign_in')
    expect(signOutRefusal({ hours: 0 }, at(0))).toBe('not_service')
    expect(signOutRefusal({ hours: 3 }, at(0))).toBeNull()
  })

  it('the leader confirms after the end only', () => {
    expect(canConfirm(SUMMON, BEFORE_END)).toBe(false)
    expect(canConfirm(SUMMON, new Date(END))).toBe(true)
  })

  it('a second sign-out moves it later, never earlier', () => {
    expect(laterSignOut(at(100), at(150))).toBe(at(150))
    expect(laterSignOut(at(150), at(100))).toBe(at(150))
    expect(laterSignOut(null, at(100))).toBe(at(100))
  })
})

describe('helpers', () => {
  it('masks names for a public check', () => {
    expect(maskName('陈晓青')).toBe('陈*青')
    expect(maskName('欧阳春晓')).toBe('欧**晓')
    expect(maskName('李明')).toBe('李*')
    expect(maskName('王')).toBe('王')
  })

  it('years are Beijing years', () => {
    expect(beijingYear('2026-12-31T16:00:00.000Z')).toBe(2027)
    expect(beijingYear('2026-12-31T15:59:59.000Z')).toBe(2026)
    expect(yearRange(2026)).toEqual({ start: '2025-12-31T16:00:00.000Z', end: '2026-12-31T16:00:00.000Z' })
  })

  it('adds half hours without drift', () => {
    expect(sumHours([0.5, 0.5, 0.5, 1.5, 2.5])).toBe(5.5)
  })
})
