import type { GridInput, GridKind, GridMemberRow, GridSummary, Id, OnlineBase } from '../../../types'
import { decodeCursor, keysetPage } from '../cursor'
import { newId } from '../../core/ids'
import {
  fourOnesOf,
  nameTaken,
  type GridPlace,
  type GridRecord,
  type GridStore,
  type LeaderRecord,
  type RevokeOutcome,
} from '../port'
import { statementCache, type Db } from './db'

interface GridRow {
  id: Id
  name: string
  town_id: Id
  town_name: string
  kind: GridKind
  base_address: string
  base_lat: number | null
  base_lng: number | null
  base_radius_m: number | null
  online_json: string
  project_name: string | null
  project_summary: string | null
  require_location: number
  created_at: string
  archived_at?: string | null
  leader_count: number
  member_count: number
}

const SELECT_GRID = `
  SELECT g.*, t.name AS town_name,
    -- member_count is the grid's own column, kept by triggers with every membership write (migration 12)
    (SELECT count(*) FROM grid_leaders l WHERE l.grid_id = g.id) AS leader_count,
    g.member_count
  FROM grids g JOIN towns t ON t.id = g.town_id`

function summaryOf(row: GridRow): GridSummary {
  const online = JSON.parse(row.online_json) as OnlineBase[]
  return {
    id: row.id,
    name: row.name,
    townId: row.town_id,
    kind: row.kind,
    memberCount: row.member_count,
    fourOnes: fourOnesOf({
      leaderCount: row.leader_count,
      baseAddress: row.base_address,
      onlineCount: online.length,
      hasProject: row.project_name !== null,
    }),
  }
}

function recordOf(row: GridRow, leaders: LeaderRecord[]): GridRecord {
  const base: GridRecord['base'] = { address: row.base_address }
  if (row.base_lat !== null && row.base_lng !== null) {
    base.lat = row.base_lat
    base.lng = row.base_lng
  }
  if (row.base_radius_m !== null) base.radiusM = row.base_radius_m
  return {
    ...summaryOf(row),
    townName: row.town_name,
    base,
    online: JSON.parse(row.online_json) as OnlineBase[],
    project: row.project_name === null ? null : { name: row.project_name, summary: row.project_summary ?? '' },
    requireLocation: row.require_location === 1,
    leaders,
    createdAt: row.created_at,
    ...(row.archived_at ? { archivedAt: row.archived_at } : {}),
  }
}

/** Column values of a grid input, for insert and update alike. */
function columnsOf(input: Partial<GridInput>): Record<string, unknown> {
  const cols: Record<string, unknown> = {}
  if (input.name !== undefined) cols.name = input.name
  if (input.townId !== undefined) cols.town_id = input.townId
  if (input.kind !== undefined) cols.kind = input.kind
  if (input.base !== undefined) {
    cols.base_address = input.base.address
    cols.base_lat = input.base.lat ?? null
    cols.base_lng = input.base.lng ?? null
    cols.base_radius_m = input.base.radiusM ?? null
  }
  if (input.online !== undefined) cols.online_json = JSON.stringify(input.online)
  if (input.project !== undefined) {
    cols.project_name = input.project?.name ?? null
    cols.project_summary = input.project?.summary ?? null
  }
  if (input.requireLocation !== undefined) cols.require_location = input.requireLocation ? 1 : 0
  return cols
}

export function sqliteGrids(db: Db): GridStore {
  const prepared = statementCache(db)
  const towns = db.prepare(`
    SELECT t.id, t.name, (SELECT count(*) FROM grids g WHERE g.town_id = t.id) AS gridCount
    FROM towns t ORDER BY t.sort`)
  const townExists = db.prepare<[Id], { one: number }>('SELECT 1 AS one FROM towns WHERE id = ?')
  const getRow = db.prepare<[Id], GridRow>(`${SELECT_GRID} WHERE g.id = ?`)
  const getPlace = db.prepare<
    [Id],
    Pick<
      GridRow,
      | 'id'
      | 'name'
      | 'town_id'
      | 'base_address'
      | 'base_lat'
      | 'base_lng'
      | 'base_radius_m'
      | 'require_location'
      | 'archived_at'
    >
  >(
    'SELECT id, name, town_id, base_address, base_lat, base_lng, base_radius_m, require_location, archived_at FROM grids WHERE id = ?',
  )
  const sameName = db.prepare<[Id, string, Id], { id: Id }>(
    'SELECT id FROM grids INDEXED BY grids_town WHERE town_id = ? AND name = ? AND id <> ? LIMIT 1',
  )
  const leaderNames = db.prepare<[Id], LeaderRecord>(`
    SELECT l.openid, coalesce(u.name, '未填写姓名') AS name FROM grid_leaders l LEFT JOIN users u ON u.openid = l.openid
    WHERE l.grid_id = ? ORDER BY l.since`)
  const isLeader = db.prepare<[Id, string], { one: number }>(
    'SELECT 1 AS one FROM grid_leaders WHERE grid_id = ? AND openid = ?',
  )
  const isMember = db.prepare<[Id, string], { one: number }>(
    'SELECT 1 AS one FROM grid_members WHERE grid_id = ? AND openid = ?',
  )
  const addLeader = db.prepare('INSERT OR IGNORE INTO grid_leaders (grid_id, openid, since) VALUES (?, ?, ?)')
  const addMember = db.prepare('INSERT OR IGNORE INTO grid_members (grid_id, openid, joined_at) VALUES (?, ?, ?)')
  const insertInvite = db.prepare('INSERT INTO invites (code, grid_id, created_by, expires_at) VALUES (?, ?, ?, ?)')
  const getInvite = db.prepare<
    [string],
    { grid_id: Id; expires_at: string; used_by: string | null; revoked_at: string | null }
  >('SELECT grid_id, expires_at, used_by, revoked_at FROM invites WHERE code = ?')
  const readInvite = db.prepare<
    [string],
    { grid_id: Id; created_by: string; expires_at: string; used_by: string | null; revoked_at: string | null }
  >('SELECT grid_id, created_by, expires_at, used_by, revoked_at FROM invites WHERE code = ?')
  const dropLeader = db.prepare('DELETE FROM grid_leaders WHERE grid_id = ? AND openid = ?')
  const openInvites = db.prepare<
    [Id, string],
    { code: string; created_by: string; name: string | null; expires_at: string }
  >(`
    SELECT i.code, i.created_by, u.name, i.expires_at FROM invites i INDEXED BY invites_grid
      LEFT JOIN users u ON u.openid = i.created_by
    WHERE i.grid_id = ? AND i.used_by IS NULL AND i.revoked_at IS NULL AND i.expires_at > ?
    ORDER BY i.expires_at DESC, i.code`)
  const revoke = db.prepare(
    'UPDATE invites SET revoked_at = ? WHERE code = ? AND grid_id = ? AND used_by IS NULL AND revoked_at IS NULL',
  )
  const useInvite = db.prepare('UPDATE invites SET used_by = ?, used_at = ? WHERE code = ? AND used_by IS NULL')

  const record = (gridId: Id): GridRecord | null => {
    const row = getRow.get(gridId)
    return row ? recordOf(row, leaderNames.all(gridId)) : null
  }

  const acceptInvite = db.transaction((code: string, openid: string, now: Date) => {
    const invite = getInvite.get(code)
    if (!invite) return { ok: false, reason: 'missing' } as const
    // The caller's own retry (its first answer lost) is answered as the first was: ok, still a leader.
    if (invite.used_by === openid) {
      addLeader.run(invite.grid_id, openid, now.toISOString())
      return { ok: true, gridId: invite.grid_id } as const
    }
    if (invite.used_by !== null) return { ok: false, reason: 'used' } as const
    if (invite.revoked_at !== null) return { ok: false, reason: 'revoked' } as const
    if (invite.expires_at <= now.toISOString()) return { ok: false, reason: 'expired' } as const
    useInvite.run(openid, now.toISOString(), code)
    addLeader.run(invite.grid_id, openid, now.toISOString())
    return { ok: true, gridId: invite.grid_id } as const
  })

  const membersPage = db.prepare<
    { gridId: Id; afterAt: string | null; afterId: string | null; limit: number },
    { openid: string; name: string | null; joined_at: string }
  >(`
    SELECT m.openid, u.name, m.joined_at FROM grid_members m INDEXED BY grid_members_joined
      LEFT JOIN users u ON u.openid = m.openid
    WHERE m.grid_id = @gridId AND (@afterAt IS NULL OR (m.joined_at, m.openid) < (@afterAt, @afterId))
    ORDER BY m.joined_at DESC, m.openid DESC LIMIT @limit`)

  return {
    async towns() {
      return towns.all() as { id: Id; name: string; gridCount: number }[]
    },
    async townExists(townId) {
      return townExists.get(townId) !== undefined
    },
    async list({ townId, q }) {
      const where: string[] = []
      const params: unknown[] = []
      if (townId) {
        where.push('g.town_id = ?')
        params.push(townId)
      }
      if (q) {
        where.push("g.name LIKE ? ESCAPE '\\'")
        params.push(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      }
      where.push('g.archived_at IS NULL')
      const sql = `${SELECT_GRID} WHERE ${where.join(' AND ')} ORDER BY t.sort, g.name`
      return (prepared(sql).all(...params) as GridRow[]).map(summaryOf)
    },
    async get(gridId, viewer) {
      const grid = record(gridId)
      if (!grid || viewer === undefined) return grid
      return {
        ...grid,
        viewer: {
          isMember: isMember.get(gridId, viewer) !== undefined,
          isLeader: isLeader.get(gridId, viewer) !== undefined,
        },
      }
    },
    async create(input, now) {
      const id = newId()
      const cols = { id, ...columnsOf(input), created_at: now.toISOString(), updated_at: now.toISOString() }
      const names = Object.keys(cols)
      const insert = db.prepare(
        `INSERT INTO grids (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`,
      )
      db.transaction(() => {
        if (sameName.get(input.townId, input.name, id)) throw nameTaken()
        insert.run(cols)
      }).immediate()
      return record(id)!
    },
    async update(gridId, patch, now) {
      const cols = { ...columnsOf(patch), updated_at: now.toISOString() }
      const sets = Object.keys(cols).map((n) => `${n} = @${n}`)
      const change = db.prepare(`UPDATE grids SET ${sets.join(', ')} WHERE id = @id`)
      db.transaction(() => {
        if (patch.name !== undefined || patch.townId !== undefined) {
          const current = getRow.get(gridId)
          if (current && sameName.get(patch.townId ?? current.town_id, patch.name ?? current.name, gridId))
            throw nameTaken()
        }
        change.run({ ...cols, id: gridId })
      }).immediate()
      return record(gridId)!
    },
    async place(gridId) {
      // The grid's own columns only: a check-in needs no member or leader counts.
      const row = getPlace.get(gridId)
      if (!row) return null
      const base: GridPlace['base'] = { address: row.base_address }
      if (row.base_lat !== null && row.base_lng !== null) {
        base.lat = row.base_lat
        base.lng = row.base_lng
      }
      if (row.base_radius_m !== null) base.radiusM = row.base_radius_m
      const place = {
        id: row.id,
        name: row.name,
        townId: row.town_id,
        base,
        requireLocation: row.require_location === 1,
      }
      return row.archived_at ? { ...place, archivedAt: row.archived_at } : place
    },
    async archive(gridId, archived, now) {
      db.prepare('UPDATE grids SET archived_at = ?, updated_at = ? WHERE id = ?').run(
        archived ? now.toISOString() : null,
        now.toISOString(),
        gridId,
      )
      return this.get(gridId)
    },
    async isLeader(gridId, openid) {
      return isLeader.get(gridId, openid) !== undefined
    },
    async isMember(gridId, openid) {
      return isMember.get(gridId, openid) !== undefined
    },
    async addLeader(gridId, openid, now) {
      addLeader.run(gridId, openid, now.toISOString())
    },
    async addMember(gridId, openid, now) {
      return addMember.run(gridId, openid, now.toISOString()).changes === 1
    },
    async members(gridId, cursor, limit) {
      const after = decodeCursor(cursor)
      const rows = membersPage.all({
        gridId,
        afterAt: after ? String(after[0]) : null,
        afterId: after ? String(after[1]) : null,
        limit: limit + 1,
      })
      return keysetPage(
        rows,
        limit,
        (last) => [last.joined_at, last.openid],
        (page) => page.map((r): GridMemberRow => ({ name: r.name ?? '未填写姓名', joinedAt: r.joined_at })),
      )
    },
    async createInvite(gridId, code, createdBy, expiresAt) {
      insertInvite.run(code, gridId, createdBy, expiresAt.toISOString())
    },
    async getInvite(code) {
      const row = readInvite.get(code)
      return row
        ? {
            gridId: row.grid_id,
            createdBy: row.created_by,
            expiresAt: row.expires_at,
            usedBy: row.used_by,
            revokedAt: row.revoked_at,
          }
        : null
    },
    async acceptInvite(code, openid, now) {
      return acceptInvite(code, openid, now)
    },
    async removeLeader(gridId, openid, now) {
      db.transaction(() => {
        // Still one of the grid: a member from now on, whether or not they were one.
        addMember.run(gridId, openid, now.toISOString())
        dropLeader.run(gridId, openid)
      }).immediate()
    },
    async openInvites(gridId, now) {
      return openInvites.all(gridId, now.toISOString()).map((r) => ({
        code: r.code,
        createdBy: r.created_by,
        createdByName: r.name,
        expiresAt: r.expires_at,
      }))
    },
    async revokeInvite(gridId, code, now): Promise<RevokeOutcome> {
      if (revoke.run(now.toISOString(), code, gridId).changes === 1) return 'ok'
      const invite = readInvite.get(code)
      if (!invite || invite.grid_id !== gridId) return 'missing'
      return invite.revoked_at !== null ? 'ok' : 'used'
    },
  }
}
