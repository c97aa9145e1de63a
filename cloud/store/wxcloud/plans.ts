/**
 * Plans and ideas on the cloud database. What each write relies on (db.ts states the platform's rules):
 *
 * - Counts are counted, never kept: `plans.list` aggregates the visible and adopted ideas of the plans on
 *   its page in one pipeline. A counter beside a decision went wrong when two leaders replied at once (both
 *   read the old decision, both added the difference) and could not be repaired after an instance died
 *   between the two writes; a count has nothing to repair.
 * - A plan's earlier texts live in the plan record (`versions`), so an edit is one conditional update
 *   keyed on the version it read (`where({ _id, version, finalizedAt: null })`): two leaders editing at
 *   once both save the text they replaced, in turn, and no edit lands on a finalized plan. Plans are not
 *   hot records for edits; a lost race re-reads and tries again. Plans written before that keep their
 *   versions in `plan_versions`, read (and folded into the record at the next edit) as a fallback.
 * - An idea is added after a conditional update of its plan (`finalizedAt: null`, deadline not passed):
 *   the plan's state is checked by the write, not by a read before the content check. Conditional updates
 *   of the plan do not conflict with each other, so many members adding ideas at once never fail.
 * - A like is one conditional update of the idea that flips `likedBy[openid]` and moves `likes` together,
 *   so a repeated tap (or a retry after the instance died) finds the condition false and counts nothing;
 *   50 members liking at once are 50 updates of one record, none conflicting.
 * - The rate window of a member lives in their users record (`ideaSeq`, `ideaTimes`), read with the
 *   profile and written by a compare-and-set on `ideaSeq`.
 *
 * Copies (the copy policy of ../port.ts): an idea keeps its author's display name (`authorName`), written
 * with the idea and rewritten on every idea of the member by `users.saveProfile` when they rename
 * themselves; ideas written before the copy existed fall back to the users records.
 */
import type { PlanVersion } from '../../../types'
import { newId } from '../../core/ids'
import type { IdeaPage, IdeaRecord, NewIdea, PlanCounts, PlanRecord, PlanStore, UpdatePlanOutcome } from '../port'
import { decodeCursor, encodeCursor } from '../cursor'
import { addOnce, getAll, getByIds, getDoc, key, retryOnce, type Condition, type Doc, type WxDb } from './db'
import { touchGrid, type GridDoc } from './grids'
import { gridNames } from './names'
import { awaitsDecision } from '../../../types/rules'

type PlanDoc = Doc &
  Omit<PlanRecord, 'id' | 'gridName'> & {
    /** Earlier texts, oldest first; absent on plans written before they moved into the record. */
    versions?: PlanVersion[]
    updatedAt?: string
  }

/** Ideas carry their grid so the stats can group them without a join. */
type IdeaDoc = Doc &
  Omit<IdeaRecord, 'id' | 'authorName'> & {
    gridId: string
    /** The copy of the author's name (absent on ideas written before the copy). */
    authorName?: string
    /** Who likes the idea: `true` while they do. */
    likedBy?: Record<string, boolean>
    /** 1 while the idea waits for the leaders (held for review, or visible without a decision). */
    waiting?: number
  }

type UserDoc = Doc & { name: string; ideaSeq?: number; ideaTimes?: string }

const ANONYMOUS = '团员青年'
/** How long a plan page's counts are trusted on an instance (see `pageCounts`). */
const PAGE_COUNTS_TTL_MS = 10_000
/** Tries of a compare-and-set before giving up (each failed try means another writer succeeded). */
const CAS_TRIES = 12

const planOf = (d: PlanDoc, gridName: string): PlanRecord => ({
  id: d._id,
  gridId: d.gridId,
  gridName,
  title: d.title,
  draft: d.draft,
  ideasUntil: d.ideasUntil,
  version: d.version,
  publishedBy: d.publishedBy,
  finalizedAt: d.finalizedAt,
  createdAt: d.createdAt,
})

const ideaOf = (d: IdeaDoc, authorName: string): IdeaRecord => ({
  id: d._id,
  planId: d.planId,
  openid: d.openid,
  authorName,
  content: d.content,
  status: d.status,
  likes: d.likes ?? 0,
  decision: d.decision ?? null,
  reply: d.reply ?? null,
  decidedAt: d.decidedAt ?? null,
  ...(d.reviewReason ? { reviewReason: d.reviewReason } : {}),
  createdAt: d.createdAt,
})

export function wxPlans(db: WxDb): PlanStore {
  const _ = db.command
  const $ = _.aggregate

  /** The public ideas of each plan and the adopted ones among them, in one aggregation. */
  async function countsOf(planIds: string[]): Promise<Map<string, PlanCounts>> {
    const counts = new Map<string, PlanCounts>()
    if (!planIds.length) return counts
    const { list } = await retryOnce(() =>
      ideas()
        .aggregate()
        .match({ planId: _.in(planIds), status: 'visible' })
        .group({
          _id: '$planId',
          ideaCount: $.sum(1),
          adoptedCount: $.sum($.cond({ if: $.in(['$decision', ['adopted', 'partial']]), then: 1, else: 0 })),
        })
        .limit(planIds.length)
        .end(),
    )
    for (const row of list)
      counts.set(row._id as string, { ideaCount: row.ideaCount as number, adoptedCount: row.adoptedCount as number })
    return counts
  }
  /**
   * A plan page's counts, per instance for PAGE_COUNTS_TTL_MS: a plan's page shows the same numbers as the
   * plan list (which always counts afresh), at most that old on another instance, and at once on the
   * instance that took the idea, decision or review (it forgets the plan's entry).
   */
  const pageCounts = new Map<string, { counts: PlanCounts; at: number }>()
  const forgetCounts = (planId: string) => pageCounts.delete(planId)
  const plans = () => db.collection('plans')
  const ideas = () => db.collection('ideas')
  const gridLabels = gridNames(db)
  /** Plans with their grid's current name (names are not copied: see the copy policy). */
  const named = async (docs: PlanDoc[]): Promise<PlanRecord[]> => {
    const labels = await gridLabels.get(docs.map((d) => d.gridId))
    return docs.map((d) => planOf(d, labels.get(d.gridId)?.name ?? ''))
  }
  const namedOne = async (doc: PlanDoc) => (await named([doc]))[0]

  /** The authors' names: the copies, and the users records only for ideas written before the copy. */
  const recordsOf = async (docs: IdeaDoc[]): Promise<IdeaRecord[]> => {
    const missing = docs.filter((d) => typeof d.authorName !== 'string').map((d) => d.openid)
    const users = missing.length ? await getByIds(db, 'users', missing) : []
    const names = new Map(users.map((u) => [u._id, u.name as string]))
    return docs.map((d) => ideaOf(d, d.authorName ?? names.get(d.openid) ?? ANONYMOUS))
  }
  const recordOf = async (doc: IdeaDoc) => (await recordsOf([doc]))[0]
  const idea = async (id: string) => {
    const doc = await getDoc<IdeaDoc>(db, 'ideas', id)
    if (!doc) throw new Error(`idea ${id} is missing`)
    return recordOf(doc)
  }

  /** Earlier versions, newest first: from the record, or `plan_versions` for plans written before. */
  const historyOf = async (doc: PlanDoc): Promise<PlanVersion[]> => {
    if (doc.versions) return [...doc.versions].sort((a, b) => a.version - b.version)
    const legacy = await getAll(db.collection('plan_versions').where({ planId: doc._id }))
    return legacy
      .map((v) => ({
        version: v.version as number,
        title: v.title as string,
        draft: v.draft as string,
        savedAt: v.savedAt as string,
      }))
      .sort((a, b) => a.version - b.version)
  }

  return {
    async create(input, now) {
      const grid = await getDoc<GridDoc>(db, 'grids', input.gridId)
      const id = newId()
      const at = now.toISOString()
      const doc: PlanDoc = {
        _id: id,
        ...input,
        version: 1,
        finalizedAt: null,
        createdAt: at,
        updatedAt: at,
        versions: [],
      }
      await addOnce(db, 'plans', doc)
      await touchGrid(db, input.gridId, at)
      return planOf(doc, grid?.name ?? '')
    },
    async get(planId) {
      const doc = await getDoc<PlanDoc>(db, 'plans', planId)
      if (!doc) return null
      return { ...(await namedOne(doc)), versions: (await historyOf(doc)).reverse() }
    },
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
        const conditions: Condition[] = [{ gridId: pass ? _.in(mine) : _.nin(mine) }]
        if (gridId) conditions.push({ gridId })
        if (after && after[0] === pass) {
          conditions.push(_.or([{ createdAt: _.lt(after[1]) }, { createdAt: after[1], _id: _.lt(after[2]) }]))
        }
        const { data } = await retryOnce(() =>
          plans()
            .where(_.and(conditions))
            .orderBy('createdAt', 'desc')
            .orderBy('_id', 'desc')
            .field({ versions: false })
            .limit(limit - items.length + 1)
            .get(),
        )
        const take = (data as PlanDoc[]).slice(0, limit - items.length)
        items.push(...(await named(take)))
        const tail = take[take.length - 1]
        if (tail) last = [pass, tail.createdAt, tail._id]
        if (data.length > take.length) {
          more = true
          break
        }
      }
      const counts = await countsOf(items.map((p) => p.id))
      const counted = items.map((p) => ({ ...p, ...(counts.get(p.id) ?? { ideaCount: 0, adoptedCount: 0 }) }))
      return more && last ? { items: counted, nextCursor: encodeCursor(last) } : { items: counted }
    },
    async update(planId, patch, now): Promise<UpdatePlanOutcome> {
      const at = now.toISOString()
      for (let attempt = 0; attempt < CAS_TRIES; attempt++) {
        const doc = await getDoc<PlanDoc>(db, 'plans', planId)
        if (!doc) return { ok: false, reason: 'missing' }
        if (doc.finalizedAt) return { ok: false, reason: 'closed' }
        const saved: PlanVersion = {
          version: doc.version,
          title: doc.title,
          draft: doc.draft,
          savedAt: doc.updatedAt ?? doc.createdAt,
        }
        const versions = [...(await historyOf(doc)), saved]
        const fields: Record<string, unknown> = {}
        for (const [field, value] of Object.entries(patch)) if (value !== undefined) fields[field] = value
        const { stats } = await retryOnce(() =>
          plans()
            .where({ _id: planId, version: doc.version, finalizedAt: null })
            .update({ data: { ...fields, version: doc.version + 1, updatedAt: at, versions: _.set(versions) } }),
        )
        if (stats.updated === 1)
          return { ok: true, plan: await namedOne({ ...doc, ...fields, version: doc.version + 1 }) }
        // Another edit (or the finalize) came first: read again.
      }
      throw new Error(`plans.update: plan ${planId} kept changing`)
    },
    async finalize(planId, now) {
      const at = now.toISOString()
      await retryOnce(() =>
        plans()
          .where({ _id: planId, finalizedAt: null })
          .update({ data: { finalizedAt: at, updatedAt: at } }),
      )
      const doc = await getDoc<PlanDoc>(db, 'plans', planId)
      if (!doc) throw new Error(`plan ${planId} is missing`)
      return namedOne(doc)
    },
    async versions(planId) {
      const doc = await getDoc<PlanDoc>(db, 'plans', planId)
      return doc ? (await historyOf(doc)).reverse() : []
    },
    async ideas(planId, viewer) {
      const docs = (await getAll(ideas().where({ planId }).orderBy('createdAt', 'desc'))) as IdeaDoc[]
      const records = await recordsOf(docs)
      return records.map((r, n) => ({ ...r, likedByMe: docs[n].likedBy?.[viewer] === true }))
    },
    async counts(planId) {
      const hit = pageCounts.get(planId)
      if (hit && Date.now() - hit.at < PAGE_COUNTS_TTL_MS) return hit.counts
      const counts = (await countsOf([planId])).get(planId) ?? { ideaCount: 0, adoptedCount: 0 }
      pageCounts.set(planId, { counts, at: Date.now() })
      return counts
    },
    async ideaPage(planId, { viewer, manager, sort, cursor, limit }): Promise<IdeaPage> {
      // Every key descending: the waiting ones first for managers, then likes (when asked), then newest.
      const keys = [...(manager ? ['waiting'] : []), ...(sort === 'likes' ? ['likes'] : []), 'createdAt', '_id']
      const conditions: Condition[] = [
        { planId },
        manager
          ? _.or([{ status: _.in(['visible', 'pending_review']) }, { openid: viewer }])
          : _.or([{ status: 'visible' }, { openid: viewer }]),
      ]
      const after = decodeCursor(cursor)
      if (after && after.length === keys.length) {
        conditions.push(
          _.or(
            keys.map((k, n) => {
              const branch: Condition = {}
              for (let m = 0; m < n; m++) branch[keys[m]] = after[m]
              branch[k] = _.lt(after[n])
              return branch
            }),
          ),
        )
      }
      const { data } = await retryOnce(() => {
        let query = ideas().where(_.and(conditions))
        for (const k of keys) query = query.orderBy(k, 'desc')
        return query.limit(limit + 1).get()
      })
      const rows = data as IdeaDoc[]
      const page = rows.slice(0, limit)
      const records = await recordsOf(page)
      const items = records.map((r, n) => ({ ...r, likedByMe: page[n].likedBy?.[viewer] === true }))
      let awaiting = 0
      if (manager) {
        // The waiting ideas come first: the first page counts them unless it holds nothing else.
        const waitingHere = page.filter((d) => d.waiting === 1).length
        awaiting =
          !after && (waitingHere < page.length || rows.length <= limit)
            ? waitingHere
            : (await retryOnce(() => ideas().where({ planId, waiting: 1 }).count())).total
      }
      const last = page[page.length - 1]
      if (rows.length <= limit || !last) return { items, awaiting }
      const lastKeys = keys.map((k) => (k === 'waiting' ? (last.waiting ?? 0) : (last[k] as string | number)))
      return { items, awaiting, nextCursor: encodeCursor(lastKeys) }
    },
    async getIdea(ideaId) {
      const doc = await getDoc<IdeaDoc>(db, 'ideas', ideaId)
      return doc ? recordOf(doc) : null
    },
    async addIdea(input: NewIdea, now, rate) {
      const at = now.toISOString()
      const since = new Date(now.getTime() - rate.windowMinutes * 60_000).toISOString()
      const users = db.collection('users')

      // 1. The author: profile and rate window in one read, the window taken by a compare-and-set on
      // `ideaSeq` (a failed set means another idea of theirs came first: read again).
      let author: UserDoc | null = null
      for (let attempt = 0; !author; attempt++) {
        if (attempt === CAS_TRIES) throw new Error(`plans.addIdea: the rate window of ${input.openid} kept changing`)
        const user = await getDoc<UserDoc>(db, 'users', input.openid)
        if (!user) return { ok: false, reason: 'no_profile' }
        const recent = (user.ideaTimes ?? '').split(',').filter((t) => t > since)
        if (recent.length >= rate.max) return { ok: false, reason: 'rate_limited' }
        const seq = user.ideaSeq
        const { stats } = await retryOnce(() =>
          users
            .where({ _id: input.openid, ideaSeq: seq === undefined ? _.exists(false) : seq })
            .update({ data: { ideaSeq: (seq ?? 0) + 1, ideaTimes: [...recent, at].join(',') } }),
        )
        if (stats.updated === 1) author = user
      }

      // 2. The plan, checked by a write: it must still collect ideas at this moment.
      let gridId = input.gridId
      if (!gridId) {
        const plan = await getDoc<PlanDoc>(db, 'plans', input.planId)
        if (!plan) return { ok: false, reason: 'missing' }
        gridId = plan.gridId
      }
      const open = await retryOnce(() =>
        plans()
          .where({ _id: input.planId, finalizedAt: null, ideasUntil: _.or([_.eq(null), _.gt(at)]) })
          .update({ data: { lastIdeaAt: at } }),
      )
      if (open.stats.updated !== 1)
        return (await getDoc(db, 'plans', input.planId))
          ? { ok: false, reason: 'closed' }
          : { ok: false, reason: 'missing' }

      // 3. The idea. (An instance that dies between 2 and 3 stores nothing; the member sends it again.)
      const doc: IdeaDoc = {
        _id: newId(12),
        planId: input.planId,
        openid: input.openid,
        authorName: author.name,
        content: input.content,
        status: input.status,
        gridId,
        likes: 0,
        likedBy: {},
        waiting: awaitsDecision({ status: input.status, decision: null }) ? 1 : 0,
        decision: null,
        reply: null,
        decidedAt: null,
        createdAt: at,
      }
      // false only when the id exists, which for a fresh id means an earlier try of this very add wrote it.
      await addOnce(db, 'ideas', doc)
      forgetCounts(input.planId)
      return { ok: true, idea: ideaOf(doc, author.name) }
    },
    async like(ideaId, openid, wanted) {
      // One update flips this member's like and moves the count with it, or (already so) changes nothing.
      await retryOnce(() =>
        ideas()
          .where({ _id: ideaId, [`likedBy.${openid}`]: wanted ? _.neq(true) : true })
          .update({ data: { likedBy: { [openid]: wanted }, likes: _.inc(wanted ? 1 : -1) } }),
      )
      const doc = await getDoc<IdeaDoc>(db, 'ideas', ideaId)
      return { likes: doc?.likes ?? 0, likedByMe: wanted }
    },
    async decide(ideaId, decision, reply, now) {
      // A plain update: the adoption counts are counted from the ideas, so concurrent replies cannot skew them.
      await retryOnce(() =>
        ideas()
          .doc(ideaId)
          .update({
            data: {
              decision,
              reply,
              decidedAt: now.toISOString(),
              waiting: awaitsDecision({ status: 'visible', decision }) ? 1 : 0,
            },
          }),
      )
      const decided = await idea(ideaId)
      forgetCounts(decided.planId)
      return decided
    },
    /**
     * 2 operations: the conditional update (only a held idea changes, so a retry or a second leader changes
     * nothing) and the idea read back. `applied` comes from the update's count (a retry whose first try was
     * applied unanswered sees 0; the handler answers it from the idea's state).
     */
    async review(ideaId, approve, reason) {
      const status = approve ? 'visible' : 'rejected'
      const reviewReason = approve ? null : (reason ?? null)
      const { stats } = await retryOnce(() =>
        ideas()
          .where({ _id: ideaId, status: 'pending_review' })
          .update({
            data: { status, reviewReason, waiting: awaitsDecision({ status, decision: null }) ? 1 : 0 },
          }),
      )
      const reviewed = await idea(ideaId)
      forgetCounts(reviewed.planId)
      return { idea: reviewed, applied: stats.updated === 1 }
    },
    async creditAdopted(planId, summonId) {
      const adopted = await getAll(ideas().where({ planId, status: 'visible', decision: _.in(['adopted', 'partial']) }))
      // The credit's id is its idempotency key: crediting again (a retry) credits nobody twice.
      const added = await Promise.all(
        adopted.map((i) =>
          addOnce(db, 'summon_credits', { _id: key(summonId, i._id), summonId, ideaId: i._id, openid: i.openid }),
        ),
      )
      return added.filter(Boolean).length
    },
    async creditsOf(summonId) {
      const credits = await getAll(db.collection('summon_credits').where({ summonId }))
      const docs = credits.length
        ? ((await getByIds(
            db,
            'ideas',
            credits.map((c) => c.ideaId as string),
          )) as IdeaDoc[])
        : []
      docs.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a._id.localeCompare(b._id))
      return (await recordsOf(docs)).map((r) => r.authorName)
    },
  }
}
