/** CSV for Excel: UTF-8 with a BOM, and cells neutralised against formula injection. */
import { stringify } from 'csv-stringify/sync'
import type { RosterEntry, RosterStatus, SignUpStatus, Verification } from '../../types'
import type { CheckInExportRow, SignUpExportRow } from '../store/port'
import { beijingMinute as beijing } from './time'

/** Every place a line of a cell starts with a character Excel reads as the start of a formula. */
const FORMULA_LINE_START = /(?<=^|[\r\n])(?=[=+\-@\t\r])/g

/**
 * Each line of a cell that Excel would run as a formula gets a leading apostrophe, so it shows as text: a
 * cell may hold line breaks, and Excel reads every line of it.
 */
export function safeCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return ''
  return String(value).replace(FORMULA_LINE_START, "'")
}

export type CsvCell = string | number | null | undefined

export function toCsv(header: string[], rows: CsvCell[][]): string {
  // csv-stringify quotes a cell holding its record delimiter (CRLF), not a bare LF or CR; Excel starts a new
  // row at either, so any cell with one is quoted too.
  return stringify([header, ...rows.map((row) => row.map(safeCell))], {
    bom: true,
    record_delimiter: '\r\n',
    quoted_match: /[\r\n]/,
  })
}

const STATUS_LABEL: Record<SignUpStatus, string> = {
  confirmed: '已报名',
  waitlisted: '候补',
  cancelled: '已取消',
}

const ROSTER_LABEL: Record<RosterStatus, string> = { ...STATUS_LABEL, walkin: '现场签到' }

/** The status cell of a sign-up: on a withdrawn summon, a place or a waitlist entry reads 已撤回. */
const statusCell = (status: RosterStatus, withdrawn: boolean) =>
  withdrawn && (status === 'confirmed' || status === 'waitlisted') ? WITHDRAWN_LABEL : ROSTER_LABEL[status]

export const WITHDRAWN_LABEL = '已撤回'

export function rosterCsv(items: RosterEntry[], withdrawn = false): string {
  return toCsv(
    ['姓名', '状态', '候补位次', '报名时间', '签到时间'],
    items.map((e) => [
      e.name,
      statusCell(e.status, withdrawn),
      e.position ?? '',
      e.signedUpAt ? beijing(e.signedUpAt) : '',
      e.attendedAt ? beijing(e.attendedAt) : '',
    ]),
  )
}

const VERIFICATION_LABEL: Record<Verification, string> = {
  poster: '扫海报码',
  live: '活动签到码',
  location: '位置核验',
}

const NO_PROFILE = '未填写'
const time = (iso: string | null) => (iso ? beijing(iso) : '')

export function checkinsCsv(rows: CheckInExportRow[]): string {
  return toCsv(
    ['签到时间', '网格', '镇街', '活动', '方式', '核验', '姓名', '所在组织'],
    rows.map((r) => [
      time(r.at),
      r.gridName,
      r.townName,
      r.summonTitle,
      VERIFICATION_LABEL[r.method],
      r.verifiedBy.map((v) => VERIFICATION_LABEL[v]).join('、'),
      r.memberName ?? NO_PROFILE,
      r.org,
    ]),
  )
}

export function signupsCsv(rows: SignUpExportRow[]): string {
  return toCsv(
    ['召集令', '网格', '活动开始', '姓名', '所在组织', '状态', '报名时间', '签到时间'],
    rows.map((r) => [
      r.summonTitle,
      r.gridName,
      time(r.summonStartAt),
      r.memberName ?? NO_PROFILE,
      r.org,
      statusCell(r.status, r.summonWithdrawn),
      time(r.signedUpAt),
      time(r.attendedAt),
    ]),
  )
}

const HOURS_STATUS_LABEL = { pending: '待确认', confirmed: '已确认', not_eligible: '不计时长' } as const

/** A summon's hours roster for its leader: scans, computed hours, make-ups (补录) and what is credited. */
export function hoursCsv(
  items: {
    name: string
    signInAt?: string
    signOutAt?: string
    computed: number
    hours: number
    status: keyof typeof HOURS_STATUS_LABEL
    note?: string
    makeup?: { from: number; to: number; reason: string; by: string; at: string }
  }[],
): string {
  return toCsv(
    ['姓名', '签到时间', '签退时间', '按扫码计算（小时）', '计入时长（小时）', '状态', '补录', '说明'],
    items.map((e) => [
      e.name,
      e.signInAt ? beijing(e.signInAt) : '',
      e.signOutAt ? beijing(e.signOutAt) : '',
      e.computed,
      e.hours,
      HOURS_STATUS_LABEL[e.status],
      e.makeup
        ? `补录 ${e.makeup.from}→${e.makeup.to} 小时，${e.makeup.by} ${beijing(e.makeup.at)}：${e.makeup.reason}`
        : '',
      e.makeup ? '' : (e.note ?? ''),
    ]),
  )
}
