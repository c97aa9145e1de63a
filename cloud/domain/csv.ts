/** CSV for Excel: UTF-8 with a BOM, and cells neutralised against formula injection. */
import { stringify } from 'csv-stringify/sync'
import type { RosterEntry } from '../../types'
import { beijing } from './time'

const FORMULA_START = /^[=+\-@\t\r]/

/** A cell that Excel would run as a formula gets a leading apostrophe, so it shows as text. */
export function safeCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  const text = String(value)
  return FORMULA_START.test(text) ? `'${text}` : text
}

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return stringify([header, ...rows.map((row) => row.map(safeCell))], { bom: true, record_delimiter: '\r\n' })
}

const STATUS_LABEL: Record<RosterEntry['status'], string> = {
  confirmed: '已报名',
  waitlisted: '候补',
  cancelled: '已取消',
}

export function rosterCsv(items: RosterEntry[]): string {
  return toCsv(
    ['姓名', '状态', '候补位次', '报名时间', '签到时间'],
    items.map((e) => [
      e.name,
      STATUS_LABEL[e.status],
      e.position ?? '',
      beijing(e.signedUpAt),
      e.attendedAt ? beijing(e.attendedAt) : '',
    ]),
  )
}
