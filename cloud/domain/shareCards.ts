import type { SummonRecord } from '../store/port'
import { summonState } from './summons'

/** An activity is renewed when less than this is left of its 24 hours, so a card shared now lives on. */
export const RENEW_MARGIN_MS = 60 * 60_000

export interface CardState {
  memberCount: number
  roomLimit: number
  targetState: 0 | 1
}

/**
 * What a summon's updatable card shows: 「已报名 confirmed/capacity」 until the start, then started (target
 * state 1). Null for a summon the card cannot show: without a capacity (no 「x/y」), withdrawn or ended.
 */
export function cardStateOf(summon: SummonRecord, now: Date): CardState | null {
  if (summon.capacity === null) return null
  const state = summonState(summon, now)
  if (state === 'withdrawn' || state === 'ended') return null
  return {
    memberCount: Math.min(summon.confirmed, summon.capacity),
    roomLimit: summon.capacity,
    targetState: state === 'live' ? 1 : 0,
  }
}

export const sameCardState = (a: CardState | null, b: CardState | null) =>
  a !== null &&
  b !== null &&
  a.memberCount === b.memberCount &&
  a.roomLimit === b.roomLimit &&
  a.targetState === b.targetState
