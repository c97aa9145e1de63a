import { z } from 'zod'
import type { Summon, SummonDetail, SummonListItem } from '../../types'
import { summonTimeErrors } from '../../types/rules'
import type { AuthedCtx } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { leaderOf } from '../core/access'
import { AppError, badRequest, notFound } from '../core/errors'
import { canManageGrid, isAdmin } from '../core/roles'
import { cursor, id, isoTime, text } from '../core/validate'
import { summonState } from '../domain/summons'
import { rosterCsv } from '../domain/csv'
import { notifyWithdrawal } from '../jobs/notices'
import type { SummonRecord } from '../store/port'

const bySummon = z.object({ summonId: id }).strict()

export const publishSchema = z
  .object({
    gridId: id.optional(),
    title: text(2, 40),
    body: z.string().trim().max(2000),
    place: text(1, 60),
    startAt: isoTime,
    endAt: isoTime,
    signUpDeadline: isoTime.optional(),
    capacity: z.number().int('必须是整数').min(1).max(10000).optional(),
    tags: z.array(text(1, 10)).max(5).optional(),
    hours: z.number().min(0).max(24).optional(),
    planId: id.optional(),
  })
  .strict()
  // The same rule the publish form checks before its preview (types/rules.ts).
  .superRefine((s, issues) => {
    for (const [field, message] of Object.entries(summonTimeErrors(s)))
      issues.addIssue({ code: z.ZodIssueCode.custom, message, path: [field] })
  })

export function summonOf(r: SummonRecord, now: Date): Summon {
  const summon: Summon = {
    id: r.id,
    gridId: r.gridId,
    gridName: r.gridName,
    title: r.title,
    body: r.body,
    place: r.place,
    startAt: r.startAt,
    endAt: r.endAt,
    signUpDeadline: r.signUpDeadline,
    capacity: r.capacity,
    tags: r.tags,
    hours: r.hours,
    state: summonState(r, now),
    createdAt: r.createdAt,
  }
  if (r.withdrawReason) summon.withdrawReason = r.withdrawReason
  if (r.planId) summon.planId = r.planId
  return summon
}

function listItemOf(r: SummonRecord & { mine?: SummonListItem['mine'] }, now: Date): SummonListItem {
  const item: SummonListItem = {
    id: r.id,
    title: r.title,
    gridName: r.gridName,
    place: r.place,
    startAt: r.startAt,
    endAt: r.endAt,
    capacity: r.capacity,
    confirmed: r.confirmed,
    waitlisted: r.waitlisted,
    state: summonState(r, now),
  }
  if (r.mine) item.mine = r.mine
  return item
}

async function loadSummon(ctx: AuthedCtx, summonId: string): Promise<SummonRecord> {
  const summon = await ctx.store.summons.get(summonId)
  if (!summon) throw notFound('没有找到这条召集令')
  return summon
}

/** Leaders of the summon's grid manage it; district-wide summons (no grid) belong to the admins. */
export async function canManageSummon(ctx: AuthedCtx, summon: SummonRecord): Promise<boolean> {
  return summon.gridId ? canManageGrid(ctx, summon.gridId) : isAdmin(ctx)
}

/** The grid whose leaders manage the summon (`null`: district-wide, the admins'); NOT_FOUND without it. */
export async function gridOfSummon(ctx: AuthedCtx, summonId: string): Promise<string | null> {
  return (await loadSummon(ctx, summonId)).gridId
}

/** Leaders of the summon's grid (admins for a district-wide one). */
const summonManager = leaderOf<{ summonId: string }>((req, ctx) => gridOfSummon(ctx, req.summonId), {
  forbidden: '只有发布这条召集令的网格长可以进行这项操作',
})

/** A summon carrying out a plan needs the plan final, and of the same grid. */
async function requireFinalPlan(ctx: AuthedCtx, planId: string, gridId: string | undefined): Promise<void> {
  const plan = await ctx.store.plans.get(planId)
  if (!plan || (gridId && plan.gridId !== gridId)) throw badRequest('planId', '没有找到这个网格的方案')
  if (!plan.finalizedAt) throw badRequest('planId', '方案定稿后才能据此发布召集令')
}

const REFUSALS = {
  missing: () => notFound('没有找到这条召集令'),
  withdrawn: () => new AppError('CLOSED', '这条召集令已撤回，不能报名了'),
  ended: () => new AppError('CLOSED', '活动已经结束了，下次早点来哦'),
  deadline: () => new AppError('DEADLINE_PASSED', '报名已截止，下次早点来哦'),
  not_signed_up: () => new AppError('CONFLICT', '你还没有报名这条召集令'),
  started: () => new AppError('CLOSED', '活动已经开始，不能再取消报名了'),
} as const

export const summons: FunctionHandlers<'summons'> = {
  publish: {
    schema: publishSchema,
    access: leaderOf((req) => req.gridId ?? null, {
      forbidden: '只有这个网格的网格长可以发布召集令',
      district: '全区召集令只能由区团委发布，请选择你负责的网格',
      missing: () => badRequest('gridId', '没有这个网格'),
    }),
    async run(req, ctx) {
      const now = ctx.now()
      const late = summonTimeErrors({ startAt: req.startAt }, now).startAt
      if (late) throw badRequest('startAt', late)
      if (req.planId) await requireFinalPlan(ctx, req.planId, req.gridId)
      const record = await ctx.store.summons.create(
        {
          gridId: req.gridId ?? null,
          title: req.title,
          body: req.body,
          place: req.place,
          startAt: req.startAt,
          endAt: req.endAt,
          signUpDeadline: req.signUpDeadline ?? null,
          capacity: req.capacity ?? null,
          tags: req.tags ?? [],
          hours: req.hours ?? 0,
          planId: req.planId ?? null,
          publishedBy: ctx.openid,
        },
        now,
      )
      if (req.planId) await ctx.store.plans.creditAdopted(req.planId, record.id)
      return summonOf(record, now)
    },
  },
  list: {
    schema: z
      .object({
        scope: z.enum(['open', 'mine', 'grid']).optional(),
        gridId: id.optional(),
        cursor,
        limit: z.number().int().min(1).max(50).optional(),
      })
      .strict(),
    access: 'any',
    async run(req, ctx) {
      const now = ctx.now()
      const scope = req.scope ?? (req.gridId ? 'grid' : 'open')
      const page = await ctx.store.summons.list({ ...req, scope, openid: ctx.openid, limit: req.limit ?? 20, now })
      return { ...page, items: page.items.map((r) => listItemOf(r, now)) }
    },
  },
  get: {
    schema: bySummon,
    access: 'any',
    async run({ summonId }, ctx) {
      const summon = await ctx.store.summons.get(summonId, ctx.openid)
      if (!summon) throw notFound('没有找到这条召集令')
      const { mine } = summon
      const canManage = await canManageSummon(ctx, summon)
      const detail: SummonDetail = {
        ...summonOf(summon, ctx.now()),
        counts: {
          confirmed: summon.confirmed,
          waitlisted: summon.waitlisted,
          attended: summon.attended,
          walkins: summon.walkins,
        },
        canManage,
      }
      if (mine) detail.mine = mine
      if (summon.planId) {
        const [credits, plan] = await Promise.all([
          ctx.store.plans.creditsOf(summonId),
          ctx.store.plans.get(summon.planId),
        ])
        detail.credits = credits.map((name) => ({ name }))
        if (plan) detail.plan = { id: plan.id, title: plan.title }
      }
      return detail
    },
  },
  signUp: {
    schema: bySummon,
    access: 'profile',
    async run({ summonId }, ctx) {
      const outcome = await ctx.store.summons.signUp(summonId, ctx.openid, ctx.now())
      if (!outcome.ok) throw REFUSALS[outcome.reason]()
      return outcome.position === undefined
        ? { status: outcome.status }
        : { status: outcome.status, position: outcome.position }
    },
  },
  cancel: {
    schema: bySummon,
    access: 'any',
    async run({ summonId }, ctx) {
      const outcome = await ctx.store.summons.cancel(summonId, ctx.openid, ctx.now())
      if (!outcome.ok) throw REFUSALS[outcome.reason]()
      return { status: 'cancelled', promoted: outcome.promoted }
    },
  },
  roster: {
    schema: bySummon,
    access: summonManager,
    async run({ summonId }, ctx) {
      return { items: await ctx.store.summons.roster(summonId) }
    },
  },
  exportRoster: {
    schema: bySummon,
    access: summonManager,
    async run({ summonId }, ctx) {
      const summon = await loadSummon(ctx, summonId)
      const items = await ctx.store.summons.roster(summonId)
      return { filename: `报名名单-${summon.title}.csv`, csv: rosterCsv(items, summon.withdrawnAt !== null) }
    },
  },
  withdraw: {
    schema: z.object({ summonId: id, reason: text(1, 100) }).strict(),
    access: summonManager,
    async run({ summonId, reason }, ctx) {
      const outcome = await ctx.store.summons.withdraw(summonId, reason, ctx.now())
      if (!outcome.ok)
        throw outcome.reason === 'missing' ? REFUSALS.missing() : new AppError('CLOSED', '活动已经结束，不能撤回了')
      if (outcome.first) await notifyWithdrawal(ctx.store, ctx.platform, outcome.summon)
      return summonOf(outcome.summon, ctx.now())
    },
  },
}
