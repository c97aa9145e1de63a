/** Pure unit tests of the live code's rotation on the leader's phone (src/leader/utils/liveSchedule.ts). */
import { clockSkew, frameAt, scheduleOf, type LiveAnswer } from '../../src/leader/utils/liveSchedule'

const ROTATE = 30
const windowStart = (w: number) => w * ROTATE * 1000
const iso = (ms: number) => new Date(ms).toISOString()
/** A stand-in for the 6 digits the server derives for window `w`. */
const short = (w: number) => String(w % 1_000_000).padStart(6, '0')

/** What checkin.liveCode answers inside window `w`. */
function answerAt(w: number, upcoming = 3): LiveAnswer {
  return {
    code: `L.s1.${w}.sig`,
    expiresAt: iso(windowStart(w + 2)),
    rotateSeconds: ROTATE,
    shortCode: short(w),
    upcoming: Array.from({ length: upcoming }, (_, i) => ({
      code: `L.s1.${w + i + 1}.sig`,
      validFrom: iso(windowStart(w + i + 1)),
      shortCode: short(w + i + 1),
    })),
  }
}

describe('live code schedule', () => {
  const W = 58_000_000
  const schedule = scheduleOf(answerAt(W))

  it('starts with the current code, from the start of its window', () => {
    expect(schedule.map((s) => s.code)).toEqual([
      `L.s1.${W}.sig`,
      `L.s1.${W + 1}.sig`,
      `L.s1.${W + 2}.sig`,
      `L.s1.${W + 3}.sig`,
    ])
    expect(schedule[0].from).toBe(windowStart(W))
  })

  it('shows each code in its window with the seconds left until the next', () => {
    expect(frameAt(schedule, windowStart(W) + 1_000)).toEqual({
      code: `L.s1.${W}.sig`,
      shortCode: short(W),
      secondsLeft: 29,
      remaining: 3,
    })
    expect(frameAt(schedule, windowStart(W + 1))).toEqual({
      code: `L.s1.${W + 1}.sig`,
      shortCode: short(W + 1),
      secondsLeft: 30,
      remaining: 2,
    })
    expect(frameAt(schedule, windowStart(W + 2) + 29_500).secondsLeft).toBe(1)
  })

  it('rotates the typed 6-digit code with the QR code', () => {
    expect(frameAt(schedule, windowStart(W + 2) + 5_000).shortCode).toBe(short(W + 2))
    // An older server answers no short code: nothing to show, nothing breaks.
    const old = scheduleOf({ ...answerAt(W), shortCode: undefined, upcoming: [] })
    expect(frameAt(old, windowStart(W)).shortCode).toBe('')
  })

  it('keeps the last code (0 s left) when the list has run out', () => {
    expect(frameAt(schedule, windowStart(W + 9))).toEqual({
      code: `L.s1.${W + 3}.sig`,
      shortCode: short(W + 3),
      secondsLeft: 0,
      remaining: 0,
    })
  })

  it('measures how far the phone clock is off from the window the server was in', () => {
    expect(clockSkew(schedule, ROTATE, windowStart(W) + 12_000)).toBe(0)
    expect(clockSkew(schedule, ROTATE, windowStart(W) + 95_000)).toBe(95_000 - 29_999)
    expect(clockSkew(schedule, ROTATE, windowStart(W) - 40_000)).toBe(-40_000)
    // Corrected by the skew, a fast phone shows the code the server accepts now.
    const fast = windowStart(W) + 95_000
    expect(frameAt(schedule, fast - clockSkew(schedule, ROTATE, fast)).code).toBe(`L.s1.${W}.sig`)
  })
})
