/**
 * The organisation dimension's pure rules: Beijing-time calendar quarters, and the rates an organisation
 * is measured by. One place for each; the handlers and both adapters use these.
 */

import { BEIJING_OFFSET_MS, HOURS_YEAR_TARGET } from '../../types/rules'

export const QUARTER = /^(\d{4})Q([1-4])$/

/** The Beijing-time calendar quarter containing `at`, e.g. `2026Q4`. */
export function quarterOf(at: Date): string {
  const local = new Date(at.getTime() + BEIJING_OFFSET_MS)
  return `${local.getUTCFullYear()}Q${Math.floor(local.getUTCMonth() / 3) + 1}`
}

/** The instants a quarter spans: `start` inclusive, `end` exclusive, both ISO UTC. Throws on a bad name. */
export function quarterRange(quarter: string): { start: string; end: string } {
  const match = QUARTER.exec(quarter)
  if (!match) throw new Error(`not a quarter: ${quarter}`)
  const year = Number(match[1])
  const q = Number(match[2])
  const start = Date.UTC(year, (q - 1) * 3, 1) - BEIJING_OFFSET_MS
  const end = Date.UTC(year, q * 3, 1) - BEIJING_OFFSET_MS
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() }
}

/** `2026Q4` → `2026年第四季度`. */
export function quarterLabel(quarter: string): string {
  const match = QUARTER.exec(quarter)
  if (!match) return quarter
  return `${match[1]}年第${['一', '二', '三', '四'][Number(match[2]) - 1]}季度`
}

/** A share rounded to three decimals; null without a base (an organisation without members). */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null
}

/** Report rate: members who belong to at least one grid, over the members. */
export const reportRate = (reported: number, members: number) => rate(reported, members)

/**
 * Participation rate: members with at least one attendance (a summon's live check-in) credited to the
 * organisation in the quarter, over the members.
 */
export const participationRate = (participated: number, members: number) => rate(participated, members)

/**
 * The organisation's assessment score (考核得分, 0–100), shown with its weights on the admin's ranking:
 * participation weighs more than reporting, since serving in a grid is what the second dimension is for.
 */
export const ORG_SCORE_WEIGHTS = { reportRate: 35, participationRate: 50, hours: 15 } as const

/** A quarter's share of the League's 20 volunteer hours a year: full marks for 志愿时长 in the ranking. */
const QUARTER_HOURS_MARK = HOURS_YEAR_TARGET / 4

/**
 * The score of an organisation with `members`, `reported` and `participated` members and `hours` of
 * confirmed volunteer service in the quarter; 0 without members.
 */
export function orgScore(f: { members: number; reported: number; participated: number; hours: number }): number {
  if (f.members === 0) return 0
  const total =
    (f.reported / f.members) * ORG_SCORE_WEIGHTS.reportRate +
    (f.participated / f.members) * ORG_SCORE_WEIGHTS.participationRate +
    Math.min(1, f.hours / (f.members * QUARTER_HOURS_MARK)) * ORG_SCORE_WEIGHTS.hours
  return Math.round(total * 10) / 10
}

/** Organisation kinds, as people call them. */
export const ORG_KIND_LABELS = {
  committee: '团委',
  branch: '团支部',
  company: '非公企业团组织',
  social: '青年社会组织',
} as const

/** A member invite works for a week (a code on the office wall); a secretary invite for three days, once. */
export const ORG_INVITE_DAYS = { member: 7, secretary: 3 } as const

/**
 * One member's figures in a quarter, from the check-ins credited to the organisation: every check-in
 * counts, each summon attended counts once, with its hours once.
 */
export interface CreditedCheckIn {
  at: string
  summonId: string | null
  hours: number | null
}

export function tally(checkIns: CreditedCheckIn[]): {
  checkIns: number
  attended: number
  hours: number
  lastActivityAt?: string
} {
  const summons = new Map<string, number>()
  let last: string | undefined
  for (const c of checkIns) {
    if (c.summonId) summons.set(c.summonId, Math.max(summons.get(c.summonId) ?? 0, c.hours ?? 0))
    if (!last || c.at > last) last = c.at
  }
  const hours = Math.round([...summons.values()].reduce((a, b) => a + b, 0) * 10) / 10
  return { checkIns: checkIns.length, attended: summons.size, hours, ...(last ? { lastActivityAt: last } : {}) }
}

/** What `stats.orgs` is computed from: plain records, read by either adapter. */
export interface OrgFigureInput {
  orgs: { id: string; name: string; kind: 'committee' | 'branch' | 'company' | 'social'; townId?: string }[]
  /** Current members (not pending requests). */
  members: { openid: string; orgId: string }[]
  /** Grid memberships of those members. */
  memberships: { openid: string; gridId: string }[]
  /** Check-ins credited to the organisations in the quarter, grouped per member and summon. */
  credited: { orgId: string; openid: string; summonId: string | null; n: number; hours: number | null }[]
}

export interface OrgFigures {
  items: {
    orgId: string
    name: string
    kind: OrgFigureInput['orgs'][number]['kind']
    townId?: string
    members: number
    reported: number
    reportRate: number | null
    participated: number
    participationRate: number | null
    checkIns: number
    hours: number
    score: number
  }[]
  matrix: { orgId: string; gridId: string; members: number }[]
  weights: { reportRate: number; participationRate: number; hours: number }
}

/**
 * Each organisation's figures for a quarter, the weakest first (lowest participation, then report rate,
 * then name). `participated` counts current members with an attendance credited in the quarter; check-ins
 * and hours count everything credited to the organisation then (including members who left since).
 */
export function orgFigures(input: OrgFigureInput): OrgFigures {
  const orgOf = new Map(input.members.map((m) => [m.openid, m.orgId]))
  const withGrid = new Set(input.memberships.map((m) => m.openid))
  const matrix = new Map<string, { orgId: string; gridId: string; members: number }>()
  for (const m of input.memberships) {
    const orgId = orgOf.get(m.openid)
    if (!orgId) continue
    const k = `${orgId}\n${m.gridId}`
    const cell = matrix.get(k) ?? { orgId, gridId: m.gridId, members: 0 }
    cell.members++
    matrix.set(k, cell)
  }
  const items = input.orgs.map((org) => {
    const members = input.members.filter((m) => m.orgId === org.id)
    const reported = members.filter((m) => withGrid.has(m.openid)).length
    const credited = input.credited.filter((c) => c.orgId === org.id)
    const attendees = new Set(credited.filter((c) => c.summonId && orgOf.get(c.openid) === org.id).map((c) => c.openid))
    const hours = Math.round(credited.reduce((sum, c) => sum + (c.summonId ? (c.hours ?? 0) : 0), 0) * 10) / 10
    return {
      orgId: org.id,
      name: org.name,
      kind: org.kind,
      ...(org.townId ? { townId: org.townId } : {}),
      members: members.length,
      reported,
      reportRate: reportRate(reported, members.length),
      participated: attendees.size,
      participationRate: participationRate(attendees.size, members.length),
      checkIns: credited.reduce((sum, c) => sum + c.n, 0),
      hours,
      score: orgScore({ members: members.length, reported, participated: attendees.size, hours }),
    }
  })
  const weak = (r: number | null) => (r === null ? -1 : r)
  items.sort(
    (a, b) =>
      weak(a.participationRate) - weak(b.participationRate) ||
      weak(a.reportRate) - weak(b.reportRate) ||
      a.name.localeCompare(b.name, 'zh-CN'),
  )
  return {
    items,
    matrix: [...matrix.values()].sort((a, b) => b.members - a.members || a.orgId.localeCompare(b.orgId)),
    weights: { ...ORG_SCORE_WEIGHTS },
  }
}
