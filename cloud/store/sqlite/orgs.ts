import type { GridRef, Id, OrgKind, OrgMemberRow, OrgSummary, Verification } from '../../../types'
import { newId } from '../../core/ids'
import { tally } from '../../domain/orgs'
import { decodeCursor, keysetPage } from '../cursor'
import type { CreditedCheckInRow, OrgJoinOutcome, OrgRecord, OrgStore } from '../port'
import type { Db } from './db'

interface OrgRow {
  id: Id
  name: string
  kind: OrgKind
  town_id: Id | null
  parent_id: Id | null
  member_count: number
}

const SELECT_ORG = `
  SELECT o.id, o.name, o.kind, o.town_id, o.parent_id,
    (SELECT count(*) FROM org_members m WHERE m.org_id = o.id AND m.status = 'member') AS member_count
  FROM orgs o`

function recordOf(row: OrgRow): OrgRecord {
  const org: OrgRecord = { id: row.id, name: row.name, kind: row.kind }
  if (row.town_id) org.townId = row.town_id
  if (row.parent_id) org.parentId = row.parent_id
  return org
}

const summaryOf = (row: OrgRow): OrgSummary => ({ ...recordOf(row), memberCount: row.member_count })

interface CreditRow {
  id: Id
  openid: string
  at: string
  grid_id: Id | null
  grid_name: string | null
  summon_id: Id | null
  summon_title: string | null
  hours: number | null
  verified_json: string
}

export function sqliteOrgs(db: Db): OrgStore {
  const getOrg = db.prepare<[Id], OrgRow>(`${SELECT_ORG} WHERE o.id = ?`)
  const listOrgs = db.prepare<
    { townId: Id | null; q: string | null; afterName: string | null; afterId: string | null; limit: number },
    OrgRow
  >(`
    ${SELECT_ORG}
    WHERE (@townId IS NULL OR o.town_id = @townId)
      AND (@q IS NULL OR instr(o.name, @q) > 0)
      AND (@afterName IS NULL OR (o.name, o.id) > (@afterName, @afterId))
    ORDER BY o.name, o.id LIMIT @limit`)
  const insertOrg = db.prepare(`
    INSERT INTO orgs (id, name, kind, town_id, parent_id, created_at, updated_at)
    VALUES (@id, @name, @kind, @townId, @parentId, @now, @now)`)
  const updateOrg = db.prepare(`
    UPDATE orgs SET name = @name, kind = @kind, town_id = @townId, parent_id = @parentId, updated_at = @now
    WHERE id = @id`)
  const creditOrg = db.prepare<[string], { org_id: Id }>(
    "SELECT org_id FROM org_members WHERE openid = ? AND status = 'member'",
  )
  const isSecretary = db.prepare<[Id, string], { one: number }>(
    'SELECT 1 AS one FROM org_secretaries WHERE org_id = ? AND openid = ?',
  )
  const secretaries = db.prepare<[Id], { openid: string; name: string }>(`
    SELECT s.openid, coalesce(u.name, '') AS name FROM org_secretaries s LEFT JOIN users u ON u.openid = s.openid
    WHERE s.org_id = ? ORDER BY s.since, s.openid`)
  const pending = db.prepare<[Id], { openid: string; name: string; since: string }>(`
    SELECT m.openid, u.name, m.since FROM org_members m JOIN users u ON u.openid = m.openid
    WHERE m.org_id = ? AND m.status = 'pending' ORDER BY m.since, m.openid`)
  const insertInvite = db.prepare(
    'INSERT INTO org_invites (code, org_id, role, created_by, expires_at) VALUES (?, ?, ?, ?, ?)',
  )
  const getInvite = db.prepare<
    [string],
    { org_id: Id; role: 'member' | 'secretary'; expires_at: string; used_by: string | null }
  >('SELECT org_id, role, expires_at, used_by FROM org_invites WHERE code = ?')
  const useInvite = db.prepare('UPDATE org_invites SET used_by = ?, used_at = ? WHERE code = ? AND used_by IS NULL')
  const hasProfile = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM users WHERE openid = ?')
  const membershipOf = db.prepare<[string], { org_id: Id; status: 'member' | 'pending' }>(
    'SELECT org_id, status FROM org_members WHERE openid = ?',
  )
  const setMembership = db.prepare(`
    INSERT INTO org_members (openid, org_id, status, since) VALUES (@openid, @orgId, @status, @now)
    ON CONFLICT(openid) DO UPDATE SET org_id = excluded.org_id, status = excluded.status, since = excluded.since`)
  const addSecretary = db.prepare('INSERT OR IGNORE INTO org_secretaries (org_id, openid, since) VALUES (?, ?, ?)')
  const dropSecretaryRoles = db.prepare('DELETE FROM org_secretaries WHERE openid = ?')
  const accept = db.prepare(
    "UPDATE org_members SET status = 'member', since = ? WHERE openid = ? AND org_id = ? AND status = 'pending'",
  )
  const decline = db.prepare("DELETE FROM org_members WHERE openid = ? AND org_id = ? AND status = 'pending'")
  const leave = db.prepare('DELETE FROM org_members WHERE openid = ?')
  const memberPage = db.prepare<{ orgId: Id; after: string | null; limit: number }, { openid: string; name: string }>(`
    SELECT m.openid, coalesce(u.name, '') AS name FROM org_members m LEFT JOIN users u ON u.openid = m.openid
    WHERE m.org_id = @orgId AND m.status = 'member' AND (@after IS NULL OR m.openid > @after)
    ORDER BY m.openid LIMIT @limit`)
  const gridsOf = db.prepare<[string], GridRef & { reportedAt: string }>(`
    SELECT g.id, g.name, m.joined_at AS reportedAt FROM grid_members m JOIN grids g ON g.id = m.grid_id
    WHERE m.openid = ? ORDER BY m.joined_at, g.id`)
  const credited = db.prepare<{ orgId: Id; openid: string; start: string; end: string }, CreditRow>(`
    SELECT c.id, c.openid, c.at, c.grid_id, g.name AS grid_name, c.summon_id, s.title AS summon_title,
      s.hours AS hours, c.verified_json
    FROM checkins c LEFT JOIN grids g ON g.id = c.grid_id LEFT JOIN summons s ON s.id = c.summon_id
    WHERE c.org_id = @orgId AND c.openid = @openid AND c.at >= @start AND c.at < @end
    ORDER BY c.at, c.id`)

  const nameOf = db.prepare<[string], { name: string }>('SELECT name FROM users WHERE openid = ?')

  const join = db.transaction((code: string, openid: string, now: Date): OrgJoinOutcome => {
    const invite = getInvite.get(code)
    if (!invite) return { ok: false, reason: 'missing' }
    if (!hasProfile.get(openid)) return { ok: false, reason: 'no_profile' }
    const at = now.toISOString()
    if (invite.role === 'secretary') {
      // A re-sent join by the member who used it finds it done.
      if (invite.used_by !== null && invite.used_by !== openid) return { ok: false, reason: 'used' }
      if (invite.used_by === null && invite.expires_at <= at) return { ok: false, reason: 'expired' }
    } else if (invite.expires_at <= at) {
      return { ok: false, reason: 'expired' }
    }
    const current = membershipOf.get(openid)
    // Moving to another organisation gives up the secretary roles of the one left.
    if (current && current.org_id !== invite.org_id) dropSecretaryRoles.run(openid)
    if (!(current?.org_id === invite.org_id && current.status === 'member')) {
      setMembership.run({ openid, orgId: invite.org_id, status: 'member', now: at })
    }
    if (invite.role === 'secretary') {
      useInvite.run(openid, at, code)
      addSecretary.run(invite.org_id, openid, at)
    }
    return { ok: true, orgId: invite.org_id, status: 'member' }
  })

  const request = db.transaction((orgId: Id, openid: string, now: Date): OrgJoinOutcome => {
    if (!getOrg.get(orgId)) return { ok: false, reason: 'missing' }
    if (!hasProfile.get(openid)) return { ok: false, reason: 'no_profile' }
    const current = membershipOf.get(openid)
    if (current?.org_id === orgId) return { ok: true, orgId, status: current.status }
    if (current) dropSecretaryRoles.run(openid)
    setMembership.run({ openid, orgId, status: 'pending', now: now.toISOString() })
    return { ok: true, orgId, status: 'pending' }
  })

  const leaveAll = db.transaction((openid: string) => {
    leave.run(openid)
    dropSecretaryRoles.run(openid)
  })

  const creditOf = (row: CreditRow): CreditedCheckInRow => ({
    id: row.id,
    at: row.at,
    gridId: row.grid_id,
    gridName: row.grid_name,
    summonId: row.summon_id,
    summonTitle: row.summon_title,
    hours: row.summon_id ? row.hours : null,
    verifiedBy: JSON.parse(row.verified_json) as Verification[],
  })

  const figureOrgs = db.prepare<{ townId: Id | null }, OrgRow>(
    `${SELECT_ORG} WHERE (@townId IS NULL OR o.town_id = @townId) ORDER BY o.name, o.id`,
  )
  const figureMembers = db.prepare<{ townId: Id | null }, { openid: string; orgId: Id }>(`
    SELECT m.openid, m.org_id AS orgId FROM org_members m JOIN orgs o ON o.id = m.org_id
    WHERE m.status = 'member' AND (@townId IS NULL OR o.town_id = @townId)`)
  const figureGrids = db.prepare<{ townId: Id | null }, { openid: string; gridId: Id }>(`
    SELECT g.openid, g.grid_id AS gridId FROM grid_members g
    JOIN org_members m ON m.openid = g.openid AND m.status = 'member' JOIN orgs o ON o.id = m.org_id
    WHERE (@townId IS NULL OR o.town_id = @townId)`)
  const figureCredits = db.prepare<
    { townId: Id | null; start: string; end: string },
    { orgId: Id; openid: string; summonId: Id | null; n: number; hours: number | null }
  >(`
    SELECT c.org_id AS orgId, c.openid, c.summon_id AS summonId, count(*) AS n, max(s.hours) AS hours
    FROM checkins c JOIN orgs o ON o.id = c.org_id LEFT JOIN summons s ON s.id = c.summon_id
    WHERE c.at >= @start AND c.at < @end AND (@townId IS NULL OR o.town_id = @townId)
    GROUP BY c.org_id, c.openid, c.summon_id`)

  return {
    async figureInput({ start, end }, townId) {
      const t = townId ?? null
      return {
        orgs: figureOrgs.all({ townId: t }).map(recordOf),
        members: figureMembers.all({ townId: t }),
        memberships: figureGrids.all({ townId: t }),
        credited: figureCredits.all({ townId: t, start, end }),
      }
    },
    async list({ townId, q, cursor, limit }) {
      const after = decodeCursor(cursor)
      const rows = listOrgs.all({
        townId: townId ?? null,
        q: q?.trim() || null,
        afterName: after ? String(after[0]) : null,
        afterId: after ? String(after[1]) : null,
        limit: limit + 1,
      })
      return keysetPage(
        rows,
        limit,
        (last) => [last.name, last.id],
        (page) => page.map(summaryOf),
      )
    },
    async get(orgId) {
      const row = getOrg.get(orgId)
      return row ? summaryOf(row) : null
    },
    async record(orgId) {
      const row = getOrg.get(orgId)
      return row ? recordOf(row) : null
    },
    async create(input, now) {
      const id = newId(10)
      insertOrg.run({
        id,
        name: input.name,
        kind: input.kind,
        townId: input.townId ?? null,
        parentId: input.parentId ?? null,
        now: now.toISOString(),
      })
      return recordOf(getOrg.get(id)!)
    },
    async update(orgId, patch, now) {
      const row = getOrg.get(orgId)
      if (!row) return null
      const current = recordOf(row)
      const next = { ...current, ...patch }
      updateOrg.run({
        id: orgId,
        name: next.name,
        kind: next.kind,
        townId: next.townId ?? null,
        parentId: next.parentId ?? null,
        now: now.toISOString(),
      })
      return recordOf(getOrg.get(orgId)!)
    },
    async creditOrg(openid) {
      return creditOrg.get(openid)?.org_id ?? null
    },
    async isSecretary(orgId, openid) {
      return isSecretary.get(orgId, openid) !== undefined
    },
    async secretaries(orgId) {
      return secretaries.all(orgId)
    },
    async pending(orgId) {
      return pending.all(orgId).map((r) => ({ openid: r.openid, name: r.name, requestedAt: r.since }))
    },
    async createInvite(orgId, role, code, createdBy, expiresAt) {
      insertInvite.run(code, orgId, role, createdBy, expiresAt.toISOString())
    },
    async joinByInvite(code, openid, now) {
      return join.immediate(code, openid, now)
    },
    async request(orgId, openid, now) {
      return request.immediate(orgId, openid, now)
    },
    async decide(orgId, openid, yes, now) {
      const changed = yes ? accept.run(now.toISOString(), openid, orgId) : decline.run(openid, orgId)
      if (changed.changes === 1) return { ok: true, status: yes ? 'member' : 'declined' }
      // A re-sent decision that already took effect is answered as done.
      const current = membershipOf.get(openid)
      if (yes && current?.org_id === orgId && current.status === 'member') return { ok: true, status: 'member' }
      if (!yes && hasProfile.get(openid) && current?.org_id !== orgId) return { ok: true, status: 'declined' }
      return { ok: false, reason: 'missing' }
    },
    async leave(openid) {
      leaveAll.immediate(openid)
    },
    async members({ orgId, start, end, filter, cursor, limit }) {
      const after = decodeCursor(cursor)
      const rows = memberPage.all({ orgId, after: after ? String(after[0]) : null, limit: limit + 1 })
      // A filtered page may hold fewer rows than the limit; the cursor still moves past every row read.
      return keysetPage(
        rows,
        limit,
        (last) => [last.openid],
        (page) =>
          page.flatMap((m): OrgMemberRow[] => {
            const grids = gridsOf.all(m.openid).map((g) => ({ id: g.id, name: g.name }))
            const figures = tally(credited.all({ orgId, openid: m.openid, start, end }).map(creditOf))
            if (filter === 'unreported' && grids.length > 0) return []
            if (filter === 'inactive' && figures.attended > 0) return []
            return [{ openid: m.openid, name: m.name, grids, ...figures }]
          }),
      )
    },
    async receipt(orgId, openid, { start, end }) {
      return {
        name: nameOf.get(openid)?.name ?? null,
        grids: gridsOf.all(openid),
        checkIns: credited.all({ orgId, openid, start, end }).map(creditOf),
      }
    },
  }
}
