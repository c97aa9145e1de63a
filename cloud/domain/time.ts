import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'
import 'dayjs/locale/zh-cn'
import { BEIJING_OFFSET_MS, DAY_MS } from '../../types/rules'

dayjs.extend(utc)
dayjs.extend(timezone)
dayjs.locale('zh-cn')

export const ZONE = 'Asia/Shanghai'

/** A UTC instant shown as Beijing time, e.g. `2026-12-01 14:30`. */
export function beijing(iso: string, format = 'YYYY-MM-DD HH:mm'): string {
  return dayjs(iso).tz(ZONE).format(format)
}

/**
 * `YYYY-MM-DD HH:mm` in Beijing time, as `beijing(iso)` answers it, without dayjs's time-zone plugin (about
 * 0.8 ms a call, which made a 20,000-row export spend seconds formatting): Beijing is UTC+8 all year (no
 * summer time since 1991).
 */
export function beijingMinute(iso: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return beijing(iso)
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}

/** Monday of the week containing `at`, in Beijing time, as YYYY-MM-DD. */
export function weekStartOf(at: Date): string {
  const local = new Date(at.getTime() + BEIJING_OFFSET_MS)
  const daysSinceMonday = (local.getUTCDay() + 6) % 7
  return new Date(local.getTime() - daysSinceMonday * DAY_MS).toISOString().slice(0, 10)
}
