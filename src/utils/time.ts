import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import 'dayjs/locale/zh-cn'

dayjs.extend(utc)
dayjs.extend(timezone)
dayjs.locale('zh-cn')

/** Every time in the app is shown in Beijing time, whatever the phone's zone. */
export const APP_TZ = 'Asia/Shanghai'
const SHANGHAI_OFFSET_MINUTES = 8 * 60

/** Formats an ISO time in Beijing time, e.g. `11月26日 周四 14:30`. */
export function formatTime(iso: string, pattern = 'YYYY年M月D日 HH:mm'): string {
  try {
    return dayjs(iso).tz(APP_TZ).format(pattern)
  } catch {
    // Some runtimes lack full Intl time-zone data; Shanghai has had no DST since 1991.
    return dayjs.utc(iso).utcOffset(SHANGHAI_OFFSET_MINUTES).format(pattern)
  }
}

export { dayjs }
