import type { Statement } from 'better-sqlite3'
import type { CheckIn, GridStats, Id, SignUpStatus, Verification, WeekCount } from '../../../types'
import { isCompleteGrid, negActivity, negMissing, type GridsQuery } from '../../domain/stats'
import { DISTRICT_SCOPE } from '../../jobs/snapshots'
import { GRID_ROW_ORDERS } from './migrations'
import { weekStartOf } from '../../domain/time'
import {
  fourOnesOf,
  type CheckInExportRow,
  type FiguresGeneration,
  type GridActivity,
  type OverviewSnapshot,
  type SignUpExportRow,
  type StatsStore,
  type StatsSummary,
} from '../port'
import type { Db } from './db'
import { DISTRICT_NAME } from '../../domain/towns'
import { DAY_MS } from '../../../types/rules'

interface WeekRow {
  week: number
  town_id: Id
  n: number
}

interface CheckInExportSqlRow {
  at: string
  grid: string
  town: string | null
  summon: string | null
  method: CheckIn['method']
  verified_json: string
  member: string | null
  org: string | null
}

interface SignUpExportSqlRow {
  title: string
  grid: string
  start_at: string
  withdrawn_at: string | null
  member: string | null
  org: string | null
  status: SignUpStatus
  signed_up_at: string
  attended_at: string | null
}

interface ActivityRow {
  id: Id
  name: string
  town_id: Id
  base_address: string
  online_json: string
  project_name: string | null
  leaders: number | null
  members: number | null
  checkins_30d: number | null
  last_checkin: string | null
  summons_30d: number | null
  capacity_total: number | null
  confirmed_of_capacity: number | null
  last_summon: string | null
  ended_confirmed: number | null
  ended_attended: number | null
  ended_walkins: number | null
  ideas: number | null
  decided: number | null
  adopted: number | null
  last_idea: string | null
  last_plan: string | null
}

/**
 * One row per grid, every figure aggregated by SQLite from grouped sub-queries; nothing is loaded row by
 * row into the function. Check-ins, the largest table, are read per grid through checkins_grid (grid_id, at):
 * a range for the last 30 days and one index entry for the latest, never the whole history.
 */
const ACTIVITY_SQL = `
  SELECT g.id, g.name, g.town_id, g.base_address, g.online_json, g.project_name,
    (SELECT count(*) FROM grid_leaders l WHERE l.grid_id = g.id) AS leaders,
    g.member_count AS members,
    (SELECT count(*) FROM checkins c WHERE c.grid_id = g.id AND c.at >= @since) AS checkins_30d,
    (SELECT c.at FROM checkins c WHERE c.grid_id = g.id ORDER BY c.at DESC LIMIT 1) AS last_checkin,
    s.n AS summons_30d, s.capacity_total, s.confirmed_of_capacity, s.last AS last_summon,
    e.confirmed AS ended_confirmed, e.attended AS ended_attended, wk.n AS ended_walkins,
    i.n AS ideas, i.decided, i.adopted, i.last AS last_idea, p.last AS last_plan
  FROM grids g
  LEFT JOIN (
    SELECT grid_id, sum(created_at >= @since) AS n,
      sum(CASE WHEN created_at >= @since AND capacity IS NOT NULL THEN capacity ELSE 0 END) AS capacity_total,
      sum(CASE WHEN created_at >= @since AND capacity IS NOT NULL THEN confirmed ELSE 0 END) AS confirmed_of_capacity,
      max(created_at) AS last
    FROM summons WHERE grid_id IS NOT NULL AND withdrawn_at IS NULL GROUP BY grid_id
  ) s ON s.grid_id = g.id
  LEFT JOIN (
    SELECT sm.grid_id, count(*) AS confirmed, sum(x.attended_at IS NOT NULL) AS attended
    FROM signups x JOIN summons sm ON sm.id = x.summon_id
    WHERE sm.grid_id IS NOT NULL AND sm.withdrawn_at IS NULL AND sm.end_at <= @now AND x.status = 'confirmed'
    GROUP BY sm.grid_id
  ) e ON e.grid_id = g.id
  LEFT JOIN (
    SELECT sm.grid_id, sum((SELECT count(DISTINCT w.openid) FROM checkins w INDEXED BY checkins_summon
      WHERE w.summon_id = sm.id AND w.method = 'live' AND NOT EXISTS (SELECT 1 FROM signups c
        WHERE c.summon_id = sm.id AND c.openid = w.openid AND c.status = 'confirmed'))) AS n
    FROM summons sm WHERE sm.grid_id IS NOT NULL AND sm.withdrawn_at IS NULL AND sm.end_at <= @now
    GROUP BY sm.grid_id
  ) wk ON wk.grid_id = g.id
  LEFT JOIN (
    SELECT pl.grid_id, count(*) AS n, sum(i.decision IS NOT NULL) AS decided,
      sum(i.decision IN ('adopted', 'partial')) AS adopted, max(i.created_at) AS last
    FROM ideas i JOIN plans pl ON pl.id = i.plan_id WHERE i.status = 'visible' GROUP BY pl.grid_id
  ) i ON i.grid_id = g.id
  LEFT JOIN (SELECT grid_id, max(created_at) AS last FROM plans GROUP BY grid_id) p ON p.grid_id = g.id
  WHERE @townId IS NULL OR g.town_id = @townId
  ORDER BY g.town_id, g.name`

const latest = (...times: (string | null)[]) =>
  times.reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null)

function activityOf(r: ActivityRow): GridActivity {
  return {
    gridId: r.id,
    name: r.name,
    townId: r.town_id,
    fourOnes: fourOnesOf({
      leaderCount: r.leaders ?? 0,
      baseAddress: r.base_address,
      onlineCount: (JSON.parse(r.online_json) as unknown[]).length,
      hasProject: r.project_name !== null,
    }),
    members: r.members ?? 0,
    checkIns30d: r.checkins_30d ?? 0,
    summons30d: r.summons_30d ?? 0,
    capacityTotal: r.capacity_total ?? 0,
    confirmedOfCapacity: r.confirmed_of_capacity ?? 0,
    endedConfirmed: r.ended_confirmed ?? 0,
    endedAttended: r.ended_attended ?? 0,
    endedWalkins: r.ended_walkins ?? 0,
    ideas: r.ideas ?? 0,
    decided: r.decided ?? 0,
    adopted: r.adopted ?? 0,
    lastActivityAt: latest(r.last_checkin, r.last_summon, r.last_idea, r.last_plan),
  }
}

/**
 * How long a snapshot is answered when nothing it counts has changed: the 30-day windows and the ended
 * summons move with the clock, by at most this much before the figures are computed again.
 */
export const SNAPSHOT_MAX_AGE_MS = 60_000

type SnapshotBody = Omit<OverviewSnapshot, 'scope' | 'takenAt' | 'mark'>

/** A grid's row in stats_grid_rows: the figures and the keys of each order and filter. */
const rowOf = (g: GridStats) => ({
  gridId: g.gridId,
  townId: g.townId,
  name: g.name,
  incomplete: isCompleteGrid(g) ? 0 : 1,
  quiet: g.quiet ? 1 : 0,
  negMissing: negMissing(g),
  score: g.score,
  negScore: -g.score,
  negActivity: negActivity(g),
  body: JSON.stringify(g),
})

export function sqliteStats(db: Db): StatsStore {
  // Snapshots (migration 15): valid while stats_version, bumped by every write the figures read, still
  // holds the version the snapshot was computed at.
  const version = db.prepare<[], { v: number }>('SELECT v FROM stats_version WHERE id = 1')
  const readSnapshot = db.prepare<[string], { taken_at: string; body: string }>(`
    SELECT s.taken_at, s.body FROM stats_snapshots s JOIN stats_version v ON v.id = 1 AND v.v = s.version
    WHERE s.scope = ?`)
  const saveSnapshot = db.prepare<[string, number, string, string]>(
    'INSERT OR REPLACE INTO stats_snapshots (scope, version, taken_at, body) VALUES (?, ?, ?, ?)',
  )
  const activity = db.prepare<{ now: string; since: string; townId: Id | null }, ActivityRow>(ACTIVITY_SQL)
  const distinctMembers = db.prepare<{ townId: Id }, { n: number }>(`
    SELECT count(DISTINCT m.openid) AS n FROM grid_members m JOIN grids g ON g.id = m.grid_id
    WHERE g.town_id = @townId`)
  // The whole district: every membership row belongs to a grid (foreign key), so no join is needed.
  const distinctMembersAll = db.prepare<[], { n: number }>('SELECT count(DISTINCT openid) AS n FROM grid_members')
  // Weeks start on Monday 00:00 Beijing time, bound as @b0…@bN (@bN the end of the last week). Each week
  // of each grid is one range count over checkins_grid (grid_id, at): the index counts, no date arithmetic
  // on every row. One statement per number of weeks, prepared once.
  const weeklyByWeeks = new Map<number, Statement<Record<string, string | null>, WeekRow>>()
  const weekly = (weeks: number) => {
    let statement = weeklyByWeeks.get(weeks)
    if (!statement) {
      const values = Array.from({ length: weeks }, (_, i) => `(${i}, @b${i}, @b${i + 1})`).join(', ')
      statement = db.prepare(`
        WITH w(week, start, end) AS (VALUES ${values})
        SELECT w.week, g.town_id,
          sum((SELECT count(*) FROM checkins c WHERE c.grid_id = g.id AND c.at >= w.start AND c.at < w.end)) AS n
        FROM w CROSS JOIN grids g
        WHERE @townId IS NULL OR g.town_id = @townId
        GROUP BY w.week, g.town_id
        HAVING n > 0`)
      weeklyByWeeks.set(weeks, statement)
    }
    return statement
  }
  // Exports walk the newest first in index order (checkins_at; summons_start, then each summon's sign-ups)
  // and stop at the limit: 20,000 rows cost 20,000 rows whatever the history, no sort of the whole table.
  const checkinRows = db.prepare<[number], CheckInExportSqlRow>(`
    SELECT c.at, coalesce(g.name, '${DISTRICT_NAME}') AS grid, t.name AS town, s.title AS summon, c.method,
      c.verified_json, u.name AS member, u.org
    FROM checkins c LEFT JOIN grids g ON g.id = c.grid_id LEFT JOIN towns t ON t.id = g.town_id
    LEFT JOIN summons s ON s.id = c.summon_id LEFT JOIN users u ON u.openid = c.openid
    ORDER BY c.at DESC LIMIT ?`)
  const signupRows = db.prepare<[number], SignUpExportSqlRow>(`
    SELECT s.title, coalesce(g.name, '${DISTRICT_NAME}') AS grid, s.start_at, s.withdrawn_at, u.name AS member,
      u.org, x.status, x.signed_up_at, x.attended_at
    FROM summons s INDEXED BY summons_start JOIN signups x ON x.summon_id = s.id
    LEFT JOIN grids g ON g.id = s.grid_id LEFT JOIN users u ON u.openid = x.openid
    ORDER BY s.start_at DESC, x.signed_up_at LIMIT ?`)
  const quietCandidates = db.prepare<{ since: string; now: string }, { id: Id; name: string }>(`
    SELECT g.id, g.name FROM grids g
    WHERE g.created_at < @since
      AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.grid_id = g.id AND c.at >= @since)
      AND NOT EXISTS (SELECT 1 FROM summons s WHERE s.grid_id = g.id AND s.created_at >= @since)
      AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.grid_id = g.id AND p.created_at >= @since)
      AND NOT EXISTS (SELECT 1 FROM grid_notices n WHERE n.grid_id = g.id AND n.quiet_notified_at >= @since)`)
  const markNotified = db.prepare(`
    INSERT INTO grid_notices (grid_id, quiet_notified_at) VALUES (?, ?)
    ON CONFLICT(grid_id) DO UPDATE SET quiet_notified_at = excluded.quiet_notified_at`)
  // Kept figures (issue 16): rows of the district's generation, valid with its summary.
  const readSummary = db.prepare<[string], { taken_at: string; body: string }>(`
    SELECT s.taken_at, s.body FROM stats_summaries s JOIN stats_version v ON v.id = 1 AND v.v = s.version
    WHERE s.scope = ?`)
  const clearRows = db.prepare('DELETE FROM stats_grid_rows')
  const clearSummaries = db.prepare('DELETE FROM stats_summaries')
  const insertRow = db.prepare(`
    INSERT INTO stats_grid_rows (grid_id, town_id, name, incomplete, quiet, neg_missing, score, neg_score,
      neg_activity, body)
    VALUES (@gridId, @townId, @name, @incomplete, @quiet, @negMissing, @score, @negScore, @negActivity, @body)`)
  const insertSummary = db.prepare<[string, number, string, string]>(
    'INSERT INTO stats_summaries (scope, version, taken_at, body) VALUES (?, ?, ?, ?)',
  )
  // One statement per order, town filter, filter and first/next page, prepared when first asked for.
  const pageStatements = new Map<string, Statement<unknown[], { body: string }>>()
  const pageStatement = (q: GridsQuery) => {
    const key = `${q.sort}|${q.townId ? 't' : ''}|${q.filter}|${q.after ? 'a' : ''}`
    let statement = pageStatements.get(key)
    if (!statement) {
      const keys = GRID_ROW_ORDERS[q.sort]
      const where = [
        ...(q.townId ? ['town_id = ?'] : []),
        ...(q.filter === 'all' ? [] : [`${q.filter} = 1`]),
        ...(q.after
          ? [
              `(${keys}) > (${keys
                .split(',')
                .map(() => '?')
                .join(', ')})`,
            ]
          : []),
      ]
      statement = db.prepare(
        `SELECT body FROM stats_grid_rows ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${keys} LIMIT ?`,
      )
      pageStatements.set(key, statement)
    }
    return statement
  }
  const validSummary = (scope: string, now: Date | undefined) => {
    const row = readSummary.get(scope)
    if (!row) return null
    const age = now ? now.getTime() - Date.parse(row.taken_at) : 0
    return age < 0 || age >= SNAPSHOT_MAX_AGE_MS ? null : row
  }
  const saveFigures = db.transaction((generation: FiguresGeneration) => {
    const { mark, grids, summaries } = generation
    // Without the version it was computed at, a generation cannot tell it is stale: not kept.
    if (mark === undefined) return
    clearRows.run()
    clearSummaries.run()
    for (const g of grids) insertRow.run(rowOf(g))
    for (const { scope, takenAt, ...body } of summaries) insertSummary.run(scope, mark, takenAt, JSON.stringify(body))
  })

  const leadersOf = db.prepare<[Id], { openid: string }>('SELECT openid FROM grid_leaders WHERE grid_id = ?')

  const claimQuiet = db.transaction((since: Date, now: Date) =>
    quietCandidates.all({ since: since.toISOString(), now: now.toISOString() }).map((g) => {
      markNotified.run(g.id, now.toISOString())
      return { gridId: g.id, name: g.name, leaders: leadersOf.all(g.id).map((l) => l.openid) }
    }),
  )

  return {
    async mark() {
      return version.get()!.v
    },
    async readSnapshot(scope, now) {
      const row = readSnapshot.get(scope)
      if (!row) return null
      const age = now ? now.getTime() - Date.parse(row.taken_at) : 0
      if (age < 0 || age >= SNAPSHOT_MAX_AGE_MS) return null
      return { scope, takenAt: row.taken_at, ...(JSON.parse(row.body) as SnapshotBody) }
    },
    async saveSnapshots(snapshots) {
      const save = db.transaction(() => {
        for (const { scope, takenAt, mark, ...body } of snapshots)
          // Without the version it was computed at, a snapshot cannot tell it is stale: not kept.
          if (mark !== undefined) saveSnapshot.run(scope, mark, takenAt, JSON.stringify(body))
      })
      save()
    },
    async readSummary(scope, now) {
      const row = validSummary(scope, now)
      return row
        ? { scope, takenAt: row.taken_at, ...(JSON.parse(row.body) as Omit<StatsSummary, 'scope' | 'takenAt'>) }
        : null
    },
    async gridsPage(q, now) {
      // The rows are the district generation's: valid while its summary is (one synchronous read, no mix).
      const summary = validSummary(DISTRICT_SCOPE, now)
      if (!summary) return null
      const args: unknown[] = [...(q.townId ? [q.townId] : []), ...(q.after ?? []), q.limit + 1]
      const rows = pageStatement(q).all(...args)
      return {
        takenAt: summary.taken_at,
        items: rows.slice(0, q.limit).map((r) => JSON.parse(r.body) as GridStats),
        more: rows.length > q.limit,
      }
    },
    async saveFigures(generation) {
      saveFigures(generation)
    },
    async gridActivity(now, townId) {
      const since = new Date(now.getTime() - 30 * DAY_MS).toISOString()
      return activity.all({ now: now.toISOString(), since, townId: townId ?? null }).map(activityOf)
    },
    async distinctMembers(townId) {
      return (townId ? distinctMembers.get({ townId }) : distinctMembersAll.get())!.n
    },
    async weeklyCheckIns(now, weeks, townId) {
      const starts = Array.from({ length: weeks }, (_, i) =>
        weekStartOf(new Date(now.getTime() - (weeks - 1 - i) * 7 * DAY_MS)),
      )
      const bounds: Record<string, string | null> = { townId: townId ?? null }
      starts.forEach((w, i) => (bounds[`b${i}`] = new Date(`${w}T00:00:00+08:00`).toISOString()))
      bounds[`b${weeks}`] = new Date(Date.parse(bounds[`b${weeks - 1}`]!) + 7 * DAY_MS).toISOString()
      const result: WeekCount[] = starts.map((w) => ({ weekStart: w, total: 0, byTown: {} }))
      for (const row of weekly(weeks).all(bounds)) {
        result[row.week].total += row.n
        result[row.week].byTown[row.town_id] = row.n
      }
      return result
    },
    async checkinRows(limit) {
      return checkinRows.all(limit).map((r): CheckInExportRow => ({
        at: r.at,
        gridName: r.grid,
        townName: r.town,
        summonTitle: r.summon,
        method: r.method,
        verifiedBy: JSON.parse(r.verified_json) as Verification[],
        memberName: r.member,
        org: r.org,
      }))
    },
    async signupRows(limit) {
      return signupRows.all(limit).map((r): SignUpExportRow => ({
        summonTitle: r.title,
        gridName: r.grid,
        summonStartAt: r.start_at,
        memberName: r.member,
        org: r.org,
        status: r.status,
        summonWithdrawn: r.withdrawn_at !== null,
        signedUpAt: r.signed_up_at,
        attendedAt: r.attended_at,
      }))
    },
    async claimQuietGrids(since, now) {
      return claimQuiet.immediate(since, now)
    },
  }
}
