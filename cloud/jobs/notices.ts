import { cutThing, REMINDER_LEAD_MINUTES } from '../domain/summons'
import { beijing } from '../domain/time'
import type { Notification, Platform } from '../platform/port'
import type { DueNotice, Store } from '../store/port'

export const SUMMON_PAGE = 'pages/summon/index'

/**
 * The subscribe message for a due notice. Field keys follow the chosen templates (see README):
 * thing* values are cut to 20 characters, time* values are Beijing time.
 */
export function notificationOf(notice: DueNotice): Notification {
  const { summon } = notice
  const page = `${SUMMON_PAGE}?id=${summon.id}`
  const base = { openid: notice.openid, page }
  if (notice.kind === 'reminder') {
    return {
      ...base,
      template: 'summon_reminder',
      data: { thing1: cutThing(summon.title), time2: beijing(summon.startAt), thing3: cutThing(summon.place) },
    }
  }
  return {
    ...base,
    template: 'waitlist_promoted',
    data: {
      thing1: cutThing(summon.title),
      time2: beijing(summon.startAt),
      thing3: cutThing('候补成功，已为你保留名额'),
    },
  }
}

/** One run of the scheduled job: claims due reminders and promotion notices, then sends them. */
export async function sendDueNotices(store: Store, platform: Platform, now: Date): Promise<number> {
  const notices = await store.summons.claimDueNotices(now, REMINDER_LEAD_MINUTES)
  for (const notice of notices) await platform.notify(notificationOf(notice))
  return notices.length
}
