import { createHash } from 'node:crypto'
import type { GridInput, GridMemberRow, GridSummary, Town } from '../../../types'
import { decodeCursor, encodeCursor } from '../cursor'
import { newId } from '../../core/ids'
import { XIHU_TOWNS } from '../../domain/towns'
import {
  fourOnesOf,
  nameTaken,
  type GridPlace,
  type GridRecord,
  type GridStore,
  type GridViewer,
  type InviteOutcome,
  type RevokeOutcome,
} from '../port'
import { addOnce, getByIds, getAll, getDoc, key, retryOnce, type Doc, type WxDb } from './db'
import { gridNames, NAMES_TTL_MS } from './names'
import { dropSnapshots } from './snapshots'

/**
 * A grid record: leaders' openids in an array (so "grids I lead" is one query) and their display names
 * copied into `leaderNames` (the copy policy in `../port.ts`). Members are `grid_members` records (the
 * truth); `memberTotal` is how many of them joined at or before `countedAt`, an absolute count the
 * scheduled fold sets (cloud/jobs/memberTotals.ts), so a read counts only the joins after `countedAt`.
 * Records written before may still carry a `memberCount`, which nothing reads.
 */
export type GridDoc = Doc &
  Required<Omit<GridInput, 'project'>> & {
    project: GridInput['project']
    leaders: string[]
    /** openid → the leader's name when last copied (null: no profile yet). Absent on older records. */
    leaderNames?: Record<string, string | null>
    lastActivityAt: string | null
    quietNotifiedAt: string | null
    createdAt: string
    updatedAt: string
    /** Set while the grid is archived (停用). */
    archivedAt?: string
    /** Members who joined at or before `countedAt` (both absent until the grid's first fold). */
    memberTotal?: number
    countedAt?: string
  }

/**
 * How far behind now the fold counts: a join is written within a cloud function's time limit (60 s at
 * most) of the `joinedAt` its instance stamped, so every join at or before now − 10 minutes is in the
 * database when the fold counts, instances' clocks a few minutes apart included. No join can then arrive
 * with a `joinedAt` at or before a grid's `countedAt`, which is what keeps `memberTotal` exact.
 */
export const COUNT_MARGIN_MS = 10 * 60_000

/** The grid's folded count, when it has one (grids written before the fold have none until it runs). */
export const foldedOf = (g: GridDoc): { total: number; at: string } | null =>
  typeof g.memberTotal === 'number' && typeof g.countedAt === 'string'
    ? { total: g.memberTotal, at: g.countedAt }
    : null

/** Aggregations answer this many groups at most: far above the number of grids there will be. */
export const AGG_LIMIT = 10_000

export const summaryOf = (g: GridDoc, memberCount: number): GridSummary => ({
  id: g._id,
  name: g.name,
  townId: g.townId,
  kind: g.kind,
  memberCount,
  fourOnes: fourOnesOf({
    leaderCount: g.leaders.length,
    baseAddress: g.base.address,
    onlineCount: g.online.length,
    hasProject: Boolean(g.project),
  }),
})

/**
 * Members per grid: each grid's folded `memberTotal` plus its joins after `countedAt` (all of them for a
 * grid never folded), in one aggregation over only those joins (index `grid_joined`). The grids folded at
 * one time share a branch of the match (the fold gives the grids it visits one `countedAt`, so there are
 * a few). A grid without members is absent from the map.
 */
export async function memberCounts(db: WxDb, grids: GridDoc[]): Promise<Map<string, number>> {
  if (grids.length === 0) return new Map()
  const _ = db.command
  const byTime = new Map<string, string[]>()
  for (const g of grids) {
    const at = foldedOf(g)?.at ?? ''
    const ids = byTime.get(at)
    if (ids) ids.push(g._id)
    else byTime.set(at, [g._id])
  }
  const branches = [...byTime].map(([at, ids]) =>
    at ? { gridId: _.in(ids), joinedAt: _.gt(at) } : { gridId: _.in(ids) },
  )
  const { list } = await retryOnce(() =>
    db
      .collection('grid_members')
      .aggregate()
      .match(branches.length === 1 ? branches[0] : _.or(branches))
      .group({ _id: '$gridId', n: _.aggregate.sum(1) })
      .limit(AGG_LIMIT)
      .end(),
  )
  const recent = new Map(list.map((r) => [r._id as string, r.n as number]))
  const counts = new Map<string, number>()
  for (const g of grids) {
    const n = (foldedOf(g)?.total ?? 0) + (recent.get(g._id) ?? 0)
    if (n > 0) counts.set(g._id, n)
  }
  return counts
}

/** Moves the grid's last activity forward (never back), with a conditional update. */
export async function touchGrid(db: WxDb, gridId: string, at: string): Promise<void> {
  const _ = db.command
  await db
    .collection('grids')
    .where({ _id: gridId, lastActivityAt: _.or([_.eq(null), _.lt(at)]) })
    .update({ data: { lastActivityAt: at } })
}

/** The id of a (town, name) claim in `grid_names`. */
const nameKey = (townId: string, name: string) =>
  `n${createHash('sha256').update(`${townId}\n${name}`).digest('hex').slice(0, 24)}`

/** A claim whose grid does not hold the name, older than this, was left by an instance that died. */
const STALE_CLAIM_MS = 60_000

/**
 * Takes the (town, name) claim for a grid: one `add` with an id derived from both, which the database makes
 * unique, so two grids never get the same name in one town. A claim left behind (its grid never written, or
 * renamed by an instance that died before releasing it) is taken over once it is a minute old.
 */
async function claimName(db: WxDb, gridId: string, townId: string, name: string, now: Date): Promise<boolean> {
  const id = nameKey(townId, name)
  const at = now.toISOString()
  // Grids written before the claims existed have none: their names are found by the town_name index.
  const { data: twins } = await retryOnce(() =>
    db
      .collection('grids')
      .where({ townId, name, _id: db.command.neq(gridId) })
      .limit(1)
      .get(),
  )
  if (twins.length) return false
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await addOnce(db, 'grid_names', { _id: id, gridId, townId, name, at })) return true
    const claim = await getDoc<Doc & { gridId: string; at: string }>(db, 'grid_names', id)
    if (!claim) continue
    if (claim.gridId === gridId) return true
    const holder = await getDoc<GridDoc>(db, 'grids', claim.gridId)
    if (
      holder ? holder.townId === townId && holder.name === name : now.getTime() - Date.parse(claim.at) < STALE_CLAIM_MS
    )
      return false
    const { stats } = await db
      .collection('grid_names')
      .where({ _id: id, gridId: claim.gridId })
      .update({ data: { gridId, at } })
    if (stats.updated === 1) return true
  }
  return false
}

/** Gives up a claim the grid held (after a rename or a move). */
async function releaseName(db: WxDb, gridId: string, townId: string, name: string): Promise<void> {
  await retryOnce(() =>
    db
      .collection('grid_names')
      .where({ _id: nameKey(townId, name), gridId })
      .remove(),
  )
}

const townName = (id: string) => XIHU_TOWNS.find((t) => t.id === id)?.name ?? id
const NO_NAME = '未填写姓名'

/** Fields whose values are objects or arrays: an update replaces them whole (`_.set`), never merges. */
const WHOLE: (keyof GridInput)[] = ['base', 'online', 'project']

export function wxGrids(db: WxDb): GridStore {
  const _ = db.command
  const grids = () => db.collection('grids')
  const names = gridNames(db)
  const places = new Map<string, { place: GridPlace; at: number }>()

  /**
   * The grid's joins after `at` (all of them when null) and whether the viewer is a member, in one
   * aggregation over only those joins (index `grid_joined`) and the viewer's own membership (by its id).
   */
  async function joinsSince(gridId: string, at: string | null, viewer?: string): Promise<{ n: number; me: boolean }> {
    const $ = _.aggregate
    const mine = viewer === undefined ? null : key(gridId, viewer)
    const recent = at ? { gridId, joinedAt: _.gt(at) } : { gridId }
    const { list } = await retryOnce(() =>
      db
        .collection('grid_members')
        .aggregate()
        .match(at && mine ? _.or([recent, { _id: mine }]) : recent)
        .group({
          _id: null,
          n: $.sum(at ? $.cond({ if: $.gt(['$joinedAt', at]), then: 1, else: 0 }) : 1),
          me: $.sum($.cond({ if: $.eq(['$_id', mine]), then: 1, else: 0 })),
        })
        .limit(1)
        .end(),
    )
    const row = list[0]
    return { n: (row?.n as number | undefined) ?? 0, me: ((row?.me as number | undefined) ?? 0) > 0 }
  }

  /**
   * The `countedAt` this instance last read on a grid. The fold gives every grid the same one, so it is
   * the likely time of the next grid read too: `record` counts the joins after it while the record is
   * read, and uses that count only when the record's `countedAt` is exactly it.
   */
  let lastCountedAt: string | null = null

  /**
   * The record and its member count (the folded `memberTotal` plus the joins after `countedAt`, whatever
   * the grid's size; a grid never folded counts all its members) with the viewer's membership: 2
   * operations, sent together when the instance's last `countedAt` is the record's (the usual case; one
   * more, after the record, when it is not); a third only for leaders missing from `leaderNames`.
   */
  async function record(gridId: string, viewer?: string): Promise<(GridRecord & { viewer?: GridViewer }) | null> {
    const guess = lastCountedAt
    const [g, early] = await Promise.all([
      getDoc<GridDoc>(db, 'grids', gridId),
      guess === null ? null : joinsSince(gridId, guess, viewer),
    ])
    if (!g) return null
    names.remember(g._id, { name: g.name, townId: g.townId })
    const folded = foldedOf(g)
    if (folded) lastCountedAt = folded.at
    const joins = early && folded?.at === guess ? early : await joinsSince(g._id, folded?.at ?? null, viewer)
    const grid = await recordOf(g, (folded?.total ?? 0) + joins.n)
    if (viewer === undefined) return grid
    return { ...grid, viewer: { isMember: joins.me, isLeader: g.leaders.includes(viewer) } }
  }

  async function recordOf(g: GridDoc, memberCount: number): Promise<GridRecord> {
    const copied = g.leaderNames ?? {}
    const unknown = g.leaders.filter((openid) => !(openid in copied))
    const users = unknown.length ? await getByIds(db, 'users', unknown) : []
    const looked = new Map(users.map((u) => [u._id, u.name as string]))
    return {
      ...summaryOf(g, memberCount),
      townName: townName(g.townId),
      base: g.base,
      online: g.online,
      project: g.project ?? null,
      requireLocation: g.requireLocation,
      leaders: g.leaders.map((openid) => ({ openid, name: copied[openid] ?? looked.get(openid) ?? NO_NAME })),
      createdAt: g.createdAt,
      ...(g.archivedAt ? { archivedAt: g.archivedAt } : {}),
    }
  }

  async function addLeader(gridId: string, openid: string): Promise<void> {
    // `leaders` and `leaderNames` change together in one transaction over the grid record, so no leader
    // is lost to a concurrent add and every leader has a copied name.
    await db.runTransaction(async (t) => {
      const doc = (await t.collection('grids').doc(gridId).get()).data as GridDoc | null
      if (!doc || doc.leaders.includes(openid)) return
      const user = (await t.collection('users').doc(openid).get()).data
      const name = typeof user?.name === 'string' ? user.name : null
      await t
        .collection('grids')
        .doc(gridId)
        .update({
          data: {
            leaders: _.set([...doc.leaders, openid]),
            leaderNames: _.set({ ...(doc.leaderNames ?? {}), [openid]: name }),
          },
        })
    })
  }

  /** Ends a leadership: `leaders` and `leaderNames` change together in one transaction (see addLeader). */
  async function dropLeader(gridId: string, openid: string): Promise<void> {
    await db.runTransaction(async (t) => {
      const doc = (await t.collection('grids').doc(gridId).get()).data as GridDoc | null
      if (!doc || !doc.leaders.includes(openid)) return
      const kept = { ...(doc.leaderNames ?? {}) }
      delete kept[openid]
      await t
        .collection('grids')
        .doc(gridId)
        .update({ data: { leaders: _.set(doc.leaders.filter((o) => o !== openid)), leaderNames: _.set(kept) } })
    })
  }

  return {
    async towns(): Promise<Town[]> {
      const { list } = await retryOnce(() =>
        grids()
          .aggregate()
          .group({ _id: '$townId', n: _.aggregate.sum(1) })
          .limit(AGG_LIMIT)
          .end(),
      )
      const counts = new Map(list.map((r) => [r._id as string, r.n as number]))
      return XIHU_TOWNS.map((t) => ({ id: t.id, name: t.name, gridCount: counts.get(t.id) ?? 0 }))
    },
    async townExists(townId) {
      return XIHU_TOWNS.some((t) => t.id === townId)
    },
    async list({ townId, q }) {
      const where: Record<string, unknown> = {}
      if (townId) where.townId = townId
      if (q) where.name = db.RegExp({ regexp: q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' })
      // Archived grids leave the lists (filtered here: the list reads the town's grids anyway).
      const docs = ((await getAll(grids().where(where).orderBy('name', 'asc'))) as GridDoc[]).filter(
        (g) => !g.archivedAt,
      )
      if (docs.length === 0) return []
      const counts = await memberCounts(db, docs)
      const order = new Map(XIHU_TOWNS.map((t, i) => [t.id, i]))
      const byName = (a: GridDoc, b: GridDoc) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
      return docs
        .sort((a, b) => (order.get(a.townId) ?? 99) - (order.get(b.townId) ?? 99) || byName(a, b))
        .map((g) => {
          names.remember(g._id, { name: g.name, townId: g.townId })
          return summaryOf(g, counts.get(g._id) ?? 0)
        })
    },
    get: record,
    async create(input, now) {
      const id = newId()
      const data = {
        _id: id,
        name: input.name,
        townId: input.townId,
        kind: input.kind,
        base: input.base,
        online: input.online ?? [],
        project: input.project ?? null,
        requireLocation: input.requireLocation ?? false,
        leaders: [],
        leaderNames: {},
        lastActivityAt: null,
        quietNotifiedAt: null,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      }
      if (!(await claimName(db, id, input.townId, input.name, now))) throw nameTaken()
      await grids().add({ data })
      await dropSnapshots(db)
      names.remember(id, { name: data.name, townId: data.townId })
      return recordOf(data as GridDoc, 0)
    },
    async update(gridId, patch, now) {
      const data: Record<string, unknown> = { updatedAt: now.toISOString() }
      for (const [field, value] of Object.entries(patch) as [keyof GridInput, unknown][]) {
        if (value === undefined) continue
        data[field] = WHOLE.includes(field) ? _.set(value) : value
      }
      const renamed = patch.name !== undefined || patch.townId !== undefined
      const before = renamed ? await getDoc<GridDoc>(db, 'grids', gridId) : null
      const after = before && { townId: patch.townId ?? before.townId, name: patch.name ?? before.name }
      const moved = before && after && (after.townId !== before.townId || after.name !== before.name)
      if (moved && !(await claimName(db, gridId, after.townId, after.name, now))) throw nameTaken()
      await retryOnce(() => grids().doc(gridId).update({ data }))
      if (moved) await releaseName(db, gridId, before.townId, before.name)
      names.invalidate(gridId)
      places.delete(gridId)
      await dropSnapshots(db)
      return (await record(gridId))!
    },
    async place(gridId) {
      const hit = places.get(gridId)
      if (hit && Date.now() - hit.at < NAMES_TTL_MS) return hit.place
      const g = await getDoc<GridDoc>(db, 'grids', gridId)
      if (!g) return null
      const place: GridPlace = {
        id: g._id,
        name: g.name,
        townId: g.townId,
        base: g.base,
        requireLocation: g.requireLocation,
      }
      if (g.archivedAt) place.archivedAt = g.archivedAt
      places.set(gridId, { place, at: Date.now() })
      names.remember(g._id, { name: g.name, townId: g.townId })
      return place
    },
    async archive(gridId, archived, now) {
      const { stats } = await retryOnce(() =>
        grids()
          .doc(gridId)
          .update({ data: { archivedAt: archived ? now.toISOString() : _.remove() } }),
      )
      places.delete(gridId)
      await dropSnapshots(db)
      return stats.updated === 1 || (await getDoc(db, 'grids', gridId)) ? record(gridId) : null
    },
    async isLeader(gridId, openid) {
      return (await retryOnce(() => grids().where({ _id: gridId, leaders: openid }).count())).total > 0
    },
    async isMember(gridId, openid) {
      return (await getDoc(db, 'grid_members', key(gridId, openid))) !== null
    },
    addLeader,
    async addMember(gridId, openid, now) {
      // The same record shape as a first poster check-in makes; the count is derived from these records.
      return addOnce(db, 'grid_members', { _id: key(gridId, openid), gridId, openid, joinedAt: now.toISOString() })
    },
    /** 2 operations: one page of `grid_members` (index `grid_joined`), and the members' names. */
    async members(gridId, cursor, limit) {
      const after = decodeCursor(cursor)
      const conditions: Record<string, unknown>[] = [{ gridId }]
      if (after) conditions.push(_.or([{ joinedAt: _.lt(after[0]) }, { joinedAt: after[0], _id: _.lt(after[1]) }]))
      const { data } = await retryOnce(() =>
        db
          .collection('grid_members')
          .where(_.and(conditions))
          .orderBy('joinedAt', 'desc')
          .orderBy('_id', 'desc')
          .limit(limit + 1)
          .get(),
      )
      const page = data.slice(0, limit)
      const users = await getByIds(
        db,
        'users',
        page.map((m) => m.openid as string),
      )
      const nameOf = new Map(users.map((u) => [u._id, u.name as string]))
      const items = page.map((m): GridMemberRow => ({
        name: nameOf.get(m.openid as string) ?? '未填写姓名',
        joinedAt: m.joinedAt as string,
      }))
      const last = page[page.length - 1]
      return data.length > limit && last
        ? { items, nextCursor: encodeCursor([last.joinedAt as string, last._id]) }
        : { items }
    },
    async createInvite(gridId, code, createdBy, expiresAt) {
      await db.collection('invites').add({
        data: {
          _id: code,
          gridId,
          createdBy,
          expiresAt: expiresAt.toISOString(),
          usedBy: null,
          usedAt: null,
          revokedAt: null,
        },
      })
    },
    async getInvite(code) {
      const invite = await getDoc(db, 'invites', code)
      if (!invite) return null
      return {
        gridId: invite.gridId as string,
        createdBy: invite.createdBy as string,
        expiresAt: invite.expiresAt as string,
        usedBy: (invite.usedBy as string | null) ?? null,
        revokedAt: (invite.revokedAt as string | null | undefined) ?? null,
      }
    },
    /**
     * Consumes the invite (a conditional update: of concurrent accepts exactly one sees `updated: 1`), then
     * adds the leader. The two steps are repairable rather than atomic: an invite this openid consumed is
     * answered by completing the leader add (idempotent), so an instance that died between the steps, or a
     * lost answer, is mended by the caller's retry. Database errors propagate.
     */
    async acceptInvite(code, openid, now): Promise<InviteOutcome> {
      const invite = await getDoc(db, 'invites', code)
      if (!invite) return { ok: false, reason: 'missing' }
      const gridId = invite.gridId as string
      const finish = async (): Promise<InviteOutcome> => {
        await addLeader(gridId, openid)
        return { ok: true, gridId }
      }
      if (invite.usedBy === openid) return finish()
      if (invite.usedBy !== null) return { ok: false, reason: 'used' }
      if (invite.revokedAt) return { ok: false, reason: 'revoked' }
      if ((invite.expiresAt as string) <= now.toISOString()) return { ok: false, reason: 'expired' }
      // Conditional, so sending it again after a transient error is safe (a lost success answers 0 below);
      // an admin's revocation is the same record's other conditional write, so exactly one of them wins.
      const { stats } = await retryOnce(() =>
        db
          .collection('invites')
          .where({ _id: code, usedBy: null, revokedAt: null })
          .update({ data: { usedBy: openid, usedAt: now.toISOString() } }),
      )
      if (stats.updated === 1) return finish()
      // Someone consumed it meanwhile: perhaps this openid's own earlier request, whose answer was lost.
      const again = await getDoc(db, 'invites', code)
      if (again?.usedBy === openid) return finish()
      return { ok: false, reason: again?.usedBy == null && again?.revokedAt ? 'revoked' : 'used' }
    },
    /**
     * 2 operations, in an order a retry completes: the membership first (an `add` with its own id, once),
     * then the leadership's end (a transaction over the grid record). Killed between the two, the person is
     * a member and still a leader until the call is sent again.
     */
    async removeLeader(gridId, openid, now) {
      await addOnce(db, 'grid_members', { _id: key(gridId, openid), gridId, openid, joinedAt: now.toISOString() })
      await dropLeader(gridId, openid)
    },
    /** 2 operations: the grid's open invites (index `grid_expires`) and their makers' names. */
    async openInvites(gridId, now) {
      const docs = await getAll(
        db
          .collection('invites')
          .where({ gridId, expiresAt: _.gt(now.toISOString()), usedBy: null, revokedAt: null })
          .orderBy('expiresAt', 'desc'),
      )
      const makers = [...new Set(docs.map((d) => d.createdBy as string))]
      const users = makers.length ? await getByIds(db, 'users', makers) : []
      const nameOf = new Map(users.map((u) => [u._id, typeof u.name === 'string' ? u.name : null]))
      return docs.map((d) => ({
        code: d._id,
        createdBy: d.createdBy as string,
        createdByName: nameOf.get(d.createdBy as string) ?? null,
        expiresAt: d.expiresAt as string,
      }))
    },
    /** 1 operation when it stands (one conditional update), 2 otherwise (the invite read, to say why). */
    async revokeInvite(gridId, code, now): Promise<RevokeOutcome> {
      const { stats } = await retryOnce(() =>
        db
          .collection('invites')
          .where({ _id: code, gridId, usedBy: null, revokedAt: null })
          .update({ data: { revokedAt: now.toISOString() } }),
      )
      if (stats.updated === 1) return 'ok'
      const invite = await getDoc(db, 'invites', code)
      if (!invite || invite.gridId !== gridId) return 'missing'
      return invite.usedBy == null && invite.revokedAt ? 'ok' : 'used'
    },
  }
}
