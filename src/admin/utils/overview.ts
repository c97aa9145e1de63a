/** Pure helpers of 网格一张图: grid filters and sorts, counts from the summary, figures as text. */
import relativeTime from 'dayjs/plugin/relativeTime'
import type { GridsFilter, GridsSort, ScoreWeights, StatsTotals, TownStats, WeekCount } from '../../../types'
import { dayjs, inBeijing } from '../../utils/time'

dayjs.extend(relativeTime)

/** A rate without data (no summons with a capacity, none ended, no decided ideas): it earns no points. */
export const NO_DATA = '暂无数据'

/** A rate of 0–1 as a whole percentage; NO_DATA when there is nothing to measure. */
export function percentText(rate: number | null): string {
  return rate === null ? NO_DATA : `${Math.round(rate * 100)}%`
}

/** "3 天前" in Beijing time, or 暂无活动. */
export function activityText(iso: string | null, now: Date = new Date()): string {
  if (!iso) return '暂无活动'
  return inBeijing(iso).from(inBeijing(now))
}

/** A town with its grids summed (computed by the server when it takes the figures). */
export type { TownStats }

export type GridFilter = GridsFilter
export type GridSort = GridsSort

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

/**
 * How many grids the query lists, from the summary (`stats.overview {summary: true}`): the district's
 * totals, or the town's row.
 */
export function gridCount(
  summary: { totals: StatsTotals; towns?: TownStats[] },
  query: Pick<GridQuery, 'filter' | 'townId'>,
): number {
  const town = query.townId ? summary.towns?.find((t) => t.townId === query.townId) : undefined
  const figures = query.townId
    ? { grids: town?.grids ?? 0, complete: town?.complete ?? 0, quiet: town?.quiet ?? 0 }
    : { grids: summary.totals.grids, complete: summary.totals.fourOnesComplete, quiet: summary.totals.quiet }
  if (query.filter === 'incomplete') return figures.grids - figures.complete
  if (query.filter === 'quiet') return figures.quiet
  return figures.grids
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
