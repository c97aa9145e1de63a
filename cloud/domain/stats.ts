/** Pure rules of the territory view: rates, quietness and the assessment score. */
import type { FourOnes, GridsFilter, GridsSort, GridStats, ScoreWeights, TownStats } from '../../types'
import { DAY_MS, HOURS_YEAR_TARGET } from '../../types/rules'

export const QUIET_DAYS = 30
export { DAY_MS }

/** The weights shown on the assessment screen; they add up to 100. */
export const SCORE_WEIGHTS: ScoreWeights = {
  fourOnes: 25,
  activity: 25,
  fillRate: 10,
  attendanceRate: 15,
  adoptionRate: 15,
  hours: 10,
}

/** Activity is full marks at this many check-ins and summons in 30 days. */
const ACTIVITY_TARGET = { checkIns: 20, summons: 2 }

export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null
}

export function isQuiet(lastActivityAt: string | null, now: Date): boolean {
  return !lastActivityAt || now.getTime() - Date.parse(lastActivityAt) > QUIET_DAYS * DAY_MS
}

export interface ScoreInput {
  fourOnes: FourOnes
  checkIns30d: number
  summons30d: number
  fillRate: number | null
  attendanceRate: number | null
  adoptionRate: number | null
  members: number
  /** This year's confirmed volunteer hours credited at the grid's summons. */
  hours: number
}

/** Full marks when the members average the League's 20 hours a year; a grid without members earns nothing. */
function hoursPart(g: Pick<ScoreInput, 'members' | 'hours'>): number {
  return g.members > 0 ? Math.min(1, g.hours / (g.members * HOURS_YEAR_TARGET)) : 0
}

/** The assessment score, 0–100: each part scaled to 0–1, times its weight; a missing rate scores 0. */
export function assessmentScore(g: ScoreInput, weights: ScoreWeights = SCORE_WEIGHTS): number {
  const fourOnes = Object.values(g.fourOnes).filter(Boolean).length / 4
  const activity =
    (Math.min(1, g.checkIns30d / ACTIVITY_TARGET.checkIns) + Math.min(1, g.summons30d / ACTIVITY_TARGET.summons)) / 2
  const total =
    fourOnes * weights.fourOnes +
    activity * weights.activity +
    (g.fillRate ?? 0) * weights.fillRate +
    (g.attendanceRate ?? 0) * weights.attendanceRate +
    (g.adoptionRate ?? 0) * weights.adoptionRate +
    hoursPart(g) * weights.hours
  return Math.round(total * 10) / 10
}

// ---------- kept figures, paged (issue 16) ----------

/** What `stats.grids` pages through: the grids' figures in one order, with the town filter and a filter. */
export interface GridsQuery {
  townId?: string
  filter: GridsFilter
  sort: GridsSort
  /** The sort keys (`gridKeys`) of the last row of the previous page, or null for the first page. */
  after: (string | number)[] | null
  limit: number
}

/** Grids on a `stats.grids` page. */
export const GRIDS_PAGE = 20

const missingOf = (g: Pick<GridStats, 'fourOnes'>) => Object.values(g.fourOnes).filter((ok) => !ok).length
export const isCompleteGrid = (g: Pick<GridStats, 'fourOnes'>): boolean => missingOf(g) === 0

/** The four-ones missing, negated (most missing first in ascending order). */
export const negMissing = (g: Pick<GridStats, 'fourOnes'>) => -missingOf(g)
/** Last activity in ms, negated (latest first; never active last). */
export const negActivity = (g: Pick<GridStats, 'lastActivityAt'>) =>
  -(g.lastActivityAt ? Date.parse(g.lastActivityAt) : 0)

/**
 * The keys a grid sorts by, all ascending (descending keys stored negated), ending with name and id: the
 * same orders as the admin page's (ties by name in code-point order rather than pinyin, then by id).
 */
export function gridKeys(g: GridStats, sort: GridsSort): (string | number)[] {
  if (sort === 'incompleteFirst') return [negMissing(g), g.score, g.name, g.gridId]
  if (sort === 'score') return [-g.score, g.name, g.gridId]
  return [negActivity(g), g.name, g.gridId]
}

/** The type of each key `gridKeys` makes, per order (a cursor of another shape is not one of ours). */
export const GRID_KEY_TYPES: Record<GridsSort, ('number' | 'string')[]> = {
  incompleteFirst: ['number', 'number', 'string', 'string'],
  score: ['number', 'string', 'string'],
  activity: ['number', 'string', 'string'],
}

export function compareKeys(a: (string | number)[], b: (string | number)[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) return -1
    if (a[i] > b[i]) return 1
  }
  return 0
}

export function matchesGrid(g: GridStats, q: Pick<GridsQuery, 'townId' | 'filter'>): boolean {
  if (q.townId && g.townId !== q.townId) return false
  if (q.filter === 'incomplete') return !isCompleteGrid(g)
  if (q.filter === 'quiet') return g.quiet
  return true
}

/**
 * One page of `grids` as the kept figures answer it (the reference both adapters' indexes must equal):
 * the matching grids after `after` in key order, `limit` of them, and whether more follow.
 */
export function pageOfGrids(grids: GridStats[], q: GridsQuery): { items: GridStats[]; more: boolean } {
  const rows = grids
    .filter((g) => matchesGrid(g, q))
    .map((g) => ({ g, k: gridKeys(g, q.sort) }))
    .filter((r) => !q.after || compareKeys(r.k, q.after) > 0)
    .sort((a, b) => compareKeys(a.k, b.k))
  return { items: rows.slice(0, q.limit).map((r) => r.g), more: rows.length > q.limit }
}

/** Every town with the sums of its grids; towns with grids first, best mean score first. */
export function townStatsOf(grids: GridStats[], towns: { id: string; name: string }[]): TownStats[] {
  const byTown = new Map<string, GridStats[]>()
  for (const g of grids) byTown.set(g.townId, [...(byTown.get(g.townId) ?? []), g])
  const rows = towns.map((town): TownStats => {
    const mine = byTown.get(town.id) ?? []
    const sum = (pick: (g: GridStats) => number) => mine.reduce((n, g) => n + pick(g), 0)
    return {
      townId: town.id,
      name: town.name,
      grids: mine.length,
      complete: mine.filter(isCompleteGrid).length,
      members: sum((g) => g.members),
      checkIns30d: sum((g) => g.checkIns30d),
      summons30d: sum((g) => g.summons30d),
      quiet: mine.filter((g) => g.quiet).length,
      score: mine.length ? Math.round((sum((g) => g.score) / mine.length) * 10) / 10 : null,
    }
  })
  return rows.sort((a, b) => (b.score ?? -1) - (a.score ?? -1))
}
