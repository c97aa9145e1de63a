import type { MySignUp, RosterEntry, SignUpStatus, SummonDetail, SummonState } from '../../types'
import { ROUTES } from './routes'
import { dayjs, formatTime } from './time'
import { BEIJING_OFFSET_MS } from '../../types/rules'

/** The summon pages (paths in ROUTES): the detail in the member subpackage, publishing and the roster in leader. */
export const SUMMON_ROUTES = {
  detail: ROUTES.summon,
  publish: ROUTES.summonPublish,
  /** The publish form in its edit mode: time, place and capacity of a published summon. */
  edit: (id: string) => `${ROUTES.summonPublish}?id=${encodeURIComponent(id)}`,
  roster: ROUTES.roster,
}

/** The badge of each state. */
export const STATE_LABELS: Record<SummonState, string> = {
  open: '报名中',
  full: '已满可候补',
  closed: '已截止',
  live: '进行中',
  ended: '已结束',
  withdrawn: '已撤回',
}

/** The name shown for a district-wide summon (no grid). */
export const DISTRICT_LABEL = '全区（西湖区团委）'

/** The grid's name, or 全区 for a district-wide summon (no grid): told by `gridId`, never by the name. */
export function gridLabel(summon: { gridId: string | null; gridName: string }): string {
  return summon.gridId === null ? DISTRICT_LABEL : summon.gridName
}

/** `已报名 12/30`, or `已报名 12` without a capacity. */
export function filledLabel(confirmed: number, capacity: number | null): string {
  return capacity === null ? `已报名 ${confirmed}` : `已报名 ${confirmed}/${capacity}`
}

/** Whole calendar days (Beijing) from `now` to `iso`: 0 today, 1 tomorrow, -1 yesterday. */
export function daysFromToday(iso: string, now: Date = new Date()): number {
  const day = (value: string) => dayjs.utc(formatTime(value, 'YYYY-MM-DD'))
  return day(iso).diff(day(now.toISOString()), 'day')
}

const NEAR_DAYS: Record<number, string> = { [-1]: '昨天', 0: '今天', 1: '明天', 2: '后天' }

/**
 * A start time the way people say it: `今天 14:00`, `明天 14:00`, `11月30日 周一 09:30 · 4 天后`;
 * the year only when it is not this year.
 */
export function whenLabel(iso: string, now: Date = new Date()): string {
  const days = daysFromToday(iso, now)
  const clock = formatTime(iso, 'HH:mm')
  const near = NEAR_DAYS[days]
  if (near) return `${near} ${clock}`
  const sameYear = formatTime(iso, 'YYYY') === formatTime(now.toISOString(), 'YYYY')
  const date = formatTime(iso, sameYear ? 'M月D日 ddd HH:mm' : 'YYYY年M月D日 HH:mm')
  if (days > 2 && days <= 30) return `${date} · ${days} 天后`
  return date
}

/** `明天 14:00 – 16:30`, with the end date when it ends on another day. */
export function rangeLabel(startAt: string, endAt: string, now: Date = new Date()): string {
  const sameDay = formatTime(startAt, 'YYYY-MM-DD') === formatTime(endAt, 'YYYY-MM-DD')
  const start = whenLabel(startAt, now).replace(/ · \d+ 天后$/, '')
  return `${start} – ${sameDay ? formatTime(endAt, 'HH:mm') : formatTime(endAt, 'M月D日 HH:mm')}`
}

/** The caller's sign-up in words: `已报名` or `候补第 2 位`; null when not (or no longer) signed up. */
export function mineLabel(mine: MySignUp | undefined): string | null {
  if (!mine || mine.status === 'cancelled') return null
  if (mine.status === 'waitlisted') return mine.position ? `候补第 ${mine.position} 位` : '候补中'
  return '已报名'
}

/** The short mark on a list card for the caller's sign-up; 已撤回 once the summon was withdrawn. */
export function mineMark(mine: SignUpStatus | undefined, state?: SummonState): string | null {
  if ((mine === 'confirmed' || mine === 'waitlisted') && state === 'withdrawn') return '已撤回'
  if (mine === 'confirmed') return '已报名'
  if (mine === 'waitlisted') return '候补'
  return null
}

/** Why sign-up is not possible now (a sentence), or null when it is. */
export function closedReason(summon: Pick<SummonDetail, 'state' | 'withdrawReason'>): string | null {
  switch (summon.state) {
    case 'closed':
      return '已截止'
    case 'live':
      return '活动进行中，报名已截止'
    case 'ended':
      return '已结束'
    case 'withdrawn':
      return summon.withdrawReason ? `已撤回：${summon.withdrawReason}` : '已撤回'
    default:
      return null
  }
}

/** Whether the caller may still cancel: signed up and the activity has not started. */
export function canCancel(summon: Pick<SummonDetail, 'state' | 'mine'>): boolean {
  return mineLabel(summon.mine) !== null && ['open', 'full', 'closed'].includes(summon.state)
}

export interface SignUpView {
  /** The label of the one primary button. */
  label: string
  /** Whether tapping it signs up (otherwise it only shows where the caller stands). */
  actionable: boolean
  /** Greyed out: sign-up is not possible and the caller is not signed up. */
  disabled: boolean
  /** One line above the button saying why, or what happens next. */
  note: string | null
  canCancel: boolean
  /** No button at all: the summon was withdrawn (the page says so in a banner instead). */
  hidden: boolean
}

/** What the detail page's button says and does, from the summon and the caller's sign-up. */
export function signUpView(summon: Pick<SummonDetail, 'state' | 'mine' | 'withdrawReason'>): SignUpView {
  const shown = { hidden: false }
  if (summon.state === 'withdrawn')
    return { label: '', actionable: false, disabled: true, note: closedReason(summon), canCancel: false, hidden: true }
  const mine = mineLabel(summon.mine)
  const cancel = canCancel(summon)
  if (mine) {
    const attended = Boolean(summon.mine?.attendedAt)
    const waiting = summon.mine?.status === 'waitlisted'
    const note = attended
      ? '你已到场签到，感谢参与'
      : waiting
        ? '有人取消时按顺序递补，递补成功会通知你'
        : '记得准时到场，到场后扫现场码签到'
    return { label: attended ? '已签到' : mine, actionable: false, disabled: false, note, canCancel: cancel, ...shown }
  }
  if (summon.state === 'open')
    return { label: '一键报名', actionable: true, disabled: false, note: null, canCancel: false, ...shown }
  if (summon.state === 'full')
    return {
      label: '一键报名',
      actionable: true,
      disabled: false,
      note: '名额已满，可以候补',
      canCancel: false,
      ...shown,
    }
  return {
    label: '一键报名',
    actionable: false,
    disabled: true,
    note: closedReason(summon),
    canCancel: false,
    ...shown,
  }
}

const BEIJING_MS = BEIJING_OFFSET_MS

/**
 * The date pickers show Beijing wall-clock time whatever the phone's zone: a picker works on a local
 * `Date`, so an ISO time goes in as a local date with Beijing's fields …
 */
export function toPickerDate(iso: string): Date {
  const b = new Date(Date.parse(iso) + BEIJING_MS)
  return new Date(b.getUTCFullYear(), b.getUTCMonth(), b.getUTCDate(), b.getUTCHours(), b.getUTCMinutes())
}

/** … and the fields picked come back out as that Beijing time (China has no daylight saving). */
export function fromPickerFields(year: number, month: number, day: number, hour: number, minute: number): string {
  return new Date(Date.UTC(year, month - 1, day, hour, minute) - BEIJING_MS).toISOString()
}

/** `hour:minute` Beijing time, `days` calendar days after today (Beijing), as ISO. */
export function beijingAt(days: number, hour: number, minute = 0, now: Date = new Date()): string {
  const b = new Date(now.getTime() + BEIJING_MS)
  return fromPickerFields(b.getUTCFullYear(), b.getUTCMonth() + 1, b.getUTCDate() + days, hour, minute)
}

export interface RosterGroups {
  confirmed: RosterEntry[]
  attended: RosterEntry[]
  /** Checked in with the live code without a confirmed place. */
  walkins: RosterEntry[]
  waitlisted: RosterEntry[]
  cancelled: RosterEntry[]
}

/** The roster by group: confirmed (attended among them), walk-ins, waitlisted in order, cancelled. */
export function groupRoster(items: RosterEntry[]): RosterGroups {
  return {
    confirmed: items.filter((e) => e.status === 'confirmed'),
    attended: items.filter((e) => e.status === 'confirmed' && e.attendedAt),
    walkins: items.filter((e) => e.status === 'walkin'),
    waitlisted: items.filter((e) => e.status === 'waitlisted').sort((a, b) => (a.position ?? 0) - (b.position ?? 0)),
    cancelled: items.filter((e) => e.status === 'cancelled'),
  }
}
