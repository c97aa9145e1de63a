import { cutThing, REMINDER_LEAD_MINUTES } from '../domain/summons'
import { beijing } from '../domain/time'
import { PAGES } from '../../src/utils/routes'
import type { Notification, Platform } from '../platform/port'
import type { DueNotice, Store, SummonRecord } from '../store/port'

/** The summon page (in the member subpackage) that reminders, promotions and withdrawals open. */
export const SUMMON_PAGE = PAGES.summon

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

/** The notice of a withdrawal, for a member who was confirmed or waiting. */
export function withdrawalNotice(summon: SummonRecord, openid: string): Notification {
  return {
    openid,
    page: `${SUMMON_PAGE}?id=${summon.id}`,
    template: 'summon_withdrawn',
    data: {
      thing1: cutThing(summon.title),
      time2: beijing(summon.startAt),
      thing3: cutThing(summon.withdrawReason ?? '活动已取消'),
    },
  }
}

/**
 * Tells every confirmed and waitlisted member that the summon was withdrawn, straight after the withdrawal
 * (one failed message does not stop the others). The withdrawal itself is the claim: a repeat sends nothing.
 */
export async function notifyWithdrawal(store: Store, platform: Platform, summon: SummonRecord): Promise<number> {
  const roster = await store.summons.roster(summon.id)
  const told = roster.filter((e) => e.status === 'confirmed' || e.status === 'waitlisted')
  const results = await Promise.allSettled(told.map((e) => platform.notify(withdrawalNotice(summon, e.openid))))
  return results.filter((r) => r.status === 'fulfilled').length
}

/** One run of the scheduled job: claims due reminders and promotion notices, then sends them. */
export async function sendDueNotices(store: Store, platform: Platform, now: Date): Promise<number> {
  const notices = await store.summons.claimDueNotices(now, REMINDER_LEAD_MINUTES)
  for (const notice of notices) await platform.notify(notificationOf(notice))
  return notices.length
}
