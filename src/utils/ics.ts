/**
 * A summon as an iCalendar file (RFC 5545), written by hand: one VEVENT, times in Asia/Shanghai (China has
 * kept UTC+8 without daylight saving since 1991, so one fixed VTIMEZONE is exact), text escaped, lines
 * folded at 75 octets, CRLF line ends.
 */

export interface CalendarEvent {
  /** A stable id, so a second download updates the same calendar entry. */
  uid: string
  title: string
  place: string
  description: string
  startAt: string
  endAt: string
  /** Where the event page is, for the entry's link. */
  url?: string
}

const BEIJING_MS = 8 * 3600_000

/** `20260603T140000`: the Beijing wall-clock time of an instant. */
export function beijingStamp(iso: string): string {
  return new Date(Date.parse(iso) + BEIJING_MS).toISOString().slice(0, 19).replace(/[-:]/g, '')
}

/** `20260601T020000Z`: an instant in UTC, for DTSTAMP. */
const utcStamp = (date: Date) => `${date.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`

/** TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
}

/** Folds a content line at 75 octets (§3.1), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder()
  const parts: string[] = []
  let current = ''
  let octets = 0
  for (const char of Array.from(line)) {
    const size = encoder.encode(char).length
    // The first line holds 75 octets; each continuation starts with a space, so holds 74 more.
    const limit = parts.length === 0 ? 75 : 74
    if (octets + size > limit) {
      parts.push(current)
      current = ''
      octets = 0
    }
    current += char
    octets += size
  }
  parts.push(current)
  return parts.join('\r\n ')
}

const TIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Asia/Shanghai',
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'TZNAME:CST',
  'END:STANDARD',
  'END:VTIMEZONE',
]

export function eventIcs(event: CalendarEvent, now: Date = new Date()): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//erwei//summons//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...TIMEZONE,
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${utcStamp(now)}`,
    `DTSTART;TZID=Asia/Shanghai:${beijingStamp(event.startAt)}`,
    `DTEND;TZID=Asia/Shanghai:${beijingStamp(event.endAt)}`,
    `SUMMARY:${escapeText(event.title)}`,
    `LOCATION:${escapeText(event.place)}`,
    ...(event.description.trim() ? [`DESCRIPTION:${escapeText(event.description.trim())}`] : []),
    ...(event.url ? [`URL:${event.url}`] : []),
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    `DESCRIPTION:${escapeText(event.title)}`,
    'TRIGGER:-PT1H',
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ]
  return `${lines.map(foldLine).join('\r\n')}\r\n`
}
