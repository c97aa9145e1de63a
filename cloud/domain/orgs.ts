/**
 * The organisation dimension's pure rules: Beijing-time calendar quarters, and the rates an organisation
 * is measured by. One place for each; the handlers and both adapters use these.
 */

/** Beijing time is UTC+8 all year (no daylight saving). */
const BEIJING_OFFSET_MS = 8 * 3600_000

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
