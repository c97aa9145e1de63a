import { z } from 'zod'
import type { Summon, SummonDetail, SummonListItem } from '../../types'
import { SUMMON_PLACE_LENGTH, summonTimeErrors } from '../../types/rules'
import type { AuthedCtx } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { byTarget, leaderOf, secretaryOf, type Access } from '../core/access'
import { AppError, badRequest, notFound } from '../core/errors'
import { canManageGrid, isAdmin } from '../core/roles'
import { cursor, id, isoTime, text } from '../core/validate'
import { cardStateOf, RENEW_MARGIN_MS } from '../domain/shareCards'
import { pushCountChange } from '../jobs/shareCards'
import { summonState } from '../domain/summons'
import { rosterCsv } from '../domain/csv'
import { deliverCsv } from './exportFile'
import { notifyChange, notifyWithdrawal } from '../jobs/notices'
import type { SummonRecord } from '../store/port'

const bySummon = z.object({ summonId: id }).strict()

export const publishSchema = z
  .object({
    gridId: id.optional(),
    title: text(2, 40),
    body: z.string().trim().max(2000),
    place: text(SUMMON_PLACE_LENGTH.min, SUMMON_PLACE_LENGTH.max),
    startAt: isoTime,
    endAt: isoTime,
    signUpDeadline: isoTime.optional(),
    capacity: z.number().int('必须是整数').min(1).max(10000).optional(),
    tags: z.array(text(1, 10)).max(5).optional(),
    hours: z.number().min(0).max(24).optional(),
    planId: id.optional(),
    orgId: id.optional(),
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
    service: r.hours > 0,
    state: summonState(r, now),
    createdAt: r.createdAt,
  }
  if (r.hoursConfirmedAt) summon.hoursConfirmedAt = r.hoursConfirmedAt
  if (r.withdrawReason) summon.withdrawReason = r.withdrawReason
  if (r.planId) summon.planId = r.planId
  if (r.orgId) summon.orgId = r.orgId
  if (r.orgName) summon.orgName = r.orgName
  return summon
}

function listItemOf(r: SummonRecord & { mine?: SummonListItem['mine'] }, now: Date): SummonListItem {
  const item: SummonListItem = {
    id: r.id,
    title: r.title,
    gridId: r.gridId,
    gridName: r.gridName,
    place: r.place,
    startAt: r.startAt,
    endAt: r.endAt,
    capacity: r.capacity,
    confirmed: r.confirmed,
    waitlisted: r.waitlisted,
    state: summonState(r, now),
    hours: r.hours,
  }
  if (r.mine) item.mine = r.mine
  if (r.orgName) item.orgName = r.orgName
  return item
}

async function loadSummon(ctx: AuthedCtx, summonId: string): Promise<SummonRecord> {
  const summon = await ctx.store.summons.get(summonId)
  if (!summon) throw notFound('没有找到这条召集令')
  return summon
}

/**
 * An organisation's 二维召集令 is managed by its secretaries (and admins); others by the leaders of the
 * summon's grid; district-wide summons (no grid) belong to the admins.
 */
export async function canManageSummon(ctx: AuthedCtx, summon: SummonRecord): Promise<boolean> {
  if (summon.orgId) return (await ctx.store.orgs.isSecretary(summon.orgId, ctx.openid)) || isAdmin(ctx)
  return summon.gridId ? canManageGrid(ctx, summon.gridId) : isAdmin(ctx)
}

/** Who manages the summon a request names: see `canManageSummon`. */
export function summonManagers<Req extends { summonId: string }>(
  forbidden: string,
  forbiddenOrg = '只有发布这条二维召集令的组织书记可以进行这项操作',
): Access<Req> {
  return byTarget<Req>(async (req, ctx) => {
    const summon = await loadSummon(ctx, req.summonId)
    if (summon.orgId) return secretaryOf<Req>(() => summon.orgId!, { admins: true, forbidden: forbiddenOrg })
    return leaderOf<Req>(() => summon.gridId, { forbidden })
  })
}

/** The grid whose leaders manage the summon (`null`: district-wide, the admins'); NOT_FOUND without it. */
export async function gridOfSummon(ctx: AuthedCtx, summonId: string): Promise<string | null> {
  return (await loadSummon(ctx, summonId)).gridId
}

/** Leaders of the summon's grid (admins for a district-wide one). */
const summonManager = summonManagers<{ summonId: string }>('只有发布这条召集令的网格长可以进行这项操作')

/** A summon carrying out a plan needs the plan final, and of the same grid. */
async function requireFinalPlan(ctx: AuthedCtx, planId: string, gridId: string | undefined): Promise<void> {
  const plan = await ctx.store.plans.get(planId)
  if (!plan || (gridId && plan.gridId !== gridId)) throw badRequest('planId', '没有找到这个网格的方案')
  if (!plan.finalizedAt) throw badRequest('planId', '方案定稿后才能据此发布召集令')
}

export const updateSchema = z
  .object({
    summonId: id,
    place: text(SUMMON_PLACE_LENGTH.min, SUMMON_PLACE_LENGTH.max).optional(),
    startAt: isoTime.optional(),
    endAt: isoTime.optional(),
    signUpDeadline: isoTime.nullable().optional(),
    capacity: z.number().int('必须是整数').min(1).max(10000).nullable().optional(),
  })
  .strict()
  .refine((r) => Object.keys(r).length > 1, { message: '请求内容为空：请至少修改时间、地点或人数上限中的一项' })

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
    // A 二维召集令 (with `orgId`) is its organisation's secretaries' to publish, at a grid or district-wide.
    access: byTarget((req) =>
      req.orgId
        ? secretaryOf((r) => r.orgId!, { admins: true, forbidden: '只有这个组织的书记可以发布二维召集令' })
        : leaderOf((r) => r.gridId ?? null, {
            forbidden: '只有这个网格的网格长可以发布召集令',
            district: '全区召集令只能由区团委发布，请选择你负责的网格',
            missing: () => badRequest('gridId', '没有这个网格'),
          }),
    ),
    async run(req, ctx) {
      const now = ctx.now()
      const late = summonTimeErrors({ startAt: req.startAt }, now).startAt
      if (late) throw badRequest('startAt', late)
      if (req.planId) await requireFinalPlan(ctx, req.planId, req.gridId)
      if (req.orgId && req.gridId && !(await ctx.store.grids.get(req.gridId)))
        throw badRequest('gridId', '没有这个网格')
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
          orgId: req.orgId ?? null,
          publishedBy: ctx.openid,
        },
        now,
      )
      if (req.planId) await ctx.store.plans.creditAdopted(req.planId, record.id)
      // 关注网格动态: the grid's followers hear of it from the job (jobs/follows.ts), not within this call.
      if (record.gridId) await ctx.store.follows.announce(record.id, record.gridId, now)
      return summonOf(record, now)
    },
  },
  list: {
    schema: z
      .object({
        scope: z.enum(['open', 'mine', 'grid', 'org']).optional(),
        gridId: id.optional(),
        cursor,
        limit: z.number().int().min(1).max(50).optional(),
      })
      .strict(),
    access: 'any',
    async run(req, ctx) {
      const now = ctx.now()
      const scope = req.scope ?? (req.gridId ? 'grid' : 'open')
      let orgId: string | undefined
      if (scope === 'org') {
        // The 二维召集令 of the caller's own organisation; none without one.
        const { org } = await ctx.store.users.getAccount(ctx.openid)
        if (!org || org.status !== 'member') return { items: [] }
        orgId = org.orgId
      }
      const page = await ctx.store.summons.list({
        ...req,
        scope,
        openid: ctx.openid,
        limit: req.limit ?? 20,
        now,
        ...(orgId ? { orgId } : {}),
      })
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
      // The grid's place is the instance's for 60 s (a check-in reads it too): no operation when warm.
      const place = summon.gridId ? await ctx.store.grids.place(summon.gridId) : null
      const base = place?.base
      if (base && base.lat !== undefined && base.lng !== undefined)
        detail.gridBase = { address: base.address, lat: base.lat, lng: base.lng }
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
  /** 动态消息: the summon's updatable card, with an activity that outlives the share by at least an hour. */
  shareCard: {
    schema: bySummon,
    access: 'any',
    async run({ summonId }, ctx) {
      const now = ctx.now()
      const summon = await ctx.store.summons.get(summonId)
      if (!summon) throw notFound('没有找到这条召集令')
      const state = cardStateOf(summon, now)
      if (!state) return null
      let card = await ctx.store.shareCards.get(summonId)
      if (!card || Date.parse(card.expiresAt) - now.getTime() < RENEW_MARGIN_MS) {
        const activity = await ctx.platform.createActivityId(ctx.openid, now)
        await ctx.store.shareCards.save(summonId, activity)
        card = { summonId, ...activity, pushed: null }
      }
      return { activityId: card.activityId, expiresAt: card.expiresAt, ...state }
    },
  },
  signUp: {
    schema: bySummon,
    access: 'profile',
    async run({ summonId }, ctx) {
      const outcome = await ctx.store.summons.signUp(summonId, ctx.openid, ctx.now())
      if (!outcome.ok) throw REFUSALS[outcome.reason]()
      await pushCountChange(ctx.store, ctx.platform, summonId, outcome.card, ctx.now())
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
      await pushCountChange(ctx.store, ctx.platform, summonId, outcome.card, ctx.now())
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
      return deliverCsv(ctx, `报名名单-${summon.title}.csv`, rosterCsv(items, summon.withdrawnAt !== null))
    },
  },
  update: {
    schema: updateSchema,
    access: summonManager,
    async run({ summonId, ...patch }, ctx) {
      const now = ctx.now()
      if (patch.startAt) {
        const late = summonTimeErrors({ startAt: patch.startAt }, now).startAt
        if (late) throw badRequest('startAt', late)
      }
      const outcome = await ctx.store.summons.update(summonId, patch, now)
      if (!outcome.ok) {
        switch (outcome.reason) {
          case 'missing':
            throw REFUSALS.missing()
          case 'withdrawn':
            throw new AppError('CLOSED', '这条召集令已撤回，不能再修改了')
          case 'ended':
            throw new AppError('CLOSED', '活动已经结束，不能再修改了')
          case 'below_confirmed': {
            const message = `已有 ${outcome.confirmed} 人报名，名额不能少于 ${outcome.confirmed}`
            throw new AppError('CONFLICT', message, { capacity: message })
          }
          case 'times': {
            const [field, message] = Object.entries(outcome.errors)[0]
            throw badRequest(field, message)
          }
        }
      }
      const notified = await notifyChange(ctx.store, ctx.platform, outcome.summon, outcome.changed)
      return { ...summonOf(outcome.summon, now), promoted: outcome.promoted.length, notified }
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
