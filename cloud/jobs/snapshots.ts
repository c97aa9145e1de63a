import type { GridStats, Id, StatsTotals, WeekCount } from '../../types'
import { beijingYear, sumHours, yearRange } from '../domain/hours'
import { assessmentScore, isCompleteGrid, isQuiet, rate, townStatsOf } from '../domain/stats'
import type { FiguresGeneration, GridActivity, OverviewSnapshot, StatsSummary, Store } from '../store/port'

/** Check-ins per week shown by the overview. */
export const OVERVIEW_WEEKS = 12
/** The snapshot scope of the whole district (towns use their id). */
export const DISTRICT_SCOPE = 'district'

/** A grid's figures and score; `hours`: this year's confirmed volunteer hours credited at its summons. */
export function gridStatsOf(a: GridActivity, now: Date, hours: number): GridStats {
  const fillRate = rate(a.confirmedOfCapacity, a.capacityTotal)
  const attendanceRate = rate(a.endedAttended, a.endedConfirmed)
  const adoptionRate = rate(a.adopted, a.decided)
  return {
    gridId: a.gridId,
    name: a.name,
    townId: a.townId,
    fourOnes: a.fourOnes,
    members: a.members,
    checkIns30d: a.checkIns30d,
    summons30d: a.summons30d,
    fillRate,
    attendanceRate,
    noShowRate: attendanceRate === null ? null : Math.round((1 - attendanceRate) * 1000) / 1000,
    ideas: a.ideas,
    adoptionRate,
    lastActivityAt: a.lastActivityAt,
    quiet: isQuiet(a.lastActivityAt, now),
    score: assessmentScore({ ...a, fillRate, attendanceRate, adoptionRate, hours }),
    hours,
    // 现场签到: counted apart, in neither rate nor the score (报名率 and 出勤率 are about sign-ups).
    walkins: a.endedWalkins ?? 0,
  }
}

/** The totals of some grids; `members` counted distinct by the store; `hours` added up. */
export function totalsOf(grids: GridStats[], members: number): StatsTotals {
  const sum = (pick: (g: GridStats) => number) => grids.reduce((n, g) => n + pick(g), 0)
  return {
    grids: grids.length,
    members,
    checkIns30d: sum((g) => g.checkIns30d),
    summons30d: sum((g) => g.summons30d),
    ideas: sum((g) => g.ideas),
    fourOnesComplete: grids.filter(isCompleteGrid).length,
    quiet: grids.filter((g) => g.quiet).length,
    walkins: sum((g) => g.walkins ?? 0),
    hours: sumHours(grids.map((g) => g.hours ?? 0)),
  }
}

/** Each grid's figures of a snapshot with 志愿时长 (issue 15), quiet as of `now`. */
export function gridsOf(snapshot: OverviewSnapshot, now: Date): GridStats[] {
  return snapshot.activity.map((a) => gridStatsOf(a, now, snapshot.gridHours?.[a.gridId] ?? 0))
}

/** The overview figures of the district or one town, computed now (live: costs what the store's figures cost). */
export async function computeOverview(
  store: Store,
  now: Date,
  townId?: Id,
  knownTowns?: { id: Id; name: string }[],
): Promise<OverviewSnapshot> {
  // Read before the figures: a write that lands while they are computed voids the snapshot (SQLite).
  const mark = await store.stats.mark?.()
  const [activity, members, weeks, credited, towns] = await Promise.all([
    store.stats.gridActivity(now, townId),
    store.stats.distinctMembers(townId),
    store.stats.weeklyCheckIns(now, OVERVIEW_WEEKS, townId),
    store.hours.credited(yearRange(beijingYear(now)), {}),
    knownTowns ?? store.grids.towns(),
  ])
  // 志愿时长 (issue 15): this year's confirmed hours per grid, kept with the snapshot.
  const gridHours: Record<Id, number> = {}
  for (const c of credited) if (c.gridId) gridHours[c.gridId] = sumHours([gridHours[c.gridId] ?? 0, c.hours])
  const townNames = towns.filter((t) => !townId || t.id === townId).map((t) => ({ id: t.id, name: t.name }))
  const scope = townId ?? DISTRICT_SCOPE
  const snapshot = { scope, takenAt: now.toISOString(), activity, members, weeks, gridHours, townNames }
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
  const towns = await store.grids.towns()
  const district = await computeOverview(store, now, undefined, towns)
  const perTown = await townSnapshots(store, district, towns)
  const snapshots = [district, ...perTown]
  await Promise.all([store.stats.saveSnapshots(snapshots), store.stats.saveFigures(generationOf(district, perTown))])
  return snapshots.length
}

/** One snapshot per town, split from the district's (members counted distinct per town by the store). */
function townSnapshots(store: Store, district: OverviewSnapshot, towns: { id: Id; name: string; gridCount: number }[]) {
  return Promise.all(
    towns.map(async (t): Promise<OverviewSnapshot> => ({
      scope: t.id,
      takenAt: district.takenAt,
      activity: district.activity.filter((a) => a.townId === t.id),
      members: t.gridCount ? await store.stats.distinctMembers(t.id) : 0,
      weeks: weeksOfTown(district.weeks, t.id),
      gridHours: district.gridHours,
      townNames: [{ id: t.id, name: t.name }],
      ...(district.mark === undefined ? {} : { mark: district.mark }),
    })),
  )
}

/**
 * Issue 16: the kept figures of a district snapshot and its towns': each grid's figures (quiet as of
 * `takenAt`), and per scope the totals, weeks and towns, computed once here rather than by every reader.
 */
export function generationOf(district: OverviewSnapshot, perTown: OverviewSnapshot[]): FiguresGeneration {
  const at = new Date(district.takenAt)
  const grids = gridsOf(district, at)
  const summaryOf = (s: OverviewSnapshot, mine: GridStats[]): StatsSummary => ({
    scope: s.scope,
    takenAt: s.takenAt,
    totals: totalsOf(mine, s.members),
    weeks: s.weeks,
    towns: townStatsOf(mine, s.townNames ?? []),
  })
  return {
    takenAt: district.takenAt,
    ...(district.mark === undefined ? {} : { mark: district.mark }),
    grids,
    summaries: [
      summaryOf(district, grids),
      ...perTown.map((t) =>
        summaryOf(
          t,
          grids.filter((g) => g.townId === t.scope),
        ),
      ),
    ],
  }
}

/**
 * Issue 16: computes a generation of kept figures now (the district and every town), and keeps it when
 * `keep` (SQLite, where it stays valid until a write it counts; the cloud keeps only the job's).
 */
export async function refreshFigures(store: Store, now: Date, keep: boolean): Promise<FiguresGeneration> {
  const towns = await store.grids.towns()
  const district = await computeOverview(store, now, undefined, towns)
  const generation = generationOf(district, await townSnapshots(store, district, towns))
  if (keep) await store.stats.saveFigures(generation)
  return generation
}
