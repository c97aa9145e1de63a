import type { CheckIn, CheckInRecord, GridCheckInRow, Id, Verification } from '../../../types'
import { timeOrderedId } from '../../core/ids'
import type { CheckInOutcome, CheckInStore, NewCheckIn } from '../port'
import { decodeCursor, keysetPage } from '../cursor'
import type { Db } from './db'
import { DISTRICT_NAME } from '../../domain/towns'

interface CheckInRow {
  id: Id
  grid_id: Id | null
  summon_id: Id | null
  method: CheckIn['method']
  verified_json: string
  first_report: number
  at: string
  org_id: Id | null
}

function checkInOf(row: CheckInRow): CheckIn {
  const checkIn: CheckIn = {
    id: row.id,
    gridId: row.grid_id,
    method: row.method,
    verifiedBy: JSON.parse(row.verified_json) as Verification[],
    at: row.at,
  }
  if (row.summon_id) checkIn.summonId = row.summon_id
  if (row.org_id) checkIn.orgId = row.org_id
  return checkIn
}

const outcomeOf = (row: CheckInRow, duplicate: boolean): CheckInOutcome => ({
  checkIn: checkInOf(row),
  firstReport: row.first_report === 1,
  duplicate,
})

function gridRowOf(r: CheckInRow & { name: string | null; summon_title: string | null }): GridCheckInRow {
  const c = checkInOf(r)
  const item: GridCheckInRow = {
    id: c.id,
    at: c.at,
    name: r.name ?? '未填写姓名',
    method: c.method,
    verifiedBy: c.verifiedBy,
  }
  if (r.summon_title) item.summonTitle = r.summon_title
  return item
}

function recordOf(r: CheckInRow & { grid_name: string | null; summon_title: string | null }): CheckInRecord {
  const item: CheckInRecord = { ...checkInOf(r), gridName: r.grid_name ?? DISTRICT_NAME }
  if (r.summon_title) item.summonTitle = r.summon_title
  return item
}

const COLUMNS = 'id, grid_id, summon_id, method, verified_json, first_report, at, org_id'

export function sqliteCheckins(db: Db): CheckInStore {
  const byRequest = db.prepare<[string, string], CheckInRow>(
    `SELECT ${COLUMNS} FROM checkins WHERE openid = ? AND request_id = ?`,
  )
  // The member's own check-ins of the last minutes are a handful; those of a busy grid (a poster at an event)
  // are thousands, and the planner prefers checkins_grid without statistics: pin the member index.
  const recentPoster = db.prepare<[string, Id, string, string], CheckInRow>(`
    SELECT ${COLUMNS} FROM checkins INDEXED BY checkins_member
    WHERE openid = ? AND grid_id = ? AND method = 'poster' AND at > ? AND at <= ? ORDER BY at LIMIT 1`)
  const recentLive = db.prepare<[string, Id, string, string], CheckInRow>(`
    SELECT ${COLUMNS} FROM checkins INDEXED BY checkins_member
    WHERE openid = ? AND summon_id = ? AND method = 'live' AND at > ? AND at <= ? ORDER BY at LIMIT 1`)
  const insert = db.prepare(`
    INSERT INTO checkins (id, openid, request_id, grid_id, summon_id, method, verified_json, lat, lng, accuracy,
      distance_m, first_report, at, org_id)
    VALUES (@id, @openid, @requestId, @gridId, @summonId, @method, @verified, @lat, @lng, @accuracy, @distanceM,
      @firstReport, @at, @orgId)`)
  const join = db.prepare('INSERT OR IGNORE INTO grid_members (grid_id, openid, joined_at) VALUES (?, ?, ?)')
  const markAttended = db.prepare(`
    UPDATE signups SET attended_at = ? WHERE summon_id = ? AND openid = ? AND status = 'confirmed'
      AND attended_at IS NULL`)

  const record = db.transaction((input: NewCheckIn, now: Date, dedupeMinutes: number): CheckInOutcome => {
    const earlier = byRequest.get(input.openid, input.requestId)
    if (earlier) return outcomeOf(earlier, true)
    const since = new Date(now.getTime() - dedupeMinutes * 60_000).toISOString()
    const at = now.toISOString()
    const recent =
      input.method === 'live'
        ? recentLive.get(input.openid, input.summonId!, since, at)
        : recentPoster.get(input.openid, input.gridId!, since, at)
    if (recent) return outcomeOf(recent, true)
    const firstReport = input.method === 'poster' && join.run(input.gridId, input.openid, at).changes === 1
    if (input.method === 'live') markAttended.run(at, input.summonId, input.openid)
    // Time-ordered: the commit of a busy minute appends to the key index rather than touching a random page
    // per scan (issue 16: WAL pages per check-in).
    const id = timeOrderedId(now)
    insert.run({
      id,
      openid: input.openid,
      requestId: input.requestId,
      gridId: input.gridId,
      summonId: input.summonId,
      method: input.method,
      verified: JSON.stringify(input.verifiedBy),
      lat: input.location?.lat ?? null,
      lng: input.location?.lng ?? null,
      accuracy: input.location?.accuracy ?? null,
      distanceM: input.location?.distanceM ?? null,
      firstReport: firstReport ? 1 : 0,
      at,
      // The organisation at scan time: a later move does not rewrite it.
      orgId: input.orgId ?? null,
    })
    // The row as inserted (not read back): the same columns the other answers read.
    const row: CheckInRow = {
      id,
      grid_id: input.gridId,
      summon_id: input.summonId,
      method: input.method,
      verified_json: JSON.stringify(input.verifiedBy),
      first_report: firstReport ? 1 : 0,
      at,
      org_id: input.orgId ?? null,
    }
    return outcomeOf(row, false)
  })

  // Keyset: the page starts with a seek on checkins_member (openid, at) at the cursor's time, whatever the
  // depth (the first page seeks from the end of time), then ties on `at` are ordered by id.
  const mine = db.prepare<
    { openid: string; afterAt: string; afterId: string; limit: number },
    CheckInRow & { grid_name: string | null; summon_title: string | null }
  >(`
    SELECT c.id, c.grid_id, c.summon_id, c.method, c.verified_json, c.first_report, c.at, c.org_id,
      g.name AS grid_name, s.title AS summon_title
    FROM checkins c LEFT JOIN grids g ON g.id = c.grid_id LEFT JOIN summons s ON s.id = c.summon_id
    WHERE c.openid = @openid AND c.at <= @afterAt AND (c.at < @afterAt OR c.id < @afterId)
    ORDER BY c.at DESC, c.id DESC LIMIT @limit`)

  const byGrid = db.prepare<
    { gridId: string; afterAt: string | null; afterId: string | null; limit: number },
    CheckInRow & { name: string | null; summon_title: string | null }
  >(`
    SELECT c.id, c.grid_id, c.summon_id, c.method, c.verified_json, c.first_report, c.at, c.org_id,
      u.name AS name, s.title AS summon_title
    FROM checkins c INDEXED BY checkins_grid LEFT JOIN users u ON u.openid = c.openid
      LEFT JOIN summons s ON s.id = c.summon_id
    WHERE c.grid_id = @gridId AND (@afterAt IS NULL OR (c.at, c.id) < (@afterAt, @afterId))
    ORDER BY c.at DESC, c.id DESC LIMIT @limit`)

  return {
    async byGrid(gridId, cursor, limit) {
      const after = decodeCursor(cursor)
      const rows = byGrid.all({
        gridId,
        afterAt: after ? String(after[0]) : null,
        afterId: after ? String(after[1]) : null,
        limit: limit + 1,
      })
      return keysetPage(
        rows,
        limit,
        (last) => [last.at, last.id],
        (page) => page.map(gridRowOf),
      )
    },
    async byRequest(openid, requestId) {
      const row = byRequest.get(openid, requestId)
      return row ? outcomeOf(row, true) : null
    },
    async record(input, now, dedupeMinutes) {
      return record.immediate(input, now, dedupeMinutes)
    },
    async mine(openid, cursor, limit) {
      const after = decodeCursor(cursor)
      const rows = mine.all({
        openid,
        afterAt: after ? String(after[0]) : '9999',
        afterId: after ? String(after[1]) : '',
        limit: limit + 1,
      })
      return keysetPage(
        rows,
        limit,
        (last) => [last.at, last.id],
        (page) => page.map(recordOf),
      )
    },
  }
}
