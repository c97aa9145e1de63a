import { cardStateOf, sameCardState } from '../domain/shareCards'
import type { Platform } from '../platform/port'
import type { Store } from '../store/port'

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
