import type { Decision, PlanVersion } from '../../../types'
import { newId } from '../../core/ids'
import type { IdeaRecord, PlanRecord, PlanStore } from '../port'
import { decodeCursor, encodeCursor } from '../cursor'
import { addOnce, getAll, getDoc, key, type Doc, type WxDb } from './db'
import { touchGrid, type GridDoc } from './grids'

type PlanDoc = Doc & Omit<PlanRecord, 'id'>
/** Ideas carry their grid so the stats can group them without a join. */
type IdeaDoc = Doc & Omit<IdeaRecord, 'id' | 'authorName'> & { gridId: string }

const planOf = ({ _id, ...rest }: PlanDoc): PlanRecord => ({ ...rest, id: _id })
const adoptedValue = (d: Decision | null) => (d === 'adopted' || d === 'partial' ? 1 : 0)

export function wxPlans(db: WxDb): PlanStore {
  const _ = db.command
  const plans = () => db.collection('plans')
  const ideas = () => db.collection('ideas')
  const get = async (id: string) => {
    const doc = await getDoc<PlanDoc>(db, 'plans', id)
    return doc ? planOf(doc) : null
  }
  const ideaRecord = async (doc: IdeaDoc): Promise<IdeaRecord> => {
    const author = await getDoc(db, 'users', doc.openid)
    const { _id, gridId: _gridId, ...rest } = doc
    return { ...rest, id: _id, authorName: (author?.name as string | undefined) ?? '团员青年' }
  }
  const idea = async (id: string) => ideaRecord((await getDoc<IdeaDoc>(db, 'ideas', id))!)

  return {
    async create(input, now) {
      const grid = await getDoc<GridDoc>(db, 'grids', input.gridId)
      const id = newId()
      const at = now.toISOString()
      await plans().add({
        data: {
          _id: id,
          ...input,
          gridName: grid?.name ?? '',
          version: 1,
          finalizedAt: null,
          createdAt: at,
          ideaCount: 0,
          adoptedCount: 0,
        },
      })
      await touchGrid(db, input.gridId, at)
      return (await get(id))!
    },
    get,
    async list({ openid, gridId, cursor, limit }) {
      // Two passes in one order: the viewer's grids first, then the rest; the cursor says which pass.
      const [memberships, led] = await Promise.all([
        getAll(db.collection('grid_members').where({ openid })),
        getAll(db.collection('grids').where({ leaders: openid })),
      ])
      const mine = [...new Set([...memberships.map((m) => m.gridId as string), ...led.map((g) => g._id)])]
      const after = decodeCursor(cursor)
      const passes: (0 | 1)[] = after ? (after[0] === 1 ? [1, 0] : [0]) : [1, 0]
      const items: PlanRecord[] = []
      let last: [number, string, string] | null = null
      let more = false
      for (const pass of passes) {
        const conditions: Record<string, unknown>[] = [{ gridId: pass ? _.in(mine) : _.nin(mine) }]
        if (gridId) conditions.push({ gridId })
        if (after && after[0] === pass) {
          conditions.push(_.or([{ createdAt: _.lt(after[1]) }, { createdAt: after[1], _id: _.lt(after[2]) }]))
        }
        const { data } = await plans()
          .where(_.and(conditions))
          .orderBy('createdAt', 'desc')
          .orderBy('_id', 'desc')
          .limit(limit - items.length + 1)
          .get()
        const take = (data as PlanDoc[]).slice(0, limit - items.length)
        items.push(...take.map(planOf))
        const tail = take[take.length - 1]
        if (tail) last = [pass, tail.createdAt, tail._id]
        if (data.length > take.length) {
          more = true
          break
        }
      }
      return more && last ? { items, nextCursor: encodeCursor(last) } : { items }
    },
    async update(planId, patch, now) {
      const current = (await getDoc<PlanDoc>(db, 'plans', planId))!
      await addOnce(db, 'plan_versions', {
        _id: key(planId, String(current.version)),
        planId,
        version: current.version,
        title: current.title,
        draft: current.draft,
        savedAt: (current.updatedAt as string | undefined) ?? current.createdAt,
      })
      const data: Record<string, unknown> = { version: _.inc(1), updatedAt: now.toISOString() }
      for (const [field, value] of Object.entries(patch)) if (value !== undefined) data[field] = value
      await plans().doc(planId).update({ data })
      return (await get(planId))!
    },
    async finalize(planId, now) {
      await plans()
        .where({ _id: planId, finalizedAt: null })
        .update({ data: { finalizedAt: now.toISOString() } })
      return (await get(planId))!
    },
    async versions(planId): Promise<PlanVersion[]> {
      const docs = await getAll(db.collection('plan_versions').where({ planId }).orderBy('version', 'desc'))
      return docs.map((v) => ({
        version: v.version as number,
        title: v.title as string,
        draft: v.draft as string,
        savedAt: v.savedAt as string,
      }))
    },
    async ideas(planId, viewer) {
      const docs = (await getAll(ideas().where({ planId }).orderBy('createdAt', 'desc'))) as IdeaDoc[]
      const liked = docs.length
        ? new Set(
            (await getAll(db.collection('idea_likes').where({ openid: viewer, planId }))).map(
              (l) => l.ideaId as string,
            ),
          )
        : new Set<string>()
      const authors = docs.length
        ? await getAll(db.collection('users').where({ _id: _.in([...new Set(docs.map((d) => d.openid))]) }))
        : []
      const names = new Map(authors.map((u) => [u._id, u.name as string]))
      return docs.map((d) => {
        const { _id, gridId: _gridId, ...rest } = d
        return { ...rest, id: _id, authorName: names.get(d.openid) ?? '团员青年', likedByMe: liked.has(_id) }
      })
    },
    async getIdea(ideaId) {
      const doc = await getDoc<IdeaDoc>(db, 'ideas', ideaId)
      return doc ? ideaRecord(doc) : null
    },
    async addIdea(input, now, rate) {
      const at = now.toISOString()
      const since = new Date(now.getTime() - rate.windowMinutes * 60_000).toISOString()
      // The rate window is one document per member, changed only in a transaction: count and add are one step.
      const allowed = await db.runTransaction(async (t) => {
        const ref = t.collection('idea_rates').doc(input.openid)
        const doc = await ref.get().then(
          (r) => r.data as Doc & { times: string[] },
          () => null,
        )
        const recent = (doc?.times ?? []).filter((time) => time > since)
        if (recent.length >= rate.max) return false
        await ref.set({ data: { times: [...recent, at] } })
        return true
      })
      if (!allowed) return { ok: false, reason: 'rate_limited' }
      const plan = (await getDoc<PlanDoc>(db, 'plans', input.planId))!
      const id = newId(12)
      await ideas().add({
        data: {
          _id: id,
          ...input,
          gridId: plan.gridId,
          likes: 0,
          decision: null,
          reply: null,
          decidedAt: null,
          createdAt: at,
        },
      })
      if (input.status === 'visible')
        await plans()
          .doc(input.planId)
          .update({ data: { ideaCount: _.inc(1) } })
      return { ok: true, idea: await idea(id) }
    },
    async like(ideaId, openid, wanted, now) {
      const likeId = key(ideaId, openid)
      const doc = (await getDoc<IdeaDoc>(db, 'ideas', ideaId))!
      // One like per member per idea: the like's id is the idempotency key.
      const changed = wanted
        ? await addOnce(db, 'idea_likes', { _id: likeId, ideaId, planId: doc.planId, openid, at: now.toISOString() })
        : (await db.collection('idea_likes').doc(likeId).remove()).stats.removed === 1
      if (changed)
        await ideas()
          .doc(ideaId)
          .update({ data: { likes: _.inc(wanted ? 1 : -1) } })
      return { likes: ((await getDoc<IdeaDoc>(db, 'ideas', ideaId))!.likes as number) ?? 0, likedByMe: wanted }
    },
    async decide(ideaId, decision, reply, now) {
      const before = (await getDoc<IdeaDoc>(db, 'ideas', ideaId))!
      await ideas()
        .doc(ideaId)
        .update({ data: { decision, reply, decidedAt: now.toISOString() } })
      const delta = adoptedValue(decision) - adoptedValue(before.decision)
      if (delta)
        await plans()
          .doc(before.planId)
          .update({ data: { adoptedCount: _.inc(delta) } })
      return idea(ideaId)
    },
    async review(ideaId, approve) {
      const done = await ideas()
        .where({ _id: ideaId, status: 'pending_review' })
        .update({ data: { status: approve ? 'visible' : 'rejected' } })
      const doc = (await getDoc<IdeaDoc>(db, 'ideas', ideaId))!
      if (done.stats.updated === 1 && approve)
        await plans()
          .doc(doc.planId)
          .update({ data: { ideaCount: _.inc(1) } })
      return ideaRecord(doc)
    },
    async creditAdopted(planId, summonId) {
      const adopted = await getAll(ideas().where({ planId, status: 'visible', decision: _.in(['adopted', 'partial']) }))
      let credited = 0
      for (const i of adopted) {
        if (
          await addOnce(db, 'summon_credits', { _id: key(summonId, i._id), summonId, ideaId: i._id, openid: i.openid })
        )
          credited++
      }
      return credited
    },
    async creditsOf(summonId) {
      const credits = await getAll(db.collection('summon_credits').where({ summonId }))
      const ideaDocs = credits.length
        ? await getAll(ideas().where({ _id: _.in(credits.map((c) => c.ideaId as string)) }))
        : []
      const sorted = (ideaDocs as IdeaDoc[]).sort(
        (a, b) => a.createdAt.localeCompare(b.createdAt) || a._id.localeCompare(b._id),
      )
      return Promise.all(sorted.map(async (i) => (await ideaRecord(i)).authorName))
    },
  }
}
