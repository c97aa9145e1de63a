import type { FollowMode } from '../../types'
import { cutThing } from '../domain/summons'
import { beijing } from '../domain/time'
import type { Notification, Platform } from '../platform/port'
import type { Store } from '../store/port'
import { SUMMON_PAGE } from './notices'

/** Announcements claimed per run, and followers read per page. */
const ANNOUNCEMENTS_PER_RUN = 10
const FOLLOWERS_PAGE = 100

/** The subscribe message of a new summon for a follower (新召集令: grid, title, start time). */
export function announcementOf(
  openid: string,
  summon: { id: string; title: string; gridName: string; startAt: string },
): Notification {
  return {
    openid,
    template: 'grid_summon',
    page: `${SUMMON_PAGE}?id=${summon.id}`,
    data: { thing1: cutThing(summon.gridName), thing2: cutThing(summon.title), time3: beijing(summon.startAt) },
  }
}

/**
 * One run of the scheduled job: sends each newly published summon to its grid's followers. With
 * long-term subscriptions every follower is told; with one-time ones only a follower with a banked
 * subscription, which the message spends (a member with none left is skipped, never sent to).
 */
export async function announceSummons(store: Store, platform: Platform, now: Date, mode: FollowMode): Promise<number> {
  let sent = 0
  for (const { summonId, gridId } of await store.follows.claimAnnouncements(now, ANNOUNCEMENTS_PER_RUN)) {
    const summon = await store.summons.get(summonId)
    if (!summon || summon.withdrawnAt || summon.startAt <= now.toISOString()) continue
    for (let after: string | null = null; ;) {
      const page = await store.follows.followers(gridId, after, FOLLOWERS_PAGE)
      for (const follower of page) {
        if (follower.openid === summon.publishedBy) continue
        if (mode === 'one_time' && !(await store.follows.spend(gridId, follower.openid))) continue
        await platform.notify(announcementOf(follower.openid, summon))
        sent++
      }
      if (page.length < FOLLOWERS_PAGE) break
      after = page[page.length - 1].openid
    }
  }
  return sent
}
