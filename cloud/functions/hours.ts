/**
 * 志愿时长 (issue 15): a member's hours, a summon's hours roster, the leader's confirmation and make-ups,
 * the admins' audit of make-ups, and certificates that can be verified. The rules are `domain/hours.ts`'s;
 * sign-outs arrive through `checkin.scan` (a live code of the `out` phase).
 */
import { z } from 'zod'
import type { HoursItem, HoursMakeup, HoursRosterItem } from '../../types'
import type { AuthedCtx } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { AppError, badRequest, notFound } from '../core/errors'
import { cursor, id, text } from '../core/validate'
import { certificateMatches, certificateNumber, parseCertificateNumber } from '../domain/codes'
import { hoursCsv } from '../domain/csv'
import { beijingYear, canConfirm, makeupRefusal, maskName, memberHours, sumHours, yearRange } from '../domain/hours'
import { DISTRICT_NAME } from '../domain/towns'
import { decodeCursor, encodeCursor } from '../store/cursor'
import type { HoursMember, ServiceRow, SummonHoursRecord } from '../store/port'
import { deliverCsv } from './exportFile'
import { summonManagers } from './summons'

const bySummon = z.object({ summonId: id }).strict()
const year = z.number().int('必须是整数').min(2000).max(2100).optional()
const PAGE_SIZE = 20
const NO_NAME = '未填写姓名'

/** Leaders of the summon's grid (secretaries of a 二维召集令; admins). */
const summonLeader = summonManagers<{ summonId: string }>(
  '只有这条召集令的网格长可以管理志愿时长',
  '只有这条二维召集令的组织书记可以管理志愿时长',
)

const makeupOf = (m: NonNullable<HoursMember['makeup']>): HoursMakeup => ({
  from: m.from,
  to: m.to,
  reason: m.reason,
  by: m.byName ?? NO_NAME,
  at: m.at,
})

export function rosterItemOf(record: SummonHoursRecord, m: HoursMember, now: Date): HoursRosterItem {
  const figures = memberHours(record.summon, m, m.makeup, now)
  const item: HoursRosterItem = {
    openid: m.openid,
    name: m.name ?? NO_NAME,
    computed: figures.computed,
    hours: figures.hours,
    status: figures.status,
  }
  if (m.signInAt) item.signInAt = m.signInAt
  if (m.signOutAt) item.signOutAt = m.signOutAt
  if (m.makeup) item.makeup = makeupOf(m.makeup)
  if (figures.note) item.note = figures.note
  return item
}

async function loadHours(ctx: AuthedCtx, summonId: string): Promise<SummonHoursRecord> {
  const record = await ctx.store.hours.summonHours(summonId)
  if (!record) throw notFound('没有找到这条召集令')
  return record
}

function rosterOf(record: SummonHoursRecord, now: Date) {
  const roster = {
    planned: record.summon.hours,
    items: record.members.map((m) => rosterItemOf(record, m, now)),
    ended: canConfirm(record.summon, now),
  }
  return record.summon.hoursConfirmedAt ? { ...roster, confirmedAt: record.summon.hoursConfirmedAt } : roster
}

/** A member's activity as listed; a row without its summon's end (sign-in only) is pending 未签退. */
function itemOf(row: ServiceRow, now: Date): HoursItem {
  const span = { startAt: row.startAt, endAt: row.endAt ?? '9999-12-31T00:00:00.000Z', hours: row.planned }
  const figures = memberHours({ ...span, hoursConfirmedAt: row.hoursConfirmedAt }, row, row.makeup, now)
  const item: HoursItem = {
    summonId: row.summonId,
    title: row.title,
    date: row.startAt,
    hours: figures.hours,
    source: figures.source,
    status: figures.status,
  }
  if (row.gridName) item.gridName = row.gridName
  if (row.orgName) item.orgName = row.orgName
  if (row.signInAt) item.signInAt = row.signInAt
  if (row.signOutAt) item.signOutAt = row.signOutAt
  if (figures.note) item.note = figures.note
  return item
}

/** The member's items of a year and the totals: confirmed hours, of which made up, pending, every year. */
async function yearOf(ctx: AuthedCtx, openid: string, y: number) {
  const now = ctx.now()
  const rows = await ctx.store.hours.mine(openid)
  const all = rows.map((r) => ({ row: r, item: itemOf(r, now) }))
  const { start, end } = yearRange(y)
  const items = all.filter(({ row }) => row.startAt >= start && row.startAt < end).map((x) => x.item)
  const confirmed = items.filter((i) => i.status === 'confirmed')
  const totals = {
    hours: sumHours(confirmed.map((i) => i.hours)),
    fromScans: sumHours(confirmed.filter((i) => i.source === 'scan').map((i) => i.hours)),
    makeup: sumHours(confirmed.filter((i) => i.source === 'makeup').map((i) => i.hours)),
    pending: sumHours(items.filter((i) => i.status === 'pending').map((i) => i.hours)),
    allTime: sumHours(all.filter((x) => x.item.status === 'confirmed').map((x) => x.item.hours)),
  }
  return { items, confirmed, totals, rows: all }
}

const REFUSED_MAKEUP = {
  not_service: () => new AppError('CONFLICT', '这条召集令不是志愿服务，没有志愿时长可以补录'),
  not_half_hours: () => badRequest('hours', '以半小时为单位（如 1.5）'),
  not_started: () => new AppError('CLOSED', '活动开始后才能补录志愿时长'),
} as const

export const hours: FunctionHandlers<'hours'> = {
  mine: {
    schema: z.object({ year, cursor }).strict(),
    access: 'any',
    async run(req, ctx) {
      const y = req.year ?? beijingYear(ctx.now())
      const { items, totals } = await yearOf(ctx, ctx.openid, y)
      const offset = Number(decodeCursor(req.cursor)?.[0] ?? 0) || 0
      const page = items.slice(offset, offset + PAGE_SIZE)
      const next = offset + PAGE_SIZE < items.length ? { nextCursor: encodeCursor([offset + PAGE_SIZE]) } : {}
      return { totals, items: page, year: y, ...next }
    },
  },
  roster: {
    schema: bySummon,
    access: summonLeader,
    async run({ summonId }, ctx) {
      return rosterOf(await loadHours(ctx, summonId), ctx.now())
    },
  },
  confirm: {
    schema: bySummon,
    access: summonLeader,
    async run({ summonId }, ctx) {
      const now = ctx.now()
      const outcome = await ctx.store.hours.confirm(summonId, now)
      if (!outcome.ok) {
        if (outcome.reason === 'missing') throw notFound('没有找到这条召集令')
        if (outcome.reason === 'withdrawn') throw new AppError('CLOSED', '这条召集令已撤回')
        if (outcome.reason === 'not_service') throw new AppError('CONFLICT', '这条召集令不是志愿服务，没有志愿时长')
        throw new AppError('CLOSED', '活动结束后才能确认志愿时长')
      }
      const items = rosterOf(outcome.hours, now).items
      return { confirmed: items.filter((i) => i.hours > 0).length, confirmedAt: outcome.confirmedAt }
    },
  },
  makeup: {
    schema: z
      .object({
        summonId: id,
        openid: z.string().trim().min(1, '必填').max(128),
        hours: z
          .number()
          .min(0)
          .max(24)
          .refine((h) => Number.isInteger(h * 2), '以半小时为单位（如 1.5）'),
        reason: text(2, 100),
      })
      .strict(),
    access: summonLeader,
    async run(req, ctx) {
      const now = ctx.now()
      const record = await loadHours(ctx, req.summonId)
      const refusal = makeupRefusal(record.summon, req.hours, now)
      if (refusal === 'over_cap')
        throw badRequest('hours', `补录后不能超过这次活动的志愿时长 ${record.summon.hours} 小时`)
      if (refusal) throw REFUSED_MAKEUP[refusal]()
      const current = record.members.find((m) => m.openid === req.openid)
      if (!current) throw badRequest('openid', '只能为这次活动名单上的成员（已报名或现场签到）补录')
      const from = rosterItemOf(record, current, now).hours
      const byName = (await ctx.store.users.getProfile(ctx.openid))?.name ?? null
      const outcome = await ctx.store.hours.makeup(
        { summonId: req.summonId, openid: req.openid, from, to: req.hours, reason: req.reason, by: ctx.openid, byName },
        now,
      )
      if (!outcome.ok) {
        if (outcome.reason === 'missing') throw notFound('没有找到这条召集令')
        throw badRequest('openid', '只能为这次活动名单上的成员（已报名或现场签到）补录')
      }
      return rosterItemOf({ summon: outcome.summon, members: [outcome.member] }, outcome.member, now)
    },
  },
  audit: {
    schema: z.object({ cursor }).strict(),
    access: 'admin',
    async run(req, ctx) {
      const page = await ctx.store.hours.audit(req.cursor, PAGE_SIZE)
      return {
        items: page.items.map((r) => ({
          summonId: r.summonId,
          title: r.title,
          openid: r.openid,
          name: r.name ?? NO_NAME,
          by: r.byName ?? NO_NAME,
          at: r.at,
          from: r.from,
          to: r.to,
          reason: r.reason,
        })),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      }
    },
  },
  certificate: {
    schema: z.object({ year }).strict(),
    access: 'any',
    async run(req, ctx) {
      const now = ctx.now()
      const y = req.year ?? beijingYear(now)
      const [{ confirmed, totals, rows }, profile] = await Promise.all([
        yearOf(ctx, ctx.openid, y),
        ctx.store.users.getProfile(ctx.openid),
      ])
      if (!profile) throw new AppError('CONFLICT', '请先在「我的」填写姓名，证明上要写明服务人')
      const byId = new Map(rows.map((x) => [x.row.summonId, x.row]))
      const number = certificateNumber(ctx.openid, y, totals.hours, ctx.config.secret)
      const issued = await ctx.store.hours.issueCertificate({
        number,
        openid: ctx.openid,
        year: y,
        totalHours: totals.hours,
        name: profile.name,
        issuedAt: now.toISOString(),
      })
      return {
        number: issued.number,
        name: profile.name,
        period: { year: y, from: `${y}-01-01`, to: `${y}-12-31` },
        totalHours: totals.hours,
        items: confirmed.map((i) => {
          const row = byId.get(i.summonId)
          return {
            summonId: i.summonId,
            title: i.title,
            date: i.date,
            hours: i.hours,
            recordedBy: row?.orgName ?? row?.gridName ?? DISTRICT_NAME,
            source: i.source,
          }
        }),
        issuer: { name: DISTRICT_NAME },
        issuedAt: issued.issuedAt,
      }
    },
  },
  verify: {
    schema: z.object({ number: z.string().trim().min(1, '必填').max(64) }).strict(),
    access: 'any',
    async run({ number }, ctx) {
      const parsed = parseCertificateNumber(number, ctx.config.secret)
      if (!parsed) return { valid: false }
      const record = await ctx.store.hours.certificate(number.trim().toUpperCase())
      if (!record || record.year !== parsed.year || !certificateMatches(number, record, ctx.config.secret))
        return { valid: false }
      return {
        valid: true,
        name: maskName(record.name),
        totalHours: record.totalHours,
        period: { year: record.year, from: `${record.year}-01-01`, to: `${record.year}-12-31` },
        issuedAt: record.issuedAt,
      }
    },
  },
  export: {
    schema: bySummon,
    access: summonLeader,
    async run({ summonId }, ctx) {
      const record = await loadHours(ctx, summonId)
      const { items } = rosterOf(record, ctx.now())
      return deliverCsv(ctx, `志愿时长-${record.summon.title}.csv`, hoursCsv(items))
    },
  },
}
