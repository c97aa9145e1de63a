/**
 * Rules that the forms and the server both check, in one place, so a form refuses before the preview what
 * the server would refuse, in the same words. Plain functions: the server's schemas and the pages both
 * import them.
 */
import type { Decision, IdeaStatus } from './models'

// ---------- time ----------

export const MINUTE_MS = 60_000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS
/** Beijing time (Asia/Shanghai) is UTC+8 all year: no daylight saving since 1991. */
export const BEIJING_OFFSET_MS = 8 * HOUR_MS

// ---------- people ----------

/** A mainland mobile number: 11 digits, 13–19 first. */
export const MOBILE = /^1[3-9]\d{9}$/
export const MOBILE_MESSAGE = '请填写 11 位大陆手机号'

// ---------- ideas ----------

/**
 * Whether an idea awaits its grid's leader: held for review, or shown and not yet answered. Counted as
 * `awaiting` on a plan page, listed first for managers (the SQLite adapter says the same in SQL, the cloud
 * adapter keeps it as each idea's `waiting` flag).
 */
export function awaitsDecision(idea: { status: IdeaStatus; decision?: Decision | null }): boolean {
  return idea.status === 'pending_review' || (idea.status === 'visible' && !idea.decision)
}

/** The times of a summon as a form or a request holds them (ISO strings; empty or absent when not set). */
export interface SummonTimesDraft {
  startAt?: string
  endAt?: string
  signUpDeadline?: string
}

export type SummonTimeField = keyof SummonTimesDraft
export const SUMMON_TIME_FIELDS: readonly SummonTimeField[] = ['startAt', 'endAt', 'signUpDeadline']

/** A summon's place: 1–60 characters (publish and edit, form and server). */
export const SUMMON_PLACE_LENGTH = { min: 1, max: 60 } as const

export const SUMMON_TIME_MESSAGES = {
  startInPast: '开始时间要晚于现在',
  endBeforeStart: '结束时间要晚于开始时间',
  deadlineAfterEnd: '报名截止时间不能晚于结束时间',
} as const

/** Characters as people count them: an emoji (one code point beyond the BMP) is one, not two. */
export const charCount = (text: string) => Array.from(text).length

/** 不通过: the reason a leader gives the author, 1–100 characters as counted by `charCount` (issue 12). */
export const REVIEW_REASON_MAX = 100
/** Quick choices of the 不通过 dialog (the leader may also write their own). */
export const REVIEW_REASONS = ['含有个人联系方式', '与方案主题无关', '含有广告或推销内容', '表述不够文明'] as const
/** What the author is told when their held idea is approved. */
export const REVIEW_APPROVED_MESSAGE = '你的建议已通过审核，大家现在都能看到了'

const at = (iso: string | undefined) => (iso ? Date.parse(iso) : Number.NaN)

/**
 * What is wrong with a summon's times, by field: the end must come after the start, the sign-up deadline
 * (when there is one) no later than the end, and — given `now` — the start after now.
 */
export function summonTimeErrors(t: SummonTimesDraft, now?: Date): Partial<Record<SummonTimeField, string>> {
  const errors: Partial<Record<SummonTimeField, string>> = {}
  const start = at(t.startAt)
  const end = at(t.endAt)
  const deadline = at(t.signUpDeadline)
  if (now && start <= now.getTime()) errors.startAt = SUMMON_TIME_MESSAGES.startInPast
  if (end <= start) errors.endAt = SUMMON_TIME_MESSAGES.endBeforeStart
  if (deadline > end) errors.signUpDeadline = SUMMON_TIME_MESSAGES.deadlineAfterEnd
  return errors
}

/** 志愿时长: the yearly mark a League member is expected to reach (hours). */
export const HOURS_YEAR_TARGET = 20

/** Confirmed hours (all years) for one to five stars (星级志愿者). */
export const HOURS_STAR_LEVELS = [100, 300, 600, 1000, 1500] as const

/** The star level (0–5) of a member's confirmed hours of all years. */
export function hoursStars(allTimeHours: number): number {
  return HOURS_STAR_LEVELS.filter((level) => allTimeHours >= level).length
}

/** Digits of the short live code a member can type (issue 12). */
export const SHORT_CODE_LENGTH = 6
