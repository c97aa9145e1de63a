import { z } from 'zod'
import type { GridStats, StatsTotals } from '../../types'
import type { FunctionHandlers } from '../core/dispatch'
import { badRequest } from '../core/errors'
import { id } from '../core/validate'
import { checkinsCsv, signupsCsv, toCsv } from '../domain/csv'
import { assessmentScore, isQuiet, rate, SCORE_WEIGHTS } from '../domain/stats'
import { sumHours } from '../domain/hours'
import { orgFigures, orgScore, QUARTER, quarterOf, quarterRange } from '../domain/orgs'
import { beijing } from '../domain/time'
import { overviewOf } from '../jobs/snapshots'
import { deliverCsv } from './exportFile'
import type { GridActivity } from '../store/port'

/** Exports carry the most recent rows, at most this many (a cloud function answer must stay small). */
export const EXPORT_LIMIT = 20_000

const FOUR_ONES_LABEL = { leader: '网格长', physicalBase: '实体阵地', onlineBase: '网络阵地', project: '网格项目' }

/** A grid's figures and score; `hours`: this year's confirmed volunteer hours credited at its summons. */
export function gridStatsOf(a: GridActivity, now: Date, hours: number): GridStats {
  const fillRate = rate(a.confirmedOfCapacity, a.capacityTotal)
  const attendanceRate = rate(a.endedAttended, a.endedConfirmed)
  const adoptionRate = rate(a.adopted, a.decided)
  return {
    gridId: a.gridId,
    name: a.name,
    townId: a.townId,
    fourOnes: a.fourOnes,
    members: a.members,
    checkIns30d: a.checkIns30d,
    summons30d: a.summons30d,
    fillRate,
    attendanceRate,
    noShowRate: attendanceRate === null ? null : Math.round((1 - attendanceRate) * 1000) / 1000,
    ideas: a.ideas,
    adoptionRate,
    lastActivityAt: a.lastActivityAt,
    quiet: isQuiet(a.lastActivityAt, now),
    score: assessmentScore({ ...a, fillRate, attendanceRate, adoptionRate, hours }),
    hours,
    // 现场签到: counted apart, in neither rate nor the score (报名率 and 出勤率 are about sign-ups).
    walkins: a.endedWalkins ?? 0,
  }
}

function totalsOf(grids: GridStats[], members: number): StatsTotals {
  const sum = (pick: (g: GridStats) => number) => grids.reduce((n, g) => n + pick(g), 0)
  return {
    grids: grids.length,
    members,
    checkIns30d: sum((g) => g.checkIns30d),
    summons30d: sum((g) => g.summons30d),
    ideas: sum((g) => g.ideas),
    fourOnesComplete: grids.filter((g) => Object.values(g.fourOnes).every(Boolean)).length,
    quiet: grids.filter((g) => g.quiet).length,
    walkins: sum((g) => g.walkins ?? 0),
  }
}

const percent = (r: number | null) => (r === null ? '' : `${Math.round(r * 100)}%`)

/** Each grid's figures with 志愿时长 (issue 15): this year's confirmed hours credited at its summons. */
function gridsOf(snapshot: Awaited<ReturnType<typeof overviewOf>>, now: Date): GridStats[] {
  return snapshot.activity.map((a) => gridStatsOf(a, now, snapshot.gridHours?.[a.gridId] ?? 0))
}

function gridsCsv(grids: GridStats[], townNames: Map<string, string>): string {
  return toCsv(
    [
      '网格',
      '镇街',
      '四个一',
      '缺少',
      '成员',
      '近30天签到',
      '近30天召集令',
      '报名率',
      '出勤率',
      '爽约率',
      '现场签到',
      '建议数',
      '采纳率',
      '志愿时长（小时）',
      '最近活动',
      '考核得分',
    ],
    grids.map((g) => {
      const missing = (Object.keys(FOUR_ONES_LABEL) as (keyof typeof FOUR_ONES_LABEL)[]).filter((k) => !g.fourOnes[k])
      return [
        g.name,
        townNames.get(g.townId) ?? g.townId,
        missing.length ? '不完整' : '完整',
        missing.map((k) => FOUR_ONES_LABEL[k]).join('、'),
        g.members,
        g.checkIns30d,
        g.summons30d,
        percent(g.fillRate),
        percent(g.attendanceRate),
        percent(g.noShowRate),
        g.walkins ?? 0,
        g.ideas,
        percent(g.adoptionRate),
        g.hours ?? 0,
        g.lastActivityAt ? beijing(g.lastActivityAt) : '无',
        g.score,
      ]
    }),
  )
}

export const stats: FunctionHandlers<'stats'> = {
  orgs: {
    schema: z
      .object({
        townId: id.optional(),
        quarter: z.string().trim().regex(QUARTER, '应为「2026Q4」这样的季度').optional(),
      })
      .strict(),
    access: 'admin',
    async run({ townId, quarter }, ctx) {
      if (townId && !(await ctx.store.grids.townExists(townId))) throw badRequest('townId', '没有这个镇街')
      const range = quarterRange(quarter ?? quarterOf(ctx.now()))
      const [input, credited] = await Promise.all([
        ctx.store.orgs.figureInput(range, townId),
        ctx.store.hours.credited(range, {}),
      ])
      const figures = orgFigures(input)
      // 志愿时长 (issue 15): confirmed hours credited to each organisation, not the summons' planned hours.
      const items = figures.items.map((o) => {
        const hours = sumHours(credited.filter((c) => c.orgId === o.orgId).map((c) => c.hours))
        return { ...o, hours, score: orgScore({ ...o, hours }) }
      })
      return { ...figures, items }
    },
  },
  overview: {
    schema: z.object({ townId: id.optional(), fresh: z.boolean().optional() }).strict(),
    access: 'admin',
    /** The latest snapshot (2 operations on the cloud adapter: the admin check and the snapshot). */
    async run({ townId, fresh }, ctx) {
      if (townId && !(await ctx.store.grids.townExists(townId))) throw badRequest('townId', '没有这个镇街')
      const now = ctx.now()
      const snapshot = await overviewOf(ctx.store, now, townId, fresh === true)
      const grids = gridsOf(snapshot, now)
      return {
        totals: { ...totalsOf(grids, snapshot.members), hours: sumHours(grids.map((g) => g.hours ?? 0)) },
        grids,
        weeks: snapshot.weeks,
        weights: SCORE_WEIGHTS,
        asOf: snapshot.takenAt,
      }
    },
  },
  export: {
    schema: z.object({ kind: z.enum(['grids', 'checkins', 'signups']) }).strict(),
    access: 'admin',
    async run({ kind }, ctx) {
      const now = ctx.now()
      const stamp = beijing(now.toISOString(), 'YYYYMMDD-HHmm')
      if (kind === 'grids') {
        // Computed now (the screen may show a snapshot minutes old), with the same figures and hours.
        const [snapshot, towns] = await Promise.all([
          overviewOf(ctx.store, now, undefined, true),
          ctx.store.grids.towns(),
        ])
        const csv = gridsCsv(gridsOf(snapshot, now), new Map(towns.map((t) => [t.id, t.name])))
        return deliverCsv(ctx, `网格考核-${stamp}.csv`, csv)
      }
      if (kind === 'checkins') {
        return deliverCsv(ctx, `签到记录-${stamp}.csv`, checkinsCsv(await ctx.store.stats.checkinRows(EXPORT_LIMIT)))
      }
      return deliverCsv(ctx, `报名记录-${stamp}.csv`, signupsCsv(await ctx.store.stats.signupRows(EXPORT_LIMIT)))
    },
  },
}
