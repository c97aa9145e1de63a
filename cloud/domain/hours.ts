/**
 * 志愿时长 rules (issue 15). Pure: times come in as ISO strings, the clock from the caller.
 *
 * - A summon with `hours > 0` is volunteer service; only it credits hours, and only from scans (or a
 *   leader's 补录).
 * - Credited = the time between sign-in (or the start, if later) and sign-out (or the end, if earlier),
 *   rounded down to the half hour, capped at the summon's hours; nothing when present for less than 60 %
 *   of the summon's duration (exactly 60 % counts).
 * - A make-up replaces what the scans give for that member and summon, never above the summon's hours.
 * - Hours are pending until the leader confirms them after the end; confirmed hours no longer change by
 *   scanning (a sign-out after confirmation is refused).
 */
import type { HoursSource, HoursStatus } from '../../types'

export const HALF_HOUR_MS = 30 * 60_000
/** The share of the summon's duration a member must be present for (3 / 5 = 60 %). */
export const PRESENCE_NUMERATOR = 3
export const PRESENCE_DENOMINATOR = 5

export const HOURS_NOTES = {
  noSignIn: '未签到',
  noSignOut: '未签退',
  tooShort: '不足 60%',
} as const

export type HoursNote = (typeof HOURS_NOTES)[keyof typeof HOURS_NOTES]

export interface SummonSpan {
  startAt: string
  endAt: string
  /** The summon's planned hours: the cap (0: not volunteer service). */
  hours: number
}

export interface Scans {
  signInAt?: string | null
  signOutAt?: string | null
}

export interface Credit {
  /** Hours credited by the scans (0 when not eligible). */
  hours: number
  /** Milliseconds present within the summon's time. */
  presentMs: number
  note?: HoursNote
}

export const isService = (summon: { hours: number }) => summon.hours > 0

/** Rounds down to the half hour. */
export const toHalfHours = (ms: number) => Math.floor(Math.max(0, ms) / HALF_HOUR_MS) / 2

/** What the scans credit, by the rules above. */
export function scanCredit(summon: SummonSpan, scans: Scans): Credit {
  if (!isService(summon)) return { hours: 0, presentMs: 0 }
  if (!scans.signInAt) return { hours: 0, presentMs: 0, note: HOURS_NOTES.noSignIn }
  if (!scans.signOutAt) return { hours: 0, presentMs: 0, note: HOURS_NOTES.noSignOut }
  const start = Date.parse(summon.startAt)
  const end = Date.parse(summon.endAt)
  const from = Math.max(Date.parse(scans.signInAt), start)
  const to = Math.min(Date.parse(scans.signOutAt), end)
  const presentMs = Math.max(0, to - from)
  // Integer comparison: present ≥ 60 % of the duration, exactly 60 % included.
  if (presentMs * PRESENCE_DENOMINATOR < (end - start) * PRESENCE_NUMERATOR)
    return { hours: 0, presentMs, note: HOURS_NOTES.tooShort }
  return { hours: Math.min(toHalfHours(presentMs), summon.hours), presentMs }
}

/** A half-hour amount (0, 0.5, 1, …). */
export const isHalfHours = (hours: number) => Number.isFinite(hours) && hours >= 0 && Number.isInteger(hours * 2)

export type MakeupRefusal = 'not_service' | 'over_cap' | 'not_half_hours' | 'not_started'

/** Why a make-up of `hours` on this summon is refused, or null. */
export function makeupRefusal(summon: SummonSpan, hours: number, now: Date): MakeupRefusal | null {
  if (!isService(summon)) return 'not_service'
  if (!isHalfHours(hours)) return 'not_half_hours'
  if (hours > summon.hours) return 'over_cap'
  if (now.getTime() < Date.parse(summon.startAt)) return 'not_started'
  return null
}

export type SignOutRefusal = 'not_service' | 'no_sign_in' | 'confirmed'

/** Why a sign-out is refused, or null. */
export function signOutRefusal(
  summon: { hours: number; hoursConfirmedAt?: string | null },
  signInAt: string | null | undefined,
): SignOutRefusal | null {
  if (!isService(summon)) return 'not_service'
  if (summon.hoursConfirmedAt) return 'confirmed'
  if (!signInAt) return 'no_sign_in'
  return null
}

/** A second sign-out moves it later, never earlier. */
export const laterSignOut = (previous: string | null | undefined, at: string) =>
  previous && previous > at ? previous : at

/** The leader may confirm once the summon has ended. */
export const canConfirm = (summon: { endAt: string }, now: Date) => now.getTime() >= Date.parse(summon.endAt)

export interface MemberHours {
  hours: number
  source: HoursSource
  status: HoursStatus
  computed: number
  note?: string
}

/**
 * One member's hours on one summon: a make-up's `to` when there is one, else the scans' credit; pending
 * until confirmed, except that nothing credited after the end (or after confirmation) is `not_eligible`.
 */
export function memberHours(
  summon: SummonSpan & { hoursConfirmedAt?: string | null },
  scans: Scans,
  makeup: { to: number; reason: string } | null | undefined,
  now: Date,
): MemberHours {
  const credit = scanCredit(summon, scans)
  const hours = makeup ? Math.min(makeup.to, summon.hours) : credit.hours
  const source: HoursSource = makeup ? 'makeup' : 'scan'
  const settled = Boolean(summon.hoursConfirmedAt) || now.getTime() >= Date.parse(summon.endAt)
  const status: HoursStatus = summon.hoursConfirmedAt
    ? hours > 0
      ? 'confirmed'
      : 'not_eligible'
    : settled && hours === 0
      ? 'not_eligible'
      : 'pending'
  const note = makeup ? `补录：${makeup.reason}` : credit.note
  return note
    ? { hours, source, status, computed: credit.hours, note }
    : { hours, source, status, computed: credit.hours }
}

/** The calendar year (Beijing time) of an instant. */
export function beijingYear(at: Date | string): number {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime()
  return new Date(ms + 8 * 3600_000).getUTCFullYear()
}

/** The instants of a Beijing calendar year, `start` inclusive and `end` exclusive, as ISO strings. */
export function yearRange(year: number): { start: string; end: string } {
  return {
    start: new Date(Date.UTC(year, 0, 1) - 8 * 3600_000).toISOString(),
    end: new Date(Date.UTC(year + 1, 0, 1) - 8 * 3600_000).toISOString(),
  }
}

/** Masks a name for a public check: 陈晓青 → 陈*青, 李明 → 李*, a single character stays. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length <= 1) return chars.join('')
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

/** Adds hours without binary drift (every amount is a multiple of 0.5). */
export const sumHours = (values: number[]) => values.reduce((total, h) => total + Math.round(h * 2), 0) / 2
