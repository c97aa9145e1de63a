/**
 * What a status colour means, in ONE place for every page: green = done, orange = needs attention,
 * grey = missing (not there, over, not taken), League red = open to take part in now. Names and labels
 * that are no status (a grid's kind, 书记, 补录, a topic) are outlined in red and carry no status colour.
 *
 * The same colours are the CSS variables --app-ok / --app-warn / --app-missing of src/app.scss (a test
 * holds the two to each other) for text that is coloured by status.
 */
import type { Decision, HoursStatus, IdeaStatus, PlanState, SignUpStatus, SummonState } from '../../types'

export type Tone = 'done' | 'attention' | 'missing' | 'open' | 'label'

/** A tone's colour, and whether its tag is filled (white text) or outlined (text in the colour). */
export const TONES: Record<Tone, { colour: string; solid: boolean }> = {
  done: { colour: '#15803d', solid: true },
  attention: { colour: '#b45309', solid: true },
  missing: { colour: '#666666', solid: false },
  open: { colour: '#c8161d', solid: true },
  label: { colour: '#c8161d', solid: false },
}

/** 报名中 / 进行中 open, 已满可候补 attention (only the waitlist is left), 已截止 / 已结束 / 已撤回 missing. */
export const SUMMON_STATE_TONE: Record<SummonState, Tone> = {
  open: 'open',
  live: 'open',
  full: 'attention',
  closed: 'missing',
  ended: 'missing',
  withdrawn: 'missing',
}

/** The caller's sign-up: 已报名 done, 候补 attention, 已撤回 (the summon was withdrawn) missing. */
export const SIGN_UP_TONE: Record<Exclude<SignUpStatus, 'cancelled'> | 'withdrawn', Tone> = {
  confirmed: 'done',
  waitlisted: 'attention',
  withdrawn: 'missing',
}

/** A roster row: signed in (also a walk-in) done, 未签到 after the start missing, on the waitlist attention. */
export const ATTENDANCE_TONE = { attended: 'done', absent: 'missing', waitlisted: 'attention' } as const

/** 征集中 open, 已定稿 done, 已截止 missing. */
export const PLAN_STATE_TONE: Record<PlanState, Tone> = {
  collecting: 'open',
  finalized: 'done',
  closed: 'missing',
}

/** The leader's decision: 已采纳 and 部分采纳 done (decided, taken up), 暂不采纳 missing. */
export const DECISION_TONE: Record<Decision, Tone> = {
  adopted: 'done',
  partial: 'done',
  declined: 'missing',
}

/** An idea: held for review attention, rejected missing. */
export const IDEA_STATUS_TONE: Record<IdeaStatus, Tone> = {
  visible: 'done',
  pending_review: 'attention',
  rejected: 'missing',
}

/** Volunteer hours: 已确认 done, 待确认 attention, 不足 60% / 未签退 (nothing credited) missing. */
export const HOURS_TONE: Record<HoursStatus, Tone> = {
  confirmed: 'done',
  pending: 'attention',
  not_eligible: 'missing',
}

/** Membership of an organisation or a grid: a member done, a request waiting attention. */
export const MEMBERSHIP_TONE = { member: 'done', pending: 'attention' } as const

/** A scan kept offline: 待上传 attention (it is not recorded yet). */
export const UPLOAD_TONE = { queued: 'attention' } as const

/** A check-in: recorded done (活动签到 and 扫码报到 alike). */
export const CHECKIN_TONE: Tone = 'done'

/** One of a grid's 四个一: in place done, 缺 missing. */
export const FOUR_ONES_TONE = { present: 'done', missing: 'missing' } as const

/** A member's or a grid's activity: took part done, 未参与 missing, 30天无活动 attention. */
export const ACTIVITY_TONE = { active: 'done', inactive: 'missing', quiet: 'attention' } as const

/** The props of a NutUI Tag in `tone` (an outlined tag takes its border from `background`). */
export function tagColours(tone: Tone): { plain: boolean; background: string; color: string } {
  const { colour, solid } = TONES[tone]
  return { plain: !solid, background: colour, color: solid ? '#ffffff' : colour }
}
