/**
 * Organisations on the WeChat cloud database.
 *
 * A member has one organisation at a time, so their standing lives in their own `users` record: `orgId`,
 * `orgStatus` (`member` | `pending`), `orgSince` and `secretaryOf: {[orgId]: since}`. Every change of it
 * (joining, asking, a secretary's decision, leaving) is ONE conditional update of that record: a killed
 * instance leaves it either done or not. Member counts are counted from those records, never kept.
 * The organisation's `secretaries: {[openid]: since}` is a copy for listing (the copy policy in
 * `../port.ts`); authorization reads the member's own record.
 */
import type { GridRef, Id, OrgKind, OrgMemberRow, OrgPendingRequest, OrgSummary, Verification } from '../../../types'
import { newId } from '../../core/ids'
import { tally } from '../../domain/orgs'
import { decodeCursor, encodeCursor } from '../cursor'
import type { CreditedCheckInRow, OrgJoinOutcome, OrgRecord, OrgStore } from '../port'
import { addOnce, getAll, getByIds, getDoc, retryOnce, type Doc, type WxDb } from './db'
import { gridNames } from './names'
import { orgCaches } from './orgcache'

export type OrgDoc = Doc & {
  name: string
  kind: OrgKind
  townId: Id | null
  parentId: Id | null
  secretaries?: Record<string, string>
  createdAt: string
  updatedAt: string
}

/** The organisation fields of a `users` record. */
export type OrgStandingFields = {
  orgId?: Id | null
  orgStatus?: 'member' | 'pending' | null
  orgSince?: string | null
  secretaryOf?: Record<string, string> | null
}

type UserDoc = Doc & { name: string } & OrgStandingFields

type InviteDoc = Doc & {
  orgId: Id
  role: 'member' | 'secretary'
  createdBy: string
  expiresAt: string
  usedBy: string | null
  usedAt: string | null
}

export const orgRecordOf = (d: OrgDoc): OrgRecord => {
  const org: OrgRecord = { id: d._id, name: d.name, kind: d.kind }
  if (d.townId) org.townId = d.townId
  if (d.parentId) org.parentId = d.parentId
  return org
}

/** The organisation a member's record credits a scan to. */
export const creditOf = (u: OrgStandingFields | null): Id | null =>
  u?.orgId && u.orgStatus === 'member' ? u.orgId : null

/** Aggregation groups of the check-ins credited to an organisation: per member and summon. */
interface CreditGroup {
  _id: { openid: string; summonId: string | null }
  n: number
  last: string
  hours: number | null
}

export function wxOrgs(db: WxDb): OrgStore {
  const _ = db.command
  const $ = _.aggregate
  const caches = orgCaches(db)
  const names = gridNames(db)
  const users = () => db.collection('users')

  async function record(orgId: Id): Promise<OrgRecord | null> {
    const cached = caches.records.get(orgId)
    if (cached) return cached.value
    const doc = await getDoc<OrgDoc>(db, 'orgs', orgId)
    if (!doc) return null
    const org = orgRecordOf(doc)
    caches.records.set(orgId, org)
    return org
  }

  /** Members of each organisation, counted from the members' records (one pipeline). */
  async function memberCounts(orgIds: Id[]): Promise<Map<Id, number>> {
    if (!orgIds.length) return new Map()
    const { list } = await retryOnce(() =>
      db
        .collection('users')
        .aggregate()
        .match({ orgId: _.in(orgIds), orgStatus: 'member' })
        .group({ _id: '$orgId', n: $.sum(1) })
        .limit(orgIds.length)
        .end(),
    )
    return new Map(list.map((r) => [r._id as string, Number(r.n)]))
  }

  /** Joins the member (moving them out of any other organisation, and out of its secretary roles). */
  async function becomeMember(openid: string, orgId: Id, at: string, secretary: boolean): Promise<boolean> {
    // Already in this organisation (a member or a pending request): one update keeps the secretary roles.
    const same = await retryOnce(() =>
      users()
        .where({ _id: openid, orgId })
        .update({
          data: { orgStatus: 'member', ...(secretary ? { [`secretaryOf.${orgId}`]: at } : {}) },
        }),
    )
    if (same.stats.updated === 1) return true
    const moved = await retryOnce(() =>
      users()
        .where({ _id: openid })
        .update({
          data: {
            orgId,
            orgStatus: 'member',
            orgSince: at,
            secretaryOf: _.set(secretary ? { [orgId]: at } : {}),
          },
        }),
    )
    return moved.stats.updated === 1
  }

  async function listSecretary(orgId: Id, openid: string, at: string): Promise<void> {
    await retryOnce(() =>
      db
        .collection('orgs')
        .doc(orgId)
        .update({ data: { secretaries: { [openid]: at } } }),
    )
  }

  /** The check-ins credited to the organisation in the range by these members, grouped (one pipeline). */
  async function creditGroups(orgId: Id, openids: string[], start: string, end: string): Promise<CreditGroup[]> {
    if (!openids.length) return []
    const { list } = await retryOnce(() =>
      db
        .collection('checkins')
        .aggregate()
        .match({ orgId, openid: _.in(openids), at: _.and([_.gte(start), _.lt(end)]) })
        .group({
          _id: { openid: '$openid', summonId: '$summonId' },
          n: $.sum(1),
          last: $.max('$at'),
          hours: $.max('$hours'),
        })
        .limit(10_000)
        .end(),
    )
    return list as unknown as CreditGroup[]
  }

  async function request(orgId: Id, openid: string, now: Date): Promise<OrgJoinOutcome> {
    if (!(await record(orgId))) return { ok: false, reason: 'missing' }
    const user = await getDoc<UserDoc>(db, 'users', openid)
    if (!user) return { ok: false, reason: 'no_profile' }
    if (user.orgId === orgId && user.orgStatus) return { ok: true, orgId, status: user.orgStatus }
    // Conditional on the organisation read: a decision or a join in between is not overwritten.
    const { stats } = await retryOnce(() =>
      users()
        .where({ _id: openid, orgId: user.orgId ?? null })
        .update({
          data: { orgId, orgStatus: 'pending', orgSince: now.toISOString(), secretaryOf: _.set({}) },
        }),
    )
    if (stats.updated !== 1) return request(orgId, openid, now)
    caches.credit.set(openid, null)
    return { ok: true, orgId, status: 'pending' }
  }

  /** Chunks of 100 (the query cap on `_.in` lists we send). */
  const chunks = <T>(items: T[]): T[][] =>
    Array.from({ length: Math.ceil(items.length / 100) }, (_x, i) => items.slice(i * 100, i * 100 + 100))

  return {
    /**
     * The organisations (a query a 100), their members (a query a 100 members), those members' grids
     * (a query a 100 members) and the quarter's credited check-ins (one pipeline): an admin's report,
     * not a hot path.
     */
    async figureInput({ start, end }, townId) {
      const orgDocs = (await getAll(
        db
          .collection('orgs')
          .where(townId ? { townId } : {})
          .field({ secretaries: false }),
      )) as OrgDoc[]
      const ids = orgDocs.map((d) => d._id)
      const members = (
        await Promise.all(
          chunks(ids).map((part) =>
            getAll(
              users()
                .where({ orgId: _.in(part), orgStatus: 'member' })
                .field({ orgId: true }),
              100_000,
            ),
          ),
        )
      )
        .flat()
        .map((d) => ({ openid: d._id, orgId: d.orgId as string }))
      const memberships = (
        await Promise.all(
          chunks(members.map((m) => m.openid)).map((part) =>
            getAll(
              db
                .collection('grid_members')
                .where({ openid: _.in(part) })
                .field({ openid: true, gridId: true }),
            ),
          ),
        )
      )
        .flat()
        .map((d) => ({ openid: d.openid as string, gridId: d.gridId as string }))
      const groups = ids.length
        ? (
            await Promise.all(
              chunks(ids).map((part) =>
                retryOnce(() =>
                  db
                    .collection('checkins')
                    .aggregate()
                    .match({ orgId: _.in(part), at: _.and([_.gte(start), _.lt(end)]) })
                    .group({
                      _id: { orgId: '$orgId', openid: '$openid', summonId: '$summonId' },
                      n: $.sum(1),
                      hours: $.max('$hours'),
                    })
                    .limit(10_000)
                    .end(),
                ),
              ),
            )
          ).flatMap((r) => r.list)
        : []
      const credited = groups.map((g) => {
        const k = g._id as { orgId: string; openid: string; summonId?: string | null }
        return {
          orgId: k.orgId,
          openid: k.openid,
          summonId: k.summonId ?? null,
          n: Number(g.n),
          hours: typeof g.hours === 'number' ? g.hours : null,
        }
      })
      return { orgs: orgDocs.map(orgRecordOf), members, memberships, credited }
    },
    async list({ townId, q, cursor, limit }) {
      const after = decodeCursor(cursor)
      const conditions: Record<string, unknown>[] = []
      if (townId) conditions.push({ townId })
      if (q?.trim()) conditions.push({ name: db.RegExp({ regexp: escapeRegExp(q.trim()), options: 'i' }) })
      if (after) conditions.push(_.or([{ name: _.gt(after[0]) }, { name: after[0], _id: _.gt(after[1]) }]))
      const { data } = await retryOnce(() =>
        db
          .collection('orgs')
          .where(conditions.length ? _.and(conditions) : {})
          .orderBy('name', 'asc')
          .orderBy('_id', 'asc')
          .field({ secretaries: false })
          .limit(limit + 1)
          .get(),
      )
      const page = (data as OrgDoc[]).slice(0, limit)
      const counts = await memberCounts(page.map((d) => d._id))
      const items = page.map((d): OrgSummary => {
        const org = orgRecordOf(d)
        caches.records.set(d._id, org)
        return { ...org, memberCount: counts.get(d._id) ?? 0 }
      })
      const last = page[page.length - 1]
      return data.length > limit && last ? { items, nextCursor: encodeCursor([last.name, last._id]) } : { items }
    },
    async get(orgId) {
      const [doc, count] = await Promise.all([
        getDoc<OrgDoc>(db, 'orgs', orgId),
        retryOnce(() => users().where({ orgId, orgStatus: 'member' }).count()),
      ])
      if (!doc) return null
      const org = orgRecordOf(doc)
      caches.records.set(orgId, org)
      return { ...org, memberCount: count.total }
    },
    record,
    async create(input, now) {
      const at = now.toISOString()
      const doc: OrgDoc = {
        _id: newId(10),
        name: input.name,
        kind: input.kind,
        townId: input.townId ?? null,
        parentId: input.parentId ?? null,
        secretaries: {},
        createdAt: at,
        updatedAt: at,
      }
      await addOnce(db, 'orgs', doc)
      const org = orgRecordOf(doc)
      caches.records.set(doc._id, org)
      return org
    },
    async update(orgId, patch, now) {
      const data: Record<string, unknown> = { updatedAt: now.toISOString() }
      if (patch.name !== undefined) data.name = patch.name
      if (patch.kind !== undefined) data.kind = patch.kind
      if (patch.townId !== undefined) data.townId = patch.townId
      if (patch.parentId !== undefined) data.parentId = patch.parentId
      const { stats } = await retryOnce(() => db.collection('orgs').where({ _id: orgId }).update({ data }))
      caches.records.delete(orgId)
      if (stats.updated !== 1) return null
      return record(orgId)
    },
    async creditOrg(openid) {
      const cached = caches.credit.get(openid)
      if (cached) return cached.value
      const user = await getDoc<UserDoc>(db, 'users', openid)
      const orgId = creditOf(user)
      caches.credit.set(openid, orgId)
      return orgId
    },
    async isSecretary(orgId, openid) {
      const user = await getDoc<UserDoc>(db, 'users', openid)
      caches.credit.set(openid, creditOf(user))
      return Boolean(user?.secretaryOf?.[orgId])
    },
    /** The listed secretaries whose own records still name the role (a leave repairs itself here). */
    async secretaries(orgId) {
      const doc = await getDoc<OrgDoc>(db, 'orgs', orgId)
      const listed = Object.entries(doc?.secretaries ?? {}).sort(
        ([a, x], [b, y]) => x.localeCompare(y) || a.localeCompare(b),
      )
      if (!listed.length) return []
      const found = new Map(
        (
          await getByIds(
            db,
            'users',
            listed.map(([o]) => o),
          )
        ).map((u) => [u._id, u as UserDoc]),
      )
      return listed.flatMap(([openid]) => {
        const u = found.get(openid)
        return u?.secretaryOf?.[orgId] ? [{ openid, name: u.name }] : []
      })
    },
    async pending(orgId) {
      const docs = await getAll(users().where({ orgId, orgStatus: 'pending' }).orderBy('orgSince', 'asc'), 500)
      return docs.map((d): OrgPendingRequest => ({
        openid: d._id,
        name: d.name as string,
        requestedAt: d.orgSince as string,
      }))
    },
    async createInvite(orgId, role, code, createdBy, expiresAt) {
      const invite: InviteDoc = {
        _id: code,
        orgId,
        role,
        createdBy,
        expiresAt: expiresAt.toISOString(),
        usedBy: null,
        usedAt: null,
      }
      await addOnce(db, 'org_invites', invite)
    },
    async joinByInvite(code, openid, now) {
      const at = now.toISOString()
      const invite = await getDoc<InviteDoc>(db, 'org_invites', code)
      if (!invite) return { ok: false, reason: 'missing' }
      if (invite.role === 'member') {
        if (invite.expiresAt <= at) return { ok: false, reason: 'expired' }
        if (!(await becomeMember(openid, invite.orgId, at, false))) return { ok: false, reason: 'no_profile' }
        caches.credit.set(openid, invite.orgId)
        return { ok: true, orgId: invite.orgId, status: 'member' }
      }
      // A secretary invite is taken by one conditional update; a re-sent join by its taker goes on from
      // there (an instance killed after taking it), so the steps after are each repeatable.
      if (invite.usedBy !== openid) {
        if (invite.usedBy) return { ok: false, reason: 'used' }
        if (invite.expiresAt <= at) return { ok: false, reason: 'expired' }
        const profile = await getDoc<UserDoc>(db, 'users', openid)
        if (!profile) return { ok: false, reason: 'no_profile' }
        const { stats } = await retryOnce(() =>
          db
            .collection('org_invites')
            .where({ _id: code, usedBy: null, expiresAt: _.gt(at) })
            .update({ data: { usedBy: openid, usedAt: at } }),
        )
        if (stats.updated !== 1) {
          const again = await getDoc<InviteDoc>(db, 'org_invites', code)
          if (again?.usedBy !== openid) return { ok: false, reason: again?.usedBy ? 'used' : 'expired' }
        }
      }
      if (!(await becomeMember(openid, invite.orgId, at, true))) return { ok: false, reason: 'no_profile' }
      await listSecretary(invite.orgId, openid, at)
      caches.credit.set(openid, invite.orgId)
      return { ok: true, orgId: invite.orgId, status: 'member' }
    },
    request,
    async decide(orgId, openid, accept, now) {
      const data = accept
        ? { orgStatus: 'member', orgSince: now.toISOString() }
        : { orgId: _.remove(), orgStatus: _.remove(), orgSince: _.remove() }
      const { stats } = await retryOnce(() =>
        users().where({ _id: openid, orgId, orgStatus: 'pending' }).update({ data }),
      )
      caches.credit.delete(openid)
      if (stats.updated === 1) return { ok: true, status: accept ? 'member' : 'declined' }
      // A re-sent decision that already took effect (its instance died before answering) is answered as done.
      const user = await getDoc<UserDoc>(db, 'users', openid)
      if (accept && user?.orgId === orgId && user.orgStatus === 'member') return { ok: true, status: 'member' }
      if (!accept && user && user.orgId !== orgId) return { ok: true, status: 'declined' }
      return { ok: false, reason: 'missing' }
    },
    async leave(openid) {
      const user = await getDoc<UserDoc>(db, 'users', openid)
      if (!user || (!user.orgId && !Object.keys(user.secretaryOf ?? {}).length)) {
        caches.credit.set(openid, null)
        return
      }
      await retryOnce(() =>
        users()
          .where({ _id: openid })
          .update({ data: { orgId: _.remove(), orgStatus: _.remove(), orgSince: _.remove(), secretaryOf: _.set({}) } }),
      )
      caches.credit.set(openid, null)
      // The organisations' lists follow (their readers also check the member's record).
      for (const orgId of Object.keys(user.secretaryOf ?? {})) {
        await retryOnce(() =>
          db
            .collection('orgs')
            .doc(orgId)
            .update({ data: { [`secretaries.${openid}`]: _.remove() } }),
        )
      }
    },
    /** One page of members (1 query), their grids (1, names from the instance's cache) and quarter (1 pipeline). */
    async members({ orgId, start, end, filter, cursor, limit }) {
      const after = decodeCursor(cursor)
      const conditions: Record<string, unknown>[] = [{ orgId, orgStatus: 'member' }]
      if (after) conditions.push({ _id: _.gt(after[0]) })
      const { data } = await retryOnce(() =>
        users()
          .where(_.and(conditions))
          .orderBy('_id', 'asc')
          .field({ name: true })
          .limit(limit + 1)
          .get(),
      )
      const page = data.slice(0, limit)
      const openids = page.map((d) => d._id)
      const [memberships, groups] = await Promise.all([
        openids.length
          ? getAll(db.collection('grid_members').where({ openid: _.in(openids) }), 2_000)
          : Promise.resolve([]),
        creditGroups(orgId, openids, start, end),
      ])
      const known = await names.get(memberships.map((m) => m.gridId as string))
      const items = page.flatMap((d): OrgMemberRow[] => {
        const grids: GridRef[] = memberships
          .filter((m) => m.openid === d._id && known.has(m.gridId as string))
          .sort((a, b) => String(a.joinedAt).localeCompare(String(b.joinedAt)))
          .map((m) => ({ id: m.gridId as string, name: known.get(m.gridId as string)!.name }))
        const credited = groups
          .filter((g) => g._id.openid === d._id)
          .flatMap((g) =>
            Array.from({ length: g.n }, () => ({ at: g.last, summonId: g._id.summonId ?? null, hours: g.hours })),
          )
        const figures = tally(credited)
        if (filter === 'unreported' && grids.length > 0) return []
        if (filter === 'inactive' && figures.attended > 0) return []
        return [{ openid: d._id, name: d.name as string, grids, ...figures }]
      })
      const last = page[page.length - 1]
      return data.length > limit && last ? { items, nextCursor: encodeCursor([last._id]) } : { items }
    },
    /** The member (1 read), their grids (1, names cached) and their credited check-ins (1 query a 100). */
    async receipt(orgId, openid, { start, end }) {
      const [user, memberships, checkIns] = await Promise.all([
        getDoc<UserDoc>(db, 'users', openid),
        getAll(db.collection('grid_members').where({ openid }), 500),
        getAll(
          db
            .collection('checkins')
            .where({ orgId, openid, at: _.and([_.gte(start), _.lt(end)]) })
            .orderBy('at', 'asc'),
          2_000,
        ),
      ])
      const known = await names.get([
        ...memberships.map((m) => m.gridId as string),
        ...checkIns.map((c) => c.gridId as string | null).filter((g): g is string => Boolean(g)),
      ])
      const grids = memberships
        .filter((m) => known.has(m.gridId as string))
        .sort((a, b) => String(a.joinedAt).localeCompare(String(b.joinedAt)))
        .map((m) => ({
          id: m.gridId as string,
          name: known.get(m.gridId as string)!.name,
          reportedAt: m.joinedAt as string,
        }))
      const rows = checkIns.map((c): CreditedCheckInRow => {
        const gridId = (c.gridId as string | null) ?? null
        return {
          id: c._id,
          at: c.at as string,
          gridId,
          gridName: gridId ? (known.get(gridId)?.name ?? null) : null,
          summonId: (c.summonId as string | null) ?? null,
          summonTitle: (c.summonTitle as string | undefined) ?? null,
          hours: c.summonId ? ((c.hours as number | undefined) ?? null) : null,
          verifiedBy: c.verifiedBy as Verification[],
        }
      })
      return { name: user?.name ?? null, grids, checkIns: rows }
    },
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
