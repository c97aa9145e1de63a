/**
 * 志愿时长 (issue 15) in words, shared by the member's pages (hours subpackage) and the leader's roster.
 * Pure, so it is tested without a page.
 */
import type { HoursStatus } from '../../types'
import { HOURS_STAR_LEVELS, HOURS_YEAR_TARGET, hoursStars } from '../../types/rules'

export { HOURS_STAR_LEVELS, HOURS_YEAR_TARGET, hoursStars }

/** 2 → 「2」, 1.5 → 「1.5」, 0.25 (never from the server) → 「0.3」. */
export function hoursText(hours: number): string {
  const rounded = Math.round(hours * 10) / 10
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1)
}

export const HOURS_STATUS_LABELS: Record<HoursStatus, string> = {
  pending: '待确认',
  confirmed: '已确认',
  not_eligible: '不足 60%',
}

/** The status as a tag shows it: nothing credited says why (不足 60%, 未签退) when the server tells. */
export function statusText(status: HoursStatus, note?: string): string {
  if (status !== 'not_eligible') return HOURS_STATUS_LABELS[status]
  const reason = note?.split(' · ').find((part) => !part.startsWith('补录'))
  return reason || HOURS_STATUS_LABELS.not_eligible
}

/** The colour of each status: HOURS_TONE in src/utils/status-colours.ts. */
export { HOURS_TONE as STATUS_TONE } from './status-colours'

/** How far this year's confirmed hours are toward the yearly mark, 0–1. */
export function yearProgress(hours: number, target = HOURS_YEAR_TARGET): number {
  if (target <= 0) return 1
  return Math.max(0, Math.min(1, hours / target))
}

/** What the ring says under the figure. */
export function yearProgressText(hours: number, target = HOURS_YEAR_TARGET): string {
  if (hours >= target) return `已达到每年 ${target} 小时的要求`
  return `距每年 ${target} 小时还差 ${hoursText(target - hours)} 小时`
}

/** ★★☆☆☆ and what it takes to reach the next star. */
export function starView(allTime: number): { stars: number; title: string; next: string } {
  const level = hoursStars(allTime)
  const next = HOURS_STAR_LEVELS[level]
  return {
    stars: level,
    title: level === 0 ? '还不是星级志愿者' : `${['一', '二', '三', '四', '五'][level - 1]}星级志愿者`,
    next:
      next === undefined
        ? `累计 ${hoursText(allTime)} 小时，已是最高星级`
        : `累计 ${hoursText(allTime)} 小时，再服务 ${hoursText(next - allTime)} 小时成为${['一', '二', '三', '四', '五'][level]}星级志愿者`,
  }
}

/** Five stars, `count` of them filled: ★★☆☆☆. */
export function stars(count: number): string {
  return '★'.repeat(count) + '☆'.repeat(Math.max(0, 5 - count))
}
