import { z } from 'zod'
import { charCount, REVIEW_REASON_MAX } from '../../types/rules'
import type { Idea, Plan, PlanDetail } from '../../types'
import type { AuthedCtx } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { leaderOf } from '../core/access'
import { AppError, notFound } from '../core/errors'
import { notifyIdeaAnswer, notifyIdeaReview } from '../jobs/notices'
import { canManageGrid, requireGridLeader } from '../core/roles'
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
  if (r.reviewReason && r.status === 'rejected') idea.reviewReason = r.reviewReason
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

/**
 * `loadIdea` once per request for the review: `access` loads it to find the grid, `run` reuses that read
 * (the same context object goes through both; the store's conditional write guards what changed meanwhile).
 */
const reviewTargets = new WeakMap<AuthedCtx, Map<string, ReturnType<typeof loadIdea>>>()
function reviewTarget(ctx: AuthedCtx, ideaId: string): ReturnType<typeof loadIdea> {
  const loaded = reviewTargets.get(ctx) ?? new Map<string, ReturnType<typeof loadIdea>>()
  reviewTargets.set(ctx, loaded)
  const target = loaded.get(ideaId) ?? loadIdea(ctx, ideaId)
  loaded.set(ideaId, target)
  return target
}

/**
 * An idea the caller may see, without its plan: a visible idea (or the caller's own) needs no more reads;
 * only one held for review asks whether the caller manages the plan's grid.
 */
async function loadSeenIdea(ctx: AuthedCtx, ideaId: string): Promise<IdeaRecord> {
  const idea = await ctx.store.plans.getIdea(ideaId)
  if (idea && canSeeIdea(idea, ctx.openid, false)) return idea
  if (idea && canSeeIdea(idea, ctx.openid, true)) {
    const plan = await ctx.store.plans.get(idea.planId)
    if (plan && (await canManageGrid(ctx, plan.gridId))) return idea
  }
  throw notFound('没有找到这条建议')
}

/** Ideas per page of `plans.get`. */
const IDEA_PAGE = 20
const NOT_COLLECTING = '这个方案已经不再征集建议了'
const FINAL = '方案已定稿，不能再修改了'
const NO_PROFILE = '请先在「我的」里填写姓名等基本信息'

const planFields = { title: text(2, 40), draft: text(1, 5000) }

export const plans: FunctionHandlers<'plans'> = {
  publish: {
    access: leaderOf((req) => req.gridId),
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
    access: 'any',
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
    access: 'any',
    schema: z.object({ planId: id, sort: z.enum(['newest', 'likes']).optional(), cursor }).strict(),
    async run({ planId, sort = 'newest', cursor: after }, ctx) {
      const plan = await ctx.store.plans.get(planId)
      if (!plan) throw notFound('没有找到这个方案')
      const manager = await canManageGrid(ctx, plan.gridId)
      // One page of the ideas, in the order the page shows them (the waiting ones first for leaders).
      // The first page also answers the plan's counts (the plan list's numbers), read alongside.
      const [page, counts] = await Promise.all([
        ctx.store.plans.ideaPage(planId, { viewer: ctx.openid, manager, sort, cursor: after, limit: IDEA_PAGE }),
        after ? null : ctx.store.plans.counts(planId),
      ])
      const detail: PlanDetail = {
        ...planOf(plan, ctx.now()),
        ideas: page.items.map((i) => ideaOf(i, ctx.openid, i.likedByMe)),
        canManage: manager,
        versions: plan.versions,
        awaiting: page.awaiting,
      }
      if (page.nextCursor) detail.nextCursor = page.nextCursor
      if (counts) Object.assign(detail, counts)
      // Summons are published from finalized plans only: others need no look.
      if (plan.finalizedAt) detail.summons = await ctx.store.summons.byPlan(planId)
      return detail
    },
  },
  update: {
    access: leaderOf(async (req, ctx) => (await loadPlan(ctx, req.planId)).gridId),
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
      if (plan.finalizedAt) throw new AppError('CLOSED', FINAL)
      // The store checks again in the edit itself: a finalize landing after the check above still wins.
      const outcome = await ctx.store.plans.update(planId, patch, ctx.now())
      if (!outcome.ok) throw outcome.reason === 'closed' ? new AppError('CLOSED', FINAL) : notFound('没有找到这个方案')
      return planOf(outcome.plan, ctx.now())
    },
  },
  finalize: {
    access: leaderOf(async (req, ctx) => (await loadPlan(ctx, req.planId)).gridId),
    schema: z.object({ planId: id }).strict(),
    async run({ planId }, ctx) {
      await requirePlanLeader(ctx, planId)
      return planOf(await ctx.store.plans.finalize(planId, ctx.now()), ctx.now())
    },
  },
  addIdea: {
    // Needs a profile too: checked where the idea is written (see the run body and the store).
    access: 'any',
    // Not trimmed: ideas are stored and answered exactly as written.
    schema: z
      .object({
        planId: id,
        // 500 characters as people count them (an emoji is one), the same count as the composer's counter.
        content: z
          .string()
          .max(2000)
          .refine((s) => s.trim().length > 0, '不能为空')
          .refine((s) => charCount(s) <= 500, '不能超过 500 个字'),
      })
      .strict(),
    async run({ planId, content }, ctx) {
      // The profile is checked by the store, in the read that also takes the rate window.
      const plan = await loadPlan(ctx, planId)
      if (planState(plan, ctx.now()) !== 'collecting') throw new AppError('CLOSED', NOT_COLLECTING)
      const verdict = await ctx.platform.checkText(content, ctx.openid)
      if (verdict === 'risky')
        throw new AppError('CONTENT_REJECTED', '内容含有不适宜发布的信息，请修改后再提交', {
          content: '内容不适宜发布',
        })
      const status = verdict === 'review' ? 'pending_review' : 'visible'
      // The content check takes a while (a network call): the store checks the plan again in the insert.
      const outcome = await ctx.store.plans.addIdea(
        { planId, gridId: plan.gridId, openid: ctx.openid, content, status },
        ctx.now(),
        IDEA_RATE,
      )
      if (!outcome.ok) {
        if (outcome.reason === 'closed') throw new AppError('CLOSED', NOT_COLLECTING)
        if (outcome.reason === 'missing') throw notFound('没有找到这个方案')
        if (outcome.reason === 'no_profile') throw new AppError('FORBIDDEN', NO_PROFILE)
        throw new AppError(
          'RATE_LIMITED',
          `提交太频繁了，${IDEA_RATE.windowMinutes} 分钟内最多提 ${IDEA_RATE.max} 条建议`,
        )
      }
      return ideaOf(outcome.idea, ctx.openid)
    },
  },
  likeIdea: {
    access: 'any',
    schema: z.object({ ideaId: id, like: z.boolean() }).strict(),
    async run({ ideaId, like }, ctx) {
      const idea = await loadSeenIdea(ctx, ideaId)
      if (idea.status !== 'visible') throw new AppError('CONFLICT', '这条建议还在审核中，暂时不能点赞')
      return ctx.store.plans.like(ideaId, ctx.openid, like, ctx.now())
    },
  },
  replyIdea: {
    // A hidden idea stays NOT_FOUND for those who may not see it (loadIdea), before any FORBIDDEN.
    access: leaderOf(async (req, ctx) => (await loadIdea(ctx, req.ideaId)).plan.gridId),
    schema: z
      .object({ ideaId: id, decision: z.enum(['adopted', 'partial', 'declined']), reply: text(1, 300) })
      .strict(),
    async run({ ideaId, decision, reply }, ctx) {
      const { idea, plan } = await loadIdea(ctx, ideaId)
      await requireGridLeader(ctx, plan.gridId)
      if (idea.status !== 'visible') throw new AppError('CONFLICT', '请先审核通过这条建议，再回复采纳情况')
      const decided = await ctx.store.plans.decide(ideaId, decision, reply, ctx.now())
      // The author hears of every answer (a changed decision too); a leader answering their own idea does not.
      if (decided.openid !== ctx.openid) await notifyIdeaAnswer(ctx.platform, decided, plan.title)
      return ideaOf(decided, ctx.openid)
    },
  },
  reviewIdea: {
    // A hidden idea stays NOT_FOUND for those who may not see it (loadIdea), before any FORBIDDEN.
    access: leaderOf(async (req, ctx) => (await reviewTarget(ctx, req.ideaId)).plan.gridId),
    schema: z
      .object({
        ideaId: id,
        approve: z.boolean(),
        // As people count characters (an emoji is one), the same count as the dialog's counter.
        reason: z
          .string()
          .trim()
          .max(400)
          .refine((s) => charCount(s) <= REVIEW_REASON_MAX, `不能超过 ${REVIEW_REASON_MAX} 个字`)
          .optional(),
      })
      .strict()
      .refine((r) => r.approve || (r.reason ?? '').length > 0, {
        message: '不能为空：不通过时请写明原因，作者会看到',
        path: ['reason'],
      }),
    async run({ ideaId, approve, reason }, ctx) {
      // `access` found the caller a manager of the plan's grid, from this very read.
      const { idea, plan } = await reviewTarget(ctx, ideaId)
      const outcome = approve ? 'visible' : 'rejected'
      if (idea.status !== 'pending_review') {
        // The same decision again (a retry whose answer was lost) answers the idea as it stands.
        if (idea.status === outcome) return ideaOf(idea, ctx.openid)
        throw new AppError('CONFLICT', '这条建议不在待审核状态')
      }
      const reviewed = await ctx.store.plans.review(ideaId, approve, approve ? null : reason)
      if (!reviewed.applied && reviewed.idea.status !== outcome)
        throw new AppError('CONFLICT', '另一位网格长刚刚审核了这条建议')
      // The author hears of the outcome once, from the review that changed it (not of their own idea).
      if (reviewed.applied && reviewed.idea.openid !== ctx.openid)
        await notifyIdeaReview(ctx.platform, reviewed.idea, plan.title)
      return ideaOf(reviewed.idea, ctx.openid)
    },
  },
}
