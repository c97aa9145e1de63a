import { z } from 'zod'
import type { Id, OrgMemberRow, OrgReceipt, OrgSummary, ReqOf } from '../../types'
import { secretaryOf } from '../core/access'
import type { AuthedCtx } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { AppError, notFound } from '../core/errors'
import { newId } from '../core/ids'
import { cursor, empty, id, optionalText, text } from '../core/validate'
import { orgScene } from '../domain/codes'
import { toCsv } from '../domain/csv'
import { deliverCsv } from './exportFile'
import { CHECKIN_PAGE } from './grids'
import { sumHours } from '../domain/hours'
import { ORG_INVITE_DAYS, QUARTER, quarterLabel, quarterOf, quarterRange, tally } from '../domain/orgs'
import type { OrgFields, OrgJoinOutcome, OrgRecord } from '../store/port'

const PAGE_SIZE = 20
/** The export walks the members a page at a time, up to this many pages. */
const EXPORT_PAGES = 250

const kind = z.enum(['committee', 'branch', 'company', 'social'])
const quarter = z.string().trim().regex(QUARTER, '应为「2026Q4」这样的季度')
const byOrg = { orgId: id }
const orgOf = (req: { orgId: Id }) => req.orgId

const fields = {
  name: text(2, 40),
  kind,
  townId: id.optional(),
  parentId: id.optional(),
}

const withCount = async (ctx: AuthedCtx, org: OrgRecord): Promise<OrgSummary> => {
  const full = await ctx.store.orgs.get(org.id)
  return full ?? { ...org, memberCount: 0 }
}

/** Checks the town and the parent organisation a request names (BAD_REQUEST naming the field). */
async function checkPlace(ctx: AuthedCtx, input: Partial<OrgFields>, self?: Id): Promise<void> {
  if (input.townId !== undefined && !(await ctx.store.grids.townExists(input.townId))) {
    throw new AppError('BAD_REQUEST', '镇街不存在', { townId: '没有这个镇街' })
  }
  if (input.parentId !== undefined) {
    if (input.parentId === self || !(await ctx.store.orgs.record(input.parentId))) {
      throw new AppError('BAD_REQUEST', '上级组织不存在', { parentId: '没有这个上级组织' })
    }
  }
}

function joined(outcome: OrgJoinOutcome): { orgId: Id; status: 'member' | 'pending' } {
  if (outcome.ok) return { orgId: outcome.orgId, status: outcome.status }
  switch (outcome.reason) {
    case 'missing':
      throw notFound('没有找到这个邀请码或组织，请向组织书记确认')
    case 'used':
      throw new AppError('CONFLICT', '这个书记邀请码已经被使用过了')
    case 'expired':
      throw new AppError('CODE_EXPIRED', '邀请码已过期，请向组织书记重新索取')
    case 'no_profile':
      throw new AppError('FORBIDDEN', '请先在「我的」里填写姓名等基本信息')
  }
}

const rangeOf = (q: string | undefined, ctx: AuthedCtx) => {
  const name = q ?? quarterOf(ctx.now())
  return { quarter: name, ...quarterRange(name) }
}

async function loadOrg(ctx: AuthedCtx, orgId: Id): Promise<OrgRecord> {
  const org = await ctx.store.orgs.record(orgId)
  if (!org) throw notFound('没有找到这个组织')
  return org
}

/**
 * 志愿时长 (issue 15): the rows' hours are the confirmed hours credited to the organisation in the range
 * (the leader's 确认时长, make-ups included), not the summons' planned hours.
 */
async function withCreditedHours(
  ctx: AuthedCtx,
  orgId: Id,
  range: { start: string; end: string },
  rows: OrgMemberRow[],
): Promise<OrgMemberRow[]> {
  if (!rows.length) return rows
  const credited = await ctx.store.hours.credited(range, { orgId, openids: rows.map((r) => r.openid) })
  return rows.map((r) => ({
    ...r,
    hours: sumHours(credited.filter((c) => c.openid === r.openid).map((c) => c.hours)),
  }))
}

/** Every member's row of the quarter, a page at a time. */
async function allMembers(ctx: AuthedCtx, orgId: Id, start: string, end: string): Promise<OrgMemberRow[]> {
  const rows: OrgMemberRow[] = []
  let after: string | undefined
  for (let i = 0; i < EXPORT_PAGES; i++) {
    const page = await ctx.store.orgs.members({ orgId, start, end, filter: 'all', cursor: after, limit: 100 })
    rows.push(...(await withCreditedHours(ctx, orgId, { start, end }, page.items)))
    if (!page.nextCursor) break
    after = page.nextCursor
  }
  return rows
}

export const orgs: FunctionHandlers<'orgs'> = {
  list: {
    schema: z.object({ townId: id.optional(), q: optionalText(text(1, 20)), cursor }).strict(),
    access: 'any',
    run: ({ townId, q, cursor: after }, ctx) => ctx.store.orgs.list({ townId, q, cursor: after, limit: PAGE_SIZE }),
  },
  get: {
    schema: z.object(byOrg).strict(),
    access: 'any',
    async run({ orgId }, ctx) {
      const [org, account] = await Promise.all([ctx.store.orgs.get(orgId), ctx.store.users.getAccount(ctx.openid)])
      if (!org) throw notFound('没有找到这个组织')
      const isSecretary = account.secretaryOf.includes(orgId)
      const [secretaries, pending] = await Promise.all([
        ctx.store.orgs.secretaries(orgId),
        isSecretary ? ctx.store.orgs.pending(orgId) : Promise.resolve(undefined),
      ])
      return {
        ...org,
        secretaries: secretaries.map((s) => ({ name: s.name })),
        isMember: account.org?.orgId === orgId && account.org.status === 'member',
        isSecretary,
        ...(pending ? { pending } : {}),
      }
    },
  },
  create: {
    schema: z.object(fields).strict(),
    access: 'admin',
    async run(req, ctx) {
      await checkPlace(ctx, req)
      return { ...(await ctx.store.orgs.create(req, ctx.now())), memberCount: 0 }
    },
  },
  update: {
    schema: z
      .object({
        ...byOrg,
        name: fields.name.optional(),
        kind: kind.optional(),
        townId: fields.townId,
        parentId: fields.parentId,
      })
      .strict(),
    access: secretaryOf(orgOf, { admins: true }),
    async run({ orgId, ...patch }, ctx) {
      await checkPlace(ctx, patch, orgId)
      const org = await ctx.store.orgs.update(orgId, patch, ctx.now())
      if (!org) throw notFound('没有找到这个组织')
      return withCount(ctx, org)
    },
  },
  invite: {
    schema: z.object({ ...byOrg, role: z.enum(['member', 'secretary']) }).strict(),
    access: secretaryOf(orgOf, { admins: true }),
    async run({ orgId, role }, ctx) {
      await loadOrg(ctx, orgId)
      const inviteCode = newId(16)
      const expiresAt = new Date(ctx.now().getTime() + ORG_INVITE_DAYS[role] * 86400_000)
      await ctx.store.orgs.createInvite(orgId, role, inviteCode, ctx.openid, expiresAt)
      return { inviteCode, expiresAt: expiresAt.toISOString() }
    },
  },
  join: {
    schema: z
      .object({ inviteCode: z.string().trim().min(1).max(64).optional(), orgId: id.optional() })
      .strict()
      .superRefine((req, check) => {
        if (!req.inviteCode === !req.orgId) {
          check.addIssue({
            code: z.ZodIssueCode.custom,
            path: ['inviteCode'],
            message: '请填写邀请码或选择组织（二选一）',
          })
        }
      }) as unknown as z.ZodType<{ inviteCode: string } | { orgId: Id }>,
    access: 'profile',
    async run(req, ctx) {
      const outcome =
        'inviteCode' in req && req.inviteCode
          ? await ctx.store.orgs.joinByInvite(req.inviteCode, ctx.openid, ctx.now())
          : await ctx.store.orgs.request((req as { orgId: Id }).orgId, ctx.openid, ctx.now())
      return joined(outcome)
    },
  },
  decide: {
    schema: z.object({ ...byOrg, openid: id, accept: z.boolean() }).strict(),
    access: secretaryOf(orgOf),
    async run({ orgId, openid, accept }, ctx) {
      const outcome = await ctx.store.orgs.decide(orgId, openid, accept, ctx.now())
      if (!outcome.ok) throw notFound('没有找到这条入会申请，可能已经处理过了')
      return { status: outcome.status }
    },
  },
  leave: {
    schema: empty,
    access: 'any',
    async run(_req, ctx) {
      await ctx.store.orgs.leave(ctx.openid, ctx.now())
      return { orgId: null }
    },
  },
  members: {
    schema: z
      .object({
        ...byOrg,
        quarter: quarter.optional(),
        filter: z.enum(['all', 'unreported', 'inactive']).optional(),
        cursor,
      })
      .strict(),
    access: secretaryOf(orgOf),
    async run({ orgId, quarter: q, filter, cursor: after }, ctx) {
      const { start, end } = rangeOf(q, ctx)
      const page = await ctx.store.orgs.members({
        orgId,
        start,
        end,
        filter: filter ?? 'all',
        cursor: after,
        limit: PAGE_SIZE,
      })
      return { ...page, items: await withCreditedHours(ctx, orgId, { start, end }, page.items) }
    },
  },
  receipt: {
    schema: z.object({ ...byOrg, openid: id.optional(), quarter }).strict(),
    access: secretaryOf<ReqOf<'orgs.receipt'>>(orgOf, {
      self: (req, ctx) => req.openid === undefined || req.openid === ctx.openid,
      forbidden: '只有这个组织的书记或成员本人可以查看报到回执',
    }),
    async run({ orgId, openid, quarter: q }, ctx): Promise<OrgReceipt> {
      const range = rangeOf(q, ctx)
      const member = openid ?? ctx.openid
      const [org, data, credited] = await Promise.all([
        loadOrg(ctx, orgId),
        ctx.store.orgs.receipt(orgId, member, range),
        ctx.store.hours.credited(range, { orgId, openids: [member] }),
      ])
      if (data.name === null) throw notFound('没有找到这位成员')
      // Hours are the confirmed, credited ones (issue 15): an activity not yet confirmed shows none.
      const hoursOf = new Map(credited.map((c) => [c.summonId, c.hours]))
      const activities = data.checkIns
        .filter((c) => c.summonId !== null)
        .map((c) => ({
          summonId: c.summonId!,
          title: c.summonTitle ?? '',
          ...(c.gridName ? { gridName: c.gridName } : {}),
          at: c.at,
          verifiedBy: c.verifiedBy,
          ...(hoursOf.has(c.summonId!) ? { hours: hoursOf.get(c.summonId!)! } : {}),
        }))
      const figures = tally(data.checkIns)
      return {
        org: { id: org.id, name: org.name },
        member: { name: data.name },
        quarter: range.quarter,
        grids: data.grids,
        activities,
        totals: {
          checkIns: figures.checkIns,
          activities: figures.attended,
          hours: sumHours(credited.map((c) => c.hours)),
        },
      }
    },
  },
  export: {
    schema: z.object({ ...byOrg, quarter }).strict(),
    access: secretaryOf(orgOf, { admins: true }),
    async run({ orgId, quarter: q }, ctx) {
      const org = await loadOrg(ctx, orgId)
      const { start, end } = quarterRange(q)
      const rows = await allMembers(ctx, orgId, start, end)
      const csv = toCsv(
        ['姓名', '报到网格', '签到次数', '参加活动', '志愿时长（小时）'],
        rows.map((r) => [r.name, r.grids.map((g) => g.name).join('、'), r.checkIns, r.attended, r.hours]),
      )
      return deliverCsv(ctx, `${org.name}-${quarterLabel(q)}报到情况.csv`, csv)
    },
  },
  posterCode: {
    schema: z.object(byOrg).strict(),
    access: secretaryOf(orgOf, { admins: true }),
    async run({ orgId }, ctx) {
      await loadOrg(ctx, orgId)
      const scene = orgScene(orgId)
      // The check-in page (a tab page, in the main package for good) reads the scene and opens the organisation.
      const image = await ctx.platform.codeImage(scene, CHECKIN_PAGE)
      return image ? { scene, page: CHECKIN_PAGE, image } : { scene, page: CHECKIN_PAGE }
    },
  },
}
