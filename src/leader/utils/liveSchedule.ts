/**
 * The live code's rotation on the leader's phone, from one `checkin.liveCode` answer: the current code,
 * then each upcoming code from its `validFrom`. Pure, so it is tested without a phone.
 */

export interface ScheduledCode {
  code: string
  /** The 6 digits a member can type instead of scanning (valid as long as `code`); '' from an older server. */
  shortCode: string
  /** Epoch ms (server time) from which this code is the one to show. */
  from: number
}

export interface LiveAnswer {
  code: string
  expiresAt: string
  rotateSeconds: number
  upcoming: { code: string; validFrom: string; shortCode?: string }[]
  shortCode?: string
}

/** The codes in order. The current code's window began two rotations before it expires. */
export function scheduleOf(answer: LiveAnswer): ScheduledCode[] {
  const rotateMs = answer.rotateSeconds * 1000
  const current = {
    code: answer.code,
    shortCode: answer.shortCode ?? '',
    from: Date.parse(answer.expiresAt) - 2 * rotateMs,
  }
  return [
    current,
    ...answer.upcoming.map((u) => ({ code: u.code, shortCode: u.shortCode ?? '', from: Date.parse(u.validFrom) })),
  ]
}

/**
 * How far the phone's clock runs ahead of the server's (ms), judged when the answer arrived: the server
 * was then inside the current code's window. 0 when the phone's clock already agrees.
 */
export function clockSkew(schedule: ScheduledCode[], rotateSeconds: number, receivedAt: number): number {
  const start = schedule[0].from
  const end = start + rotateSeconds * 1000
  if (receivedAt >= start && receivedAt < end) return 0
  return receivedAt - (receivedAt < start ? start : end - 1)
}

export interface LiveFrame {
  code: string
  shortCode: string
  /** Whole seconds until the next code (0 when the list has run out). */
  secondsLeft: number
  /** How many codes remain after this one. */
  remaining: number
}

/** What to show at server time `now`: the last code whose window has begun. */
export function frameAt(schedule: ScheduledCode[], now: number): LiveFrame {
  let index = 0
  while (index + 1 < schedule.length && schedule[index + 1].from <= now) index++
  const next = schedule[index + 1]
  return {
    code: schedule[index].code,
    shortCode: schedule[index].shortCode,
    secondsLeft: next ? Math.max(0, Math.ceil((next.from - now) / 1000)) : 0,
    remaining: schedule.length - 1 - index,
  }
}

/** Fetch a fresh list once this few codes are left. */
export const REFETCH_WHEN_LEFT = 2
