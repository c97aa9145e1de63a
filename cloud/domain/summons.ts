/** Pure rules of summons: their state, and when sign-ups and cancellations are refused. */
import type { SummonState } from '../../types'

export interface SummonTimes {
  startAt: string
  endAt: string
  signUpDeadline: string | null
  capacity: number | null
  confirmed: number
  withdrawnAt: string | null
}

/** Sign-ups close at the deadline, or when the activity starts if there is none. */
export function signUpClosesAt(s: Pick<SummonTimes, 'startAt' | 'signUpDeadline'>): string {
  return s.signUpDeadline ?? s.startAt
}

export function summonState(s: SummonTimes, now: Date): SummonState {
  const at = now.toISOString()
  if (s.withdrawnAt) return 'withdrawn'
  if (at >= s.endAt) return 'ended'
  if (at >= s.startAt) return 'live'
  if (at >= signUpClosesAt(s)) return 'closed'
  if (s.capacity !== null && s.confirmed >= s.capacity) return 'full'
  return 'open'
}

export type SignUpRefusal = 'withdrawn' | 'ended' | 'deadline'

/** Why a sign-up is refused now, or null when it may go ahead (a full summon still takes the waitlist). */
export function signUpRefusal(s: SummonTimes, now: Date): SignUpRefusal | null {
  const state = summonState(s, now)
  if (state === 'withdrawn') return 'withdrawn'
  if (state === 'ended') return 'ended'
  if (state === 'live' || state === 'closed') return 'deadline'
  return null
}

/** A cancellation is refused once the activity has started (or was withdrawn or ended). */
export function cancelRefusal(s: SummonTimes, now: Date): 'started' | null {
  const state = summonState(s, now)
  return state === 'live' || state === 'ended' || state === 'withdrawn' ? 'started' : null
}

/** Subscribe-message `thing` values hold at most 20 characters. */
export const THING_MAX = 20

export function cutThing(value: string): string {
  const chars = Array.from(value)
  return chars.length <= THING_MAX ? value : `${chars.slice(0, THING_MAX - 1).join('')}…`
}

/** How far ahead of the start a reminder goes out. */
export const REMINDER_LEAD_MINUTES = 60
