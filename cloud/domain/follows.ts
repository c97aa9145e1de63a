import type { FollowMode, FollowState, Id } from '../../types'
import type { Follower } from '../store/port'

/**
 * The subscription setting (`FOLLOW_SUBSCRIPTIONS`): `long_term` only where the mini program's category
 * allows long-term subscriptions (政务民生, e.g. a district League committee's account); one-time otherwise.
 */
export function followModeOf(value: string | undefined): FollowMode {
  return value === 'long_term' ? 'long_term' : 'one_time'
}

export function followStateOf(gridId: Id, follower: Follower | null, mode: FollowMode): FollowState {
  const banked = follower?.banked ?? 0
  return {
    gridId,
    following: follower !== null,
    mode,
    banked,
    willBeTold: follower !== null && (mode === 'long_term' || banked > 0),
  }
}
