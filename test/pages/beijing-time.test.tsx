import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import { formatTime, inBeijing } from '../../src/utils/time'
import { activityText } from '../../src/admin/utils/overview'

dayjs.extend(utc)
dayjs.extend(timezone)

const PATTERNS = ['YYYY年M月D日 HH:mm', 'YYYY-MM-DD', 'HH:mm', 'M月D日 ddd HH:mm', 'YYYY', 'YYYY-MM-DDTHH:mm:ssZ']

describe('Beijing time by its fixed offset', () => {
  it('formats every pattern the pages use as the time-zone plugin does, across days, years and leap days', () => {
    const starts = ['2024-02-28T15:59:00Z', '2026-11-26T15:59:59Z', '2026-12-31T16:00:00Z', '2027-06-30T23:30:00Z']
    for (const start of starts) {
      for (let h = 0; h < 48; h += 1) {
        const iso = new Date(Date.parse(start) + h * 37 * 60_000).toISOString()
        for (const pattern of PATTERNS) {
          expect(formatTime(iso, pattern)).toBe(dayjs(iso).tz('Asia/Shanghai').locale('zh-cn').format(pattern))
        }
      }
    }
  })

  it('reads a time with an offset as the same instant', () => {
    expect(formatTime('2026-11-26T10:00:00+08:00', 'YYYY-MM-DD HH:mm')).toBe('2026-11-26 10:00')
    expect(inBeijing(new Date('2026-11-26T16:30:00Z')).format('M月D日 ddd')).toBe('11月27日 周五')
  })

  it('says an invalid time is invalid rather than throwing', () => {
    expect(formatTime('not a time')).toBe('Invalid Date')
  })

  it('tells how long ago in Beijing days', () => {
    expect(activityText('2026-11-23T02:00:00Z', new Date('2026-11-26T02:00:00Z'))).toBe('3 天前')
  })
})
