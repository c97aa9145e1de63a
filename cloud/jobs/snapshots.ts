import type { Id, WeekCount } from '../../types'
import { beijingYear, sumHours, yearRange } from '../domain/hours'
import type { OverviewSnapshot, Store } from '../store/port'

/** Check-ins per week shown by the overview. */
export const OVERVIEW_WEEKS = 12
/** The snapshot scope of the whole district (towns use their id). */
export const DISTRICT_SCOPE = 'district'

/** The overview figures of the district or one town, computed now (live: costs what the store's figures cost). */
export async function computeOverview(store: Store, now: Date, townId?: Id): Promise<OverviewSnapshot> {
  // Read before the figures: a write that lands while they are computed voids the snapshot (SQLite).
  const mark = await store.stats.mark?.()
  const [activity, members, weeks, credited] = await Promise.all([
    store.stats.gridActivity(now, townId),
    store.stats.distinctMembers(townId),
    store.stats.weeklyCheckIns(now, OVERVIEW_WEEKS, townId),
    store.hours.credited(yearRange(beijingYear(now)), {}),
  ])
  // 志愿时长 (issue 15): this year's confirmed hours per grid, kept with the snapshot.
  const gridHours: Record<Id, number> = {}
  for (const c of credited) if (c.gridId) gridHours[c.gridId] = sumHours([gridHours[c.gridId] ?? 0, c.hours])
  const snapshot = { scope: townId ?? DISTRICT_SCOPE, takenAt: now.toISOString(), activity, members, weeks, gridHours }
  return mark === undefined ? snapshot : { ...snapshot, mark }
}

/**
 * The figures `stats.overview` answers: the stored snapshot when there is one and `fresh` is not asked
 * for; else computed now and stored for the next call. (SQLite answers a snapshot only while nothing it
 * counts has changed, for at most a minute: see `StatsStore.readSnapshot`.)
 */
export async function overviewOf(store: Store, now: Date, townId: Id | undefined, fresh: boolean) {
  const scope = townId ?? DISTRICT_SCOPE
  const stored = fresh ? null : await store.stats.readSnapshot(scope, now)
  if (stored) return stored
  const snapshot = await computeOverview(store, now, townId)
  await store.stats.saveSnapshots([snapshot])
  return snapshot
}

const weeksOfTown = (weeks: WeekCount[], townId: Id): WeekCount[] =>
  weeks.map((w) => {
    const n = w.byTown[townId] ?? 0
    return { weekStart: w.weekStart, total: n, byTown: n ? { [townId]: n } : {} }
  })

/**
 * The scheduled job: computes the district's figures once, splits them per town (each grid counted in the
 * town it is in now; distinct members are counted per town, a member of two towns counts in each), and
 * stores one snapshot per town plus one for the district, all with the same `takenAt`. Answers how many.
 */
export async function takeStatsSnapshots(store: Store, now: Date): Promise<number> {
  const [district, towns] = await Promise.all([computeOverview(store, now), store.grids.towns()])
  const perTown = await Promise.all(
    towns.map(async (t): Promise<OverviewSnapshot> => ({
      scope: t.id,
      takenAt: district.takenAt,
      activity: district.activity.filter((a) => a.townId === t.id),
      members: t.gridCount ? await store.stats.distinctMembers(t.id) : 0,
      weeks: weeksOfTown(district.weeks, t.id),
      gridHours: district.gridHours,
      ...(district.mark === undefined ? {} : { mark: district.mark }),
    })),
  )
  const snapshots = [district, ...perTown]
  await store.stats.saveSnapshots(snapshots)
  return snapshots.length
}
