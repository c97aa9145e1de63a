import { cutThing, REMINDER_LEAD_MINUTES } from '../domain/summons'
import { beijing } from '../domain/time'
import { PAGES } from '../../src/utils/routes'
import { REVIEW_APPROVED_MESSAGE } from '../../types/rules'
import type { Notification, Platform } from '../platform/port'
import type { DueNotice, IdeaRecord, Store, SummonRecord } from '../store/port'

/** The summon page (in the member subpackage) that reminders, promotions and withdrawals open. */
export const SUMMON_PAGE = PAGES.summon
export const PLAN_PAGE = PAGES.plan

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

/** The notice of a new time or place, for a member who is confirmed or waiting. */
export function changeNotice(
  summon: SummonRecord,
  openid: string,
  changed: { time: boolean; place: boolean },
): Notification {
  const what = changed.time && changed.place ? '时间和地点有变' : changed.time ? '时间有变' : '地点有变'
  return {
    openid,
    page: `${SUMMON_PAGE}?id=${summon.id}`,
    template: 'summon_changed',
    data: {
      thing1: cutThing(summon.title),
      time2: beijing(summon.startAt),
      thing3: cutThing(summon.place),
      thing4: cutThing(`${what}，请留意新安排`),
    },
  }
}

/**
 * Tells every confirmed and waitlisted member of a new time or place, straight after the edit that made it
 * (one failed message does not stop the others). Only the call that changed it tells: a repeat of the same
 * edit tells nobody again, and an instance that dies between the edit and the sends loses them (as with a
 * withdrawal).
 */
export async function notifyChange(
  store: Store,
  platform: Platform,
  summon: SummonRecord,
  changed: { time: boolean; place: boolean },
): Promise<number> {
  if (!changed.time && !changed.place) return 0
  const roster = await store.summons.roster(summon.id)
  const told = roster.filter((e) => e.status === 'confirmed' || e.status === 'waitlisted')
  const results = await Promise.allSettled(told.map((e) => platform.notify(changeNotice(summon, e.openid, changed))))
  return results.filter((r) => r.status === 'fulfilled').length
}

/** One run of the scheduled job: claims due reminders and promotion notices, then sends them. */
export async function sendDueNotices(store: Store, platform: Platform, now: Date): Promise<number> {
  const notices = await store.summons.claimDueNotices(now, REMINDER_LEAD_MINUTES)
  for (const notice of notices) await platform.notify(notificationOf(notice))
  return notices.length
}

const DECISION_WORDS = { adopted: '已采纳', partial: '部分采纳', declined: '暂未采纳' } as const

/** The notice of a leader's answer to an idea, for its author. */
export function ideaAnswerNotice(idea: IdeaRecord, planTitle: string): Notification {
  return {
    openid: idea.openid,
    page: `${PLAN_PAGE}?id=${idea.planId}`,
    template: 'idea_answered',
    data: {
      thing1: cutThing(planTitle),
      phrase2: idea.decision ? DECISION_WORDS[idea.decision] : '已回复',
      thing3: cutThing(idea.reply ?? ''),
    },
  }
}

/** The notice of a moderation outcome (通过 / 不通过 with its reason), for the idea's author. */
export function ideaReviewNotice(idea: IdeaRecord, planTitle: string): Notification {
  const approved = idea.status === 'visible'
  return {
    openid: idea.openid,
    page: `${PLAN_PAGE}?id=${idea.planId}`,
    template: 'idea_reviewed',
    data: {
      thing1: cutThing(planTitle),
      phrase2: approved ? '通过' : '未通过',
      thing3: cutThing(approved ? REVIEW_APPROVED_MESSAGE : (idea.reviewReason ?? '请修改后再提交')),
    },
  }
}

/** Tells the author the outcome of the review; a failed send is not the review's failure. */
export async function notifyIdeaReview(platform: Platform, idea: IdeaRecord, planTitle: string): Promise<boolean> {
  try {
    await platform.notify(ideaReviewNotice(idea, planTitle))
    return true
  } catch {
    return false
  }
}

/** Tells the author of an idea that a leader answered it; a failed send is not the answer's failure. */
export async function notifyIdeaAnswer(platform: Platform, idea: IdeaRecord, planTitle: string): Promise<boolean> {
  try {
    await platform.notify(ideaAnswerNotice(idea, planTitle))
    return true
  } catch {
    return false
  }
}
