import type { Statement } from 'better-sqlite3'
import type { Decision, Id, PlanVersion } from '../../../types'
import { newId } from '../../core/ids'
import type {
  IdeaPage,
  IdeaPageQuery,
  IdeaRecord,
  NewIdea,
  PlanCounts,
  PlanRecord,
  PlanStore,
  UpdatePlanOutcome,
} from '../port'
import { decodeCursor, encodeCursor } from '../cursor'
import { statementCache, type Db } from './db'

interface PlanRow {
  id: Id
  grid_id: Id
  grid_name: string
  title: string
  draft: string
  ideas_until: string | null
  version: number
  published_by: string
  finalized_at: string | null
  created_at: string
}

type CountedPlanRow = PlanRow & { idea_count: number; adopted_count: number }

interface IdeaRow {
  id: Id
  plan_id: Id
  openid: string
  author_name: string | null
  content: string
  status: IdeaRecord['status']
  likes: number
  decision: Decision | null
  reply: string | null
  decided_at: string | null
  review_reason?: string | null
  created_at: string
}

const SELECT_PLAN = `SELECT p.*, g.name AS grid_name FROM plans p JOIN grids g ON g.id = p.grid_id`

/** The counts are the plan's columns, kept by triggers with every idea write (migration 12). */
const SELECT_COUNTED_PLAN = `
  SELECT p.*, g.name AS grid_name
  FROM plans p JOIN grids g ON g.id = p.grid_id`

const SELECT_IDEA = `
  SELECT i.*, u.name AS author_name FROM ideas i LEFT JOIN users u ON u.openid = i.openid`

const planOf = (r: PlanRow): PlanRecord => ({
  id: r.id,
  gridId: r.grid_id,
  gridName: r.grid_name,
  title: r.title,
  draft: r.draft,
  ideasUntil: r.ideas_until,
  version: r.version,
  publishedBy: r.published_by,
  finalizedAt: r.finalized_at,
  createdAt: r.created_at,
})

const countedPlanOf = (r: CountedPlanRow): PlanRecord & PlanCounts => ({
  ...planOf(r),
  ideaCount: r.idea_count,
  adoptedCount: r.adopted_count,
})

const ideaOf = (r: IdeaRow): IdeaRecord => ({
  id: r.id,
  planId: r.plan_id,
  openid: r.openid,
  authorName: r.author_name ?? '团员青年',
  content: r.content,
  status: r.status,
  likes: r.likes,
  decision: r.decision,
  reply: r.reply,
  decidedAt: r.decided_at,
  ...(r.review_reason ? { reviewReason: r.review_reason } : {}),
  createdAt: r.created_at,
})

export function sqlitePlans(db: Db): PlanStore {
  const prepared = statementCache(db)
  const getPlan = db.prepare<[Id], PlanRow>(`${SELECT_PLAN} WHERE p.id = ?`)
  const countsOf = db.prepare<[Id], CountedPlanRow>(`${SELECT_COUNTED_PLAN} WHERE p.id = ?`)
  const getIdea = db.prepare<[Id], IdeaRow>(`${SELECT_IDEA} WHERE i.id = ?`)
  const insertPlan = db.prepare(`
    INSERT INTO plans (id, grid_id, title, draft, ideas_until, published_by, created_at, updated_at)
    VALUES (@id, @gridId, @title, @draft, @ideasUntil, @publishedBy, @now, @now)`)
  const saveVersion = db.prepare(`
    INSERT INTO plan_versions (plan_id, version, title, draft, saved_at)
    SELECT id, version, title, draft, updated_at FROM plans WHERE id = ?`)
  const versions = db.prepare<[Id], { version: number; title: string; draft: string; saved_at: string }>(
    'SELECT version, title, draft, saved_at FROM plan_versions WHERE plan_id = ? ORDER BY version DESC',
  )
  const finalize = db.prepare('UPDATE plans SET finalized_at = coalesce(finalized_at, ?), updated_at = ? WHERE id = ?')
  const ideasOf = db.prepare<[string, Id], IdeaRow & { liked: number }>(`
    SELECT i.*, u.name AS author_name,
      EXISTS (SELECT 1 FROM idea_likes l WHERE l.idea_id = i.id AND l.openid = ?) AS liked
    FROM ideas i LEFT JOIN users u ON u.openid = i.openid WHERE i.plan_id = ? ORDER BY i.created_at DESC, i.id DESC`)
  const recentIdeas = db.prepare<[string, string], { n: number }>(
    'SELECT count(*) AS n FROM ideas WHERE openid = ? AND created_at > ?',
  )
  const insertIdea = db.prepare(`
    INSERT INTO ideas (id, plan_id, openid, content, status, created_at)
    VALUES (@id, @planId, @openid, @content, @status, @now)`)
  const addLike = db.prepare('INSERT OR IGNORE INTO idea_likes (idea_id, openid, at) VALUES (?, ?, ?)')
  const removeLike = db.prepare('DELETE FROM idea_likes WHERE idea_id = ? AND openid = ?')
  const bumpLikes = db.prepare<[number, Id], { likes: number }>(
    'UPDATE ideas SET likes = likes + ? WHERE id = ? RETURNING likes',
  )
  const decide = db.prepare('UPDATE ideas SET decision = ?, reply = ?, decided_at = ? WHERE id = ?')
  const review = db.prepare("UPDATE ideas SET status = ?, review_reason = ? WHERE id = ? AND status = 'pending_review'")
  const credit = db.prepare(`
    INSERT OR IGNORE INTO summon_credits (summon_id, idea_id, openid)
    SELECT ?, id, openid FROM ideas WHERE plan_id = ? AND status = 'visible' AND decision IN ('adopted', 'partial')`)

  const creditsOf = db.prepare<[Id], { name: string }>(`
    SELECT coalesce(u.name, '团员青年') AS name FROM summon_credits c JOIN ideas i ON i.id = c.idea_id
    LEFT JOIN users u ON u.openid = c.openid WHERE c.summon_id = ? ORDER BY i.created_at, i.id`)

  const versionsOf = (planId: Id) =>
    versions
      .all(planId)
      .map((v): PlanVersion => ({ version: v.version, title: v.title, draft: v.draft, savedAt: v.saved_at }))
  const plan = (planId: Id) => {
    const row = getPlan.get(planId)
    return row ? planOf(row) : null
  }
  const idea = (ideaId: Id) => ideaOf(getIdea.get(ideaId)!)

  const planState = db.prepare<[Id], { finalized_at: string | null; ideas_until: string | null }>(
    'SELECT finalized_at, ideas_until FROM plans WHERE id = ?',
  )
  const hasProfile = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM users WHERE openid = ?')

  // One transaction: the finalized check, the saved version and the edit (no edit lands on a final plan).
  const update = db.transaction((planId: Id, patch: Record<string, unknown>, now: Date): UpdatePlanOutcome => {
    const state = planState.get(planId)
    if (!state) return { ok: false, reason: 'missing' }
    if (state.finalized_at) return { ok: false, reason: 'closed' }
    saveVersion.run(planId)
    const cols: Record<string, unknown> = { ...patch, updated_at: now.toISOString() }
    const sets = Object.keys(cols).map((c) => `${c} = @${c}`)
    db.prepare(`UPDATE plans SET ${sets.join(', ')}, version = version + 1 WHERE id = @id`).run({ ...cols, id: planId })
    return { ok: true, plan: plan(planId)! }
  })

  const addIdea = db.transaction((input: NewIdea, now: Date, rate: { max: number; windowMinutes: number }) => {
    // The profile, the plan's state, the rate count and the insert in one transaction: a plan finalized
    // while the content check was under way takes no idea.
    if (!hasProfile.get(input.openid)) return { ok: false, reason: 'no_profile' } as const
    const state = planState.get(input.planId)
    if (!state) return { ok: false, reason: 'missing' } as const
    const at = now.toISOString()
    if (state.finalized_at || (state.ideas_until && at >= state.ideas_until))
      return { ok: false, reason: 'closed' } as const
    const since = new Date(now.getTime() - rate.windowMinutes * 60_000).toISOString()
    if (recentIdeas.get(input.openid, since)!.n >= rate.max) return { ok: false, reason: 'rate_limited' } as const
    const id = newId(12)
    insertIdea.run({
      planId: input.planId,
      openid: input.openid,
      content: input.content,
      status: input.status,
      id,
      now: at,
    })
    return { ok: true, idea: idea(id) } as const
  })

  const like = db.transaction((ideaId: Id, openid: string, wanted: boolean, now: Date) => {
    const changed = wanted
      ? addLike.run(ideaId, openid, now.toISOString()).changes
      : removeLike.run(ideaId, openid).changes
    const likes = changed ? bumpLikes.get(wanted ? 1 : -1, ideaId)!.likes : idea(ideaId).likes
    return { likes, likedByMe: wanted }
  })

  return {
    async create(input, now) {
      const id = newId()
      insertPlan.run({ ...input, id, now: now.toISOString() })
      return plan(id)!
    },
    async get(planId) {
      const found = plan(planId)
      return found ? { ...found, versions: versionsOf(planId) } : null
    },
    async counts(planId) {
      const row = countsOf.get(planId)
      return { ideaCount: row?.idea_count ?? 0, adoptedCount: row?.adopted_count ?? 0 }
    },
    async list({ openid, gridId, cursor, limit }) {
      return listPlans(db, { openid, gridId, cursor, limit })
    },
    async update(planId, patch, now) {
      const cols: Record<string, unknown> = {}
      if (patch.title !== undefined) cols.title = patch.title
      if (patch.draft !== undefined) cols.draft = patch.draft
      if (patch.ideasUntil !== undefined) cols.ideas_until = patch.ideasUntil
      return update.immediate(planId, cols, now)
    },
    async finalize(planId, now) {
      finalize.run(now.toISOString(), now.toISOString(), planId)
      return plan(planId)!
    },
    async versions(planId) {
      return versionsOf(planId)
    },
    async ideas(planId, viewer) {
      return ideasOf.all(viewer, planId).map((r) => ({ ...ideaOf(r), likedByMe: r.liked === 1 }))
    },
    async ideaPage(planId, query) {
      return ideaPage(prepared, planId, query)
    },
    async getIdea(ideaId) {
      const row = getIdea.get(ideaId)
      return row ? ideaOf(row) : null
    },
    async addIdea(input, now, rate) {
      return addIdea.immediate(input, now, rate)
    },
    async like(ideaId, openid, wanted, now) {
      return like.immediate(ideaId, openid, wanted, now)
    },
    async decide(ideaId, decision, reply, now) {
      decide.run(decision, reply, now.toISOString(), ideaId)
      return idea(ideaId)
    },
    async review(ideaId, approve, reason) {
      const applied = review.run(approve ? 'visible' : 'rejected', approve ? null : (reason ?? null), ideaId).changes
      return { idea: idea(ideaId), applied: applied === 1 }
    },
    async creditAdopted(planId, summonId) {
      return credit.run(summonId, planId).changes
    },
    async creditsOf(summonId) {
      return creditsOf.all(summonId).map((r) => r.name)
    },
  }
}

/** Plans of the viewer's grids first, then the rest; newest first within each. Keyset pagination. */
function listPlans(db: Db, q: { openid: string; gridId?: Id; cursor?: string; limit: number }) {
  const params: Record<string, unknown> = { openid: q.openid, limit: q.limit + 1 }
  const where: string[] = []
  if (q.gridId) {
    where.push('grid_id = @gridId')
    params.gridId = q.gridId
  }
  const after = decodeCursor(q.cursor)
  if (after && after.length === 3) {
    where.push('(mine, created_at, id) < (@m, @c, @i)')
    Object.assign(params, { m: after[0], c: after[1], i: after[2] })
  }
  const rows = db
    .prepare(
      `
      SELECT * FROM (
        SELECT x.*, (x.grid_id IN (SELECT grid_id FROM grid_members WHERE openid = @openid
          UNION SELECT grid_id FROM grid_leaders WHERE openid = @openid)) AS mine
        FROM (${SELECT_COUNTED_PLAN}) x)
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY mine DESC, created_at DESC, id DESC LIMIT @limit`,
    )
    .all(params) as (CountedPlanRow & { mine: number })[]
  const page = rows.slice(0, q.limit)
  const last = page[page.length - 1]
  const items = page.map(countedPlanOf)
  return rows.length > q.limit && last
    ? { items, nextCursor: encodeCursor([last.mine, last.created_at, last.id]) }
    : { items }
}

/**
 * One page of the ideas a viewer may see: managers get the ideas waiting for them first; then the most
 * liked (for `likes`), then the newest. Keyset pagination over the sort keys, all descending; the cursor
 * keeps (waiting, likes or 0, created_at, id). Each segment (managers: the waiting ones, then the rest) is
 * one seek on the plan's index in the page's order (ideas_plan_likes or ideas_plan_page), so a deep page
 * costs what the first does; only the managers' waiting segment, their queue of things to do, is sorted.
 */
function ideaPage(prepare: (sql: string) => Statement, planId: Id, q: IdeaPageQuery): IdeaPage {
  // The SQL form of `awaitsDecision` (types/rules.ts): held for review, or shown and not yet answered.
  const waiting = "(i.status = 'pending_review' OR (i.status = 'visible' AND i.decision IS NULL))"
  const visible = q.manager
    ? "(i.status IN ('visible', 'pending_review') OR i.openid = @viewer)"
    : "(i.status = 'visible' OR i.openid = @viewer)"
  const likes = q.sort === 'likes'
  const after = decodeCursor(q.cursor)
  const cursor = after && after.length === 4 ? after : null
  const segments = q.manager ? [1, 0] : [0]
  const rows: (IdeaRow & { liked: number; k0: number })[] = []
  for (const segment of segments) {
    if (rows.length > q.limit) break
    if (cursor && q.manager && segment > Number(cursor[0])) continue
    const continues = cursor !== null && (!q.manager || Number(cursor[0]) === segment)
    const where = ['i.plan_id = @planId', visible]
    if (q.manager) where.push(segment === 1 ? waiting : `NOT ${waiting}`)
    if (continues)
      where.push(likes ? '(i.likes, i.created_at, i.id) < (@k1, @k2, @k3)' : '(i.created_at, i.id) < (@k2, @k3)')
    const index = segment === 1 ? '' : `INDEXED BY ${likes ? 'ideas_plan_likes' : 'ideas_plan_page'}`
    const found = prepare(
      `SELECT i.*, u.name AS author_name, ${segment} AS k0,
        EXISTS (SELECT 1 FROM idea_likes l WHERE l.idea_id = i.id AND l.openid = @viewer) AS liked
      FROM ideas i ${index} LEFT JOIN users u ON u.openid = i.openid
      WHERE ${where.join(' AND ')}
      ORDER BY ${likes ? 'i.likes DESC, ' : ''}i.created_at DESC, i.id DESC LIMIT @limit`,
    ).all({
      planId,
      viewer: q.viewer,
      limit: q.limit + 1 - rows.length,
      ...(continues ? { k1: cursor[1], k2: cursor[2], k3: cursor[3] } : {}),
    }) as (IdeaRow & { liked: number; k0: number })[]
    rows.push(...found)
  }
  const page = rows.slice(0, q.limit)
  const last = page[page.length - 1]
  const awaiting = q.manager
    ? (prepare(`SELECT count(*) AS n FROM ideas i WHERE i.plan_id = ? AND ${waiting}`).get(planId) as { n: number }).n
    : 0
  const items = page.map((r) => ({ ...ideaOf(r), likedByMe: r.liked === 1 }))
  return rows.length > q.limit && last
    ? {
        items,
        awaiting,
        nextCursor: encodeCursor([last.k0, likes ? last.likes : 0, last.created_at, last.id]),
      }
    : { items, awaiting }
}
