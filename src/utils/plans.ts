import relativeTime from 'dayjs/plugin/relativeTime'
import type { Decision, IdeaStatus, PlanState } from '../../types'
import { ROUTES } from './routes'
import { dayjs, formatTime } from './time'
import { DAY_MS } from '../../types/rules'

dayjs.extend(relativeTime)

/** The plan pages (paths in ROUTES): the list a tab, the detail in the member subpackage, editing in leader. */
export const PLAN_ROUTES = {
  list: ROUTES.plans,
  detail: ROUTES.plan,
  publish: ROUTES.planPublish,
  edit: ROUTES.planEdit,
  /** The summon publish page, prefilled to carry out a finalized plan. */
  summonFromPlan: ROUTES.summonFromPlan,
}

/** The badge of each plan state (its colour: PLAN_STATE_TONE in status-colours.ts). */
export const PLAN_STATE_LABELS: Record<PlanState, { label: string }> = {
  collecting: { label: '征集中' },
  finalized: { label: '已定稿' },
  closed: { label: '已截止' },
}

/** The leader's decision on an idea, as the badge shows it (its colour: DECISION_TONE). */
export const DECISION_LABELS: Record<Decision, { label: string }> = {
  adopted: { label: '已采纳' },
  partial: { label: '部分采纳' },
  declined: { label: '暂不采纳' },
}

/** The choices of the decision sheet, in this order. */
export const DECISION_CHOICES: { value: Decision; name: string; description: string }[] = [
  { value: 'adopted', name: '采纳', description: '按这条建议办' },
  { value: 'partial', name: '部分采纳', description: '采纳其中一部分' },
  { value: 'declined', name: '暂不采纳', description: '这次先不采用，说明原因' },
]

/** A note on an idea that not everyone sees, or null when it is visible to all. */
export function ideaNote(status: IdeaStatus, mine: boolean): string | null {
  if (status === 'pending_review') return mine ? '审核中，仅你和网格长可见' : '待审核，通过后大家才能看到'
  if (status === 'rejected') return '未通过审核，仅你可见'
  return null
}

const WEEK_MS = 7 * DAY_MS

/** When something was written: `3 分钟前` within a week, then the Beijing date (`11月20日 14:30`). */
export function relativeLabel(iso: string, now: Date = new Date()): string {
  const diff = now.getTime() - Date.parse(iso)
  if (diff < 60_000) return '刚刚'
  if (diff < WEEK_MS) return dayjs(iso).from(dayjs(now))
  const sameYear = formatTime(iso, 'YYYY') === formatTime(now.toISOString(), 'YYYY')
  return formatTime(iso, sameYear ? 'M月D日 HH:mm' : 'YYYY年M月D日')
}

/** The line under a plan's title about its ideas window. */
export function windowLabel(plan: { state: PlanState; ideasUntil: string | null; finalizedAt: string | null }): string {
  if (plan.state === 'finalized' && plan.finalizedAt) return `${formatTime(plan.finalizedAt, 'M月D日')} 已定稿`
  if (!plan.ideasUntil) return plan.state === 'collecting' ? '征集建议中，截止时间待定' : '建议征集已结束'
  const until = formatTime(plan.ideasUntil, 'M月D日 ddd HH:mm')
  return plan.state === 'collecting' ? `征集建议至 ${until}` : `建议征集已于 ${until} 截止`
}

/** 建议 are a plan's public ideas (held for review or rejected ones do not count), the same everywhere. */
export const countsLabel = (ideaCount: number, adoptedCount: number) => `建议 ${ideaCount} · 已采纳 ${adoptedCount}`

export const IDEA_MAX = 500
export const REPLY_MAX = 300
