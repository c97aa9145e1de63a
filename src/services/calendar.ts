import Taro from '@tarojs/taro'
import { eventIcs, type CalendarEvent } from '../utils/ics'

/** A file name the file systems accept. */
const icsName = (title: string) => `${title.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60) || '活动'}.ics`

/**
 * 加入日历: the phone's calendar in the mini program (`addPhoneCalendar`, with a reminder an hour before);
 * in H5 an `.ics` file the browser downloads and the phone's calendar opens.
 */
export async function addToCalendar(event: CalendarEvent): Promise<'added' | 'downloaded'> {
  if (process.env.TARO_ENV === 'weapp') {
    await Taro.addPhoneCalendar({
      title: event.title,
      startTime: Math.floor(Date.parse(event.startAt) / 1000),
      // WeChat takes seconds as a number; Taro 4.2's typings call `endTime` a string by mistake.
      endTime: Math.floor(Date.parse(event.endAt) / 1000) as unknown as string,
      location: event.place,
      description: event.description,
      alarm: true,
      alarmOffset: 3600,
    })
    return 'added'
  }
  const blob = new Blob([eventIcs(event)], { type: 'text/calendar;charset=utf-8' })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = icsName(event.title)
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return 'downloaded'
}
