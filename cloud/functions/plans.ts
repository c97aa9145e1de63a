import { z } from 'zod'
import type { Idea, Plan } from '../../types'
import type { AuthedCtx } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { AppError, notFound } from '../core/errors'
import { canManageGrid, requireGridLeader, requireProfile } from '../core/roles'
import { cursor, id, isoTime, text } from '../core/validate'
import { canSeeIdea, IDEA_RATE, planState } from '../domain/plans'
import type { IdeaRecord, PlanRecord } from '../store/port'

export function planOf(r: PlanRecord, now: Date): Plan {
  return {
    id: r.id,
    gridId: r.gridId,
    gridName: r.gridName,
    title: r.title,
    draft: r.draft,
    ideasUntil: r.ideasUntil,
    state: planState(r, now),
    version: r.version,
    finalizedAt: r.finalizedAt,
    createdAt: r.createdAt,
  }
}

function ideaOf(r: IdeaRecord, viewer: string, likedByMe = false): Idea {
  const idea: Idea = {
    id: r.id,
    planId: r.planId,
    author: { name: r.authorName },
    content: r.content,
    likes: r.likes,
    likedByMe,
    status: r.status,
    mine: r.openid === viewer,
    at: r.createdAt,
  }
  if (r.decision) idea.decision = r.decision
  if (r.reply !== null) idea.reply = r.reply
  if (r.decidedAt) idea.decidedAt = r.decidedAt
  return idea
}

async function loadPlan(ctx: AuthedCtx, planId: string): Promise<PlanRecord> {
  const plan = await ctx.store.plans.get(planId)
  if (!plan) throw notFound('没有找到这个方案')
  return plan
}

async function requirePlanLeader(ctx: AuthedCtx, planId: string): Promise<PlanRecord> {
  const plan = await loadPlan(ctx, planId)
  await requireGridLeader(ctx, plan.gridId)
  return plan
}

/** An idea the caller may see, with its plan; NOT_FOUND otherwise (hidden ideas do not exist for them). */
async function loadIdea(ctx: AuthedCtx, ideaId: string) {
  const idea = await ctx.store.plans.getIdea(ideaId)
  const plan = idea && (await ctx.store.plans.get(idea.planId))
  if (!idea || !plan) throw notFound('没有找到这条建议')
  const manager = await canManageGrid(ctx, plan.gridId)
  if (!canSeeIdea(idea, ctx.openid, manager)) throw notFound('没有找到这条建议')
  return { idea, plan, manager }
}

/** Leaders see ideas waiting for them first; then newest (or most liked) first. */
function sortIdeas<T extends IdeaRecord & { likedByMe: boolean }>(
  ideas: T[],
  sort: 'newest' | 'likes',
  manager: boolean,
): T[] {
  const waiting = (i: IdeaRecord) =>
    manager && (i.status === 'pending_review' || (i.status === 'visible' && !i.decision)) ? 0 : 1
  return [...ideas].sort(
    (a, b) =>
      waiting(a) - waiting(b) ||
      (sort === 'likes' ? b.likes - a.likes : 0) ||
      b.createdAt.localeCompare(a.createdAt) ||
      b.id.localeCompare(a.id),
  )
}

const planFields = { title: text(2, 40), draft: text(1, 5000) }

export const plans: FunctionHandlers<'plans'> = {
  publish: {
    schema: z.object({ gridId: id, ...planFields, ideasUntil: isoTime.optional() }).strict(),
    async run(req, ctx) {
      await requireGridLeader(ctx, req.gridId)
      const now = ctx.now()
      const plan = await ctx.store.plans.create(
        {
          gridId: req.gridId,
          title: req.title,
          draft: req.draft,
          ideasUntil: req.ideasUntil ?? null,
          publishedBy: ctx.openid,
        },
        now,
      )
      return planOf(plan, now)
    },
  },
  list: {
    schema: z.object({ gridId: id.optional(), cursor }).strict(),
    async run(req, ctx) {
      const now = ctx.now()
      const page = await ctx.store.plans.list({ ...req, openid: ctx.openid, limit: 20 })
      return {
        ...page,
        items: page.items.map((p) => ({
          id: p.id,
          title: p.title,
          gridName: p.gridName,
          ideaCount: p.ideaCount,
          adoptedCount: p.adoptedCount,
          state: planState(p, now),
        })),
      }
    },
  },
  get: {
    schema: z.object({ planId: id, sort: z.enum(['newest', 'likes']).optional() }).strict(),
    async run({ planId, sort = 'newest' }, ctx) {
      const plan = await loadPlan(ctx, planId)
      const [manager, all, versions] = await Promise.all([
        canManageGrid(ctx, plan.gridId),
        ctx.store.plans.ideas(planId, ctx.openid),
        ctx.store.plans.versions(planId),
      ])
      const visible = all.filter((i) => canSeeIdea(i, ctx.openid, manager))
      const awaiting = manager
        ? visible.filter((i) => i.status === 'pending_review' || (i.status === 'visible' && !i.decision)).length
        : 0
      return {
        ...planOf(plan, ctx.now()),
        ideas: sortIdeas(visible, sort, manager).map((i) => ideaOf(i, ctx.openid, i.likedByMe)),
        canManage: manager,
        versions,
        awaiting,
      }
    },
  },
  update: {
    schema: z
      .object({
        planId: id,
        title: planFields.title.optional(),
        draft: planFields.draft.optional(),
        ideasUntil: isoTime.nullable().optional(),
      })
      .strict(),
    async run({ planId, ...patch }, ctx) {
      const plan = await requirePlanLeader(ctx, planId)
      if (plan.finalizedAt) throw new AppError('CLOSED', '方案已定稿，不能再修改了')
      return planOf(await ctx.store.plans.update(planId, patch, ctx.now()), ctx.now())
    },
  },
  finalize: {
    schema: z.object({ planId: id }).strict(),
    async run({ planId }, ctx) {
      await requirePlanLeader(ctx, planId)
      return planOf(await ctx.store.plans.finalize(planId, ctx.now()), ctx.now())
    },
  },
  addIdea: {
    // Not trimmed: ideas are stored and answered exactly as written.
    schema: z
      .object({
        planId: id,
        content: z
          .string()
          .max(500)
          .refine((s) => s.trim().length > 0, '不能为空'),
      })
      .strict(),
    async run({ planId, content }, ctx) {
      await requireProfile(ctx)
      const plan = await loadPlan(ctx, planId)
      if (planState(plan, ctx.now()) !== 'collecting') throw new AppError('CLOSED', '这个方案已经不再征集建议了')
      const verdict = await ctx.platform.checkText(content, ctx.openid)
      if (verdict === 'risky')
        throw new AppError('CONTENT_REJECTED', '内容含有不适宜发布的信息，请修改后再提交', {
          content: '内容不适宜发布',
        })
      const status = verdict === 'review' ? 'pending_review' : 'visible'
      const outcome = await ctx.store.plans.addIdea(
        { planId, openid: ctx.openid, content, status },
        ctx.now(),
        IDEA_RATE,
      )
      if (!outcome.ok)
        throw new AppError(
          'RATE_LIMITED',
          `提交太频繁了，${IDEA_RATE.windowMinutes} 分钟内最多提 ${IDEA_RATE.max} 条建议`,
        )
      return ideaOf(outcome.idea, ctx.openid)
    },
  },
  likeIdea: {
    schema: z.object({ ideaId: id, like: z.boolean() }).strict(),
    async run({ ideaId, like }, ctx) {
      const { idea } = await loadIdea(ctx, ideaId)
      if (idea.status !== 'visible') throw new AppError('CONFLICT', '这条建议还在审核中，暂时不能点赞')
      return ctx.store.plans.like(ideaId, ctx.openid, like, ctx.now())
    },
  },
  replyIdea: {
    schema: z
      .object({ ideaId: id, decision: z.enum(['adopted', 'partial', 'declined']), reply: text(1, 300) })
      .strict(),
    async run({ ideaId, decision, reply }, ctx) {
      const { idea, plan } = await loadIdea(ctx, ideaId)
      await requireGridLeader(ctx, plan.gridId)
      if (idea.status !== 'visible') throw new AppError('CONFLICT', '请先审核通过这条建议，再回复采纳情况')
      return ideaOf(await ctx.store.plans.decide(ideaId, decision, reply, ctx.now()), ctx.openid)
    },
  },
  reviewIdea: {
    schema: z.object({ ideaId: id, approve: z.boolean() }).strict(),
    async run({ ideaId, approve }, ctx) {
      const { idea, plan } = await loadIdea(ctx, ideaId)
      await requireGridLeader(ctx, plan.gridId)
      if (idea.status !== 'pending_review') throw new AppError('CONFLICT', '这条建议不在待审核状态')
      return ideaOf(await ctx.store.plans.review(ideaId, approve), ctx.openid)
    },
  },
}
