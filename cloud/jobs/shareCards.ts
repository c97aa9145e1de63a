import { cardStateOf, sameCardState, type CardState } from '../domain/shareCards'
import type { Platform } from '../platform/port'
import type { CardChange, Store } from '../store/port'

/**
 * One summon's card is pushed by the functions at most this often per instance: the first change of a
 * burst of sign-ups goes out at once, the rest ride on the next change after the window — or on the job,
 * within its 5 minutes, when none follows.
 */
export const PUSH_WINDOW_MS = 10_000

/** This instance's last push per activity (summon and activity id), for the window and to skip repeats. */
const lastPush = new Map<string, { at: number; state: CardState | null }>()
const KEPT_PUSHES = 1000

/**
 * Pushes 「已报名 x/y」 from the function that changed the count (sign-up, cancellation), through the
 * platform port, coalesced per summon: at most one push per activity per PUSH_WINDOW_MS on an instance,
 * none when the count is what this instance pushed last. Costs no database operation when the adapter
 * knew the count (CardChange.confirmed), else one read of the summon. Records nothing: the job compares
 * with the state it pushed itself, so it pushes the final count once more after a burst (which also
 * repairs two instances' pushes landing out of order). Never fails the request: a failed push is left to
 * the job. Answers whether it pushed.
 */
export async function pushCountChange(
  store: Store,
  platform: Platform,
  summonId: string,
  change: CardChange | undefined,
  now: Date,
): Promise<boolean> {
  if (!change || Date.parse(change.expiresAt) <= now.getTime()) return false
  const key = `${summonId}/${change.activityId}`
  const last = lastPush.get(key)
  if (last && now.getTime() - last.at < PUSH_WINDOW_MS) return false
  // Taken before any await, so concurrent requests on this instance fall inside the window.
  lastPush.set(key, { at: now.getTime(), state: last?.state ?? null })
  if (lastPush.size > KEPT_PUSHES) lastPush.delete(lastPush.keys().next().value as string)
  try {
    const confirmed = change.confirmed ?? (await store.summons.get(summonId))?.confirmed
    if (confirmed === undefined) return false
    const state: CardState = {
      memberCount: Math.min(Math.max(confirmed, 0), change.capacity),
      roomLimit: change.capacity,
      // Sign-ups and cancellations end before the start; the job marks the start (target state 1).
      targetState: 0,
    }
    if (sameCardState(state, last?.state ?? null)) return false
    await platform.setUpdatableMsg({ activityId: change.activityId, ...state })
    lastPush.set(key, { at: now.getTime(), state })
    return true
  } catch (err) {
    console.warn(`share card push for summon ${summonId} failed; the job retries it`, (err as Error).message)
    return false
  }
}

/** Live cards looked at per run. */
const CARDS_PER_RUN = 200

/**
 * One run of the scheduled job: pushes each live share card's state with `setUpdatableMsg` when it
 * changed since the last push — the confirmed count after sign-ups, cancellations and promotions, and
 * target state 1 once the summon has started (after which WeChat freezes the card).
 */
export async function refreshShareCards(store: Store, platform: Platform, now: Date): Promise<number> {
  let pushed = 0
  for (const card of await store.shareCards.live(now, CARDS_PER_RUN)) {
    if (card.pushed?.targetState === 1) continue
    const summon = await store.summons.get(card.summonId)
    const state = summon ? cardStateOf(summon, now) : null
    if (!state || sameCardState(state, card.pushed)) continue
    await platform.setUpdatableMsg({ activityId: card.activityId, ...state })
    await store.shareCards.markPushed(card.summonId, card.activityId, state)
    pushed++
  }
  return pushed
}
