import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'
import 'dayjs/locale/zh-cn'

dayjs.extend(utc)
dayjs.extend(timezone)
dayjs.locale('zh-cn')

export const ZONE = 'Asia/Shanghai'

/** A UTC instant shown as Beijing time, e.g. `2026-12-01 14:30`. */
export function beijing(iso: string, format = 'YYYY-MM-DD HH:mm'): string {
  return dayjs(iso).tz(ZONE).format(format)
}
