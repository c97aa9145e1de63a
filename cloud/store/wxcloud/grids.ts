import type { GridInput, GridSummary, Town } from '../../../types'
import { newId } from '../../core/ids'
import { XIHU_TOWNS } from '../../domain/towns'
import { fourOnesOf, type GridRecord, type GridStore } from '../port'
import { addOnce, getAll, getDoc, key, type Doc, type WxDb } from './db'

/** A grid document: leaders' openids in an array (so "grids I lead" is one query), counts kept by `inc`. */
export type GridDoc = Doc &
  Required<Omit<GridInput, 'project'>> & {
    project: GridInput['project']
    leaders: string[]
    memberCount: number
    lastActivityAt: string | null
    quietNotifiedAt: string | null
    createdAt: string
    updatedAt: string
  }

export const summaryOf = (g: GridDoc): GridSummary => ({
  id: g._id,
  name: g.name,
  townId: g.townId,
  kind: g.kind,
  memberCount: g.memberCount,
  fourOnes: fourOnesOf({
    leaderCount: g.leaders.length,
    baseAddress: g.base.address,
    onlineCount: g.online.length,
    hasProject: Boolean(g.project),
  }),
})

/** Moves the grid's last activity forward (never back), with a conditional update. */
export async function touchGrid(db: WxDb, gridId: string, at: string): Promise<void> {
  const _ = db.command
  await db
    .collection('grids')
    .where({ _id: gridId, lastActivityAt: _.or([_.eq(null), _.lt(at)]) })
    .update({ data: { lastActivityAt: at } })
}

const townName = (id: string) => XIHU_TOWNS.find((t) => t.id === id)?.name ?? id

export function wxGrids(db: WxDb): GridStore {
  const _ = db.command
  const grids = () => db.collection('grids')

  async function record(gridId: string): Promise<GridRecord | null> {
    const g = await getDoc<GridDoc>(db, 'grids', gridId)
    if (!g) return null
    const users = g.leaders.length ? await getAll(db.collection('users').where({ _id: _.in(g.leaders) })) : []
    const names = new Map(users.map((u) => [u._id, u.name as string]))
    return {
      ...summaryOf(g),
      townName: townName(g.townId),
      base: g.base,
      online: g.online,
      project: g.project ?? null,
      requireLocation: g.requireLocation,
      leaders: g.leaders.map((openid) => ({ name: names.get(openid) ?? '未填写姓名' })),
      createdAt: g.createdAt,
    }
  }

  async function addLeader(gridId: string, openid: string): Promise<void> {
    // `leaders` changes only here, inside a single-document transaction, so no leader is lost.
    await db.runTransaction(async (t) => {
      const doc = (await t.collection('grids').doc(gridId).get()).data as GridDoc
      if (!doc.leaders.includes(openid)) {
        await t
          .collection('grids')
          .doc(gridId)
          .update({ data: { leaders: [...doc.leaders, openid] } })
      }
    })
  }

  return {
    async towns(): Promise<Town[]> {
      const { list } = await grids()
        .aggregate()
        .group({ _id: '$townId', n: _.aggregate.sum(1) })
        .end()
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
      const docs = (await getAll(grids().where(where).orderBy('name', 'asc'))) as GridDoc[]
      const order = new Map(XIHU_TOWNS.map((t, i) => [t.id, i]))
      return docs.sort((a, b) => (order.get(a.townId) ?? 99) - (order.get(b.townId) ?? 99)).map(summaryOf)
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
        memberCount: 0,
        lastActivityAt: null,
        quietNotifiedAt: null,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      }
      await grids().add({ data })
      return (await record(id))!
    },
    async update(gridId, patch, now) {
      const data: Record<string, unknown> = { updatedAt: now.toISOString() }
      for (const [field, value] of Object.entries(patch)) if (value !== undefined) data[field] = value
      await grids().doc(gridId).update({ data })
      return (await record(gridId))!
    },
    async isLeader(gridId, openid) {
      return (await grids().where({ _id: gridId, leaders: openid }).count()).total > 0
    },
    async isMember(gridId, openid) {
      return (await getDoc(db, 'grid_members', key(gridId, openid))) !== null
    },
    addLeader,
    async addMember(gridId, openid, now) {
      const g = await getDoc<GridDoc>(db, 'grids', gridId)
      const added = await addOnce(db, 'grid_members', {
        _id: key(gridId, openid),
        gridId,
        gridName: g?.name ?? '',
        townId: g?.townId ?? '',
        openid,
        joinedAt: now.toISOString(),
      })
      if (added)
        await grids()
          .doc(gridId)
          .update({ data: { memberCount: _.inc(1) } })
      return added
    },
    async createInvite(gridId, code, createdBy, expiresAt) {
      await db.collection('invites').add({
        data: { _id: code, gridId, createdBy, expiresAt: expiresAt.toISOString(), usedBy: null, usedAt: null },
      })
    },
    async acceptInvite(code, openid, now) {
      const invite = await getDoc(db, 'invites', code)
      if (!invite) return { ok: false, reason: 'missing' }
      if (invite.usedBy !== null) return { ok: false, reason: 'used' }
      if ((invite.expiresAt as string) <= now.toISOString()) return { ok: false, reason: 'expired' }
      // Conditional update: of concurrent accepts, exactly one sees `updated: 1`.
      const { stats } = await db
        .collection('invites')
        .where({ _id: code, usedBy: null })
        .update({ data: { usedBy: openid, usedAt: now.toISOString() } })
      if (stats.updated !== 1) return { ok: false, reason: 'used' }
      await addLeader(invite.gridId as string, openid)
      return { ok: true, gridId: invite.gridId as string }
    },
  }
}
