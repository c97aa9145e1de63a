/** Pure helpers of 网格一张图: town aggregates, grid filters and sorts, figures as text. */
import relativeTime from 'dayjs/plugin/relativeTime'
import type { FourOnes, GridStats, ScoreWeights, Town, WeekCount } from '../../../types'
import { dayjs, inBeijing } from '../../utils/time'

dayjs.extend(relativeTime)

export const isComplete = (fourOnes: FourOnes): boolean => Object.values(fourOnes).every(Boolean)

/** A rate of 0–1 as a whole percentage; `—` when there is nothing to measure. */
/** A rate without data (no summons with a capacity, none ended, no decided ideas): it earns no points. */
export const NO_DATA = '暂无数据'

export function percentText(rate: number | null): string {
  return rate === null ? NO_DATA : `${Math.round(rate * 100)}%`
}

/** "3 天前" in Beijing time, or 暂无活动. */
export function activityText(iso: string | null, now: Date = new Date()): string {
  if (!iso) return '暂无活动'
  return inBeijing(iso).from(inBeijing(now))
}

export interface TownStats {
  townId: string
  name: string
  grids: number
  complete: number
  members: number
  checkIns30d: number
  summons30d: number
  quiet: number
  /** The mean score of its grids; null for a town without grids. */
  score: number | null
}

/** Every town with the sums of its grids; towns with grids first, best mean score first. */
export function townStatsOf(grids: GridStats[], towns: Town[]): TownStats[] {
  const rows = towns.map((town): TownStats => {
    const mine = grids.filter((g) => g.townId === town.id)
    const sum = (pick: (g: GridStats) => number) => mine.reduce((n, g) => n + pick(g), 0)
    return {
      townId: town.id,
      name: town.name,
      grids: mine.length,
      complete: mine.filter((g) => isComplete(g.fourOnes)).length,
      members: sum((g) => g.members),
      checkIns30d: sum((g) => g.checkIns30d),
      summons30d: sum((g) => g.summons30d),
      quiet: mine.filter((g) => g.quiet).length,
      score: mine.length ? Math.round((sum((g) => g.score) / mine.length) * 10) / 10 : null,
    }
  })
  return rows.sort((a, b) => (b.score ?? -1) - (a.score ?? -1))
}

export type GridFilter = 'all' | 'incomplete' | 'quiet'
export type GridSort = 'incompleteFirst' | 'score' | 'activity'

export const FILTER_CHOICES: { value: GridFilter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'incomplete', label: '四个一不完整' },
  { value: 'quiet', label: '30天无活动' },
]

export const SORT_CHOICES: { value: GridSort; label: string }[] = [
  { value: 'incompleteFirst', label: '不完整优先' },
  { value: 'score', label: '按得分' },
  { value: 'activity', label: '按最近活动' },
]

export interface GridQuery {
  filter: GridFilter
  /** '' for every town. */
  townId: string
  sort: GridSort
}

const missingCount = (g: GridStats) => Object.values(g.fourOnes).filter((ok) => !ok).length
const activityTime = (g: GridStats) => (g.lastActivityAt ? Date.parse(g.lastActivityAt) : 0)

const COMPARE: Record<GridSort, (a: GridStats, b: GridStats) => number> = {
  incompleteFirst: (a, b) => missingCount(b) - missingCount(a) || a.score - b.score,
  score: (a, b) => b.score - a.score,
  activity: (a, b) => activityTime(b) - activityTime(a),
}

/** The grids the admin asked for, in the order asked for (ties by name). */
export function selectGrids(grids: GridStats[], query: GridQuery): GridStats[] {
  return grids
    .filter((g) => !query.townId || g.townId === query.townId)
    .filter((g) => query.filter !== 'incomplete' || !isComplete(g.fourOnes))
    .filter((g) => query.filter !== 'quiet' || g.quiet)
    .sort((a, b) => COMPARE[query.sort](a, b) || a.name.localeCompare(b.name, 'zh-CN'))
}

/** The assessment ranking: best score first. */
export function ranking(grids: GridStats[]): GridStats[] {
  return selectGrids(grids, { filter: 'all', townId: '', sort: 'score' })
}

/** A weight the server may add (志愿时长, issue 15): written out as soon as the server sends it. */
type WeightKey = keyof ScoreWeights

const WEIGHT_LABELS: Record<WeightKey, string> = {
  fourOnes: '四个一',
  activity: '活跃度',
  fillRate: '报名率',
  attendanceRate: '出勤率',
  adoptionRate: '采纳率',
  hours: '志愿时长',
}

/** "四个一 30 · 活跃度 30 · …", from the weights the server uses. */
export function weightsText(weights: ScoreWeights): string {
  return (
    (Object.keys(WEIGHT_LABELS) as WeightKey[])
      .filter((key) => key in weights)
      // A no-break space keeps each label with its number when the line wraps.
      .map((key) => `${WEIGHT_LABELS[key]}\u00a0${(weights as Partial<Record<WeightKey, number>>)[key]}`)
      .join(' · ')
  )
}

export interface Bar {
  key: string
  label: string
  value: number
}

/** Check-ins per week for the district ('') or one town, labelled by the Monday (M/D). */
export function weekBars(weeks: WeekCount[], townId: string): Bar[] {
  return weeks.map((w) => ({
    key: w.weekStart,
    label: dayjs(w.weekStart).format('M/D'),
    value: townId ? (w.byTown[townId] ?? 0) : w.total,
  }))
}

/**
 * Confirmed volunteer hours (issue 15) of a grid or of the district, when the server sends them (the
 * figure is left out until then rather than shown as 0).
 */
export function hoursOf(figures: object): number | undefined {
  const hours = (figures as { hours?: unknown }).hours
  return typeof hours === 'number' ? hours : undefined
}
