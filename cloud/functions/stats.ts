import { z } from 'zod'
import type { GridStats, GridsSort } from '../../types'
import type { FunctionHandlers } from '../core/dispatch'
import { badRequest } from '../core/errors'
import { id } from '../core/validate'
import { checkinsCsv, signupsCsv, toCsv } from '../domain/csv'
import {
  GRID_KEY_TYPES,
  GRIDS_PAGE,
  gridKeys,
  pageOfGrids,
  SCORE_WEIGHTS,
  townStatsOf,
  type GridsQuery,
} from '../domain/stats'
import { sumHours } from '../domain/hours'
import { orgFigures, orgScore, QUARTER, quarterOf, quarterRange } from '../domain/orgs'
import { beijing } from '../domain/time'
import { decodeCursor, encodeCursor } from '../store/cursor'
import { DISTRICT_SCOPE, gridsOf, overviewOf, refreshFigures, totalsOf } from '../jobs/snapshots'
import { deliverCsv } from './exportFile'
import type { FiguresGeneration, KeptGridsPage, Store } from '../store/port'

/** Exports carry the most recent rows, at most this many (a cloud function answer must stay small). */
export const EXPORT_LIMIT = 20_000

/**
 * The figures computed now: kept on a store that keeps them on demand (SQLite, valid until a write they
 * count); on the cloud only the scheduled job keeps them (10,000 rows are not written inside a request), so
 * before its first run a request computes them and answers from memory.
 */
function figuresNow(store: Store, now: Date): Promise<FiguresGeneration> {
  return refreshFigures(store, now, store.stats.mark !== undefined)
}

/** Nothing counted yet (a town created since the figures were taken). */
function emptySummary(now: Date) {
  return {
    totals: {
      grids: 0,
      members: 0,
      checkIns30d: 0,
      summons30d: 0,
      ideas: 0,
      fourOnesComplete: 0,
      quiet: 0,
      hours: 0,
      walkins: 0,
    },
    grids: [] as GridStats[],
    weeks: [],
    weights: SCORE_WEIGHTS,
    asOf: now.toISOString(),
  }
}

/** A `stats.grids` cursor: the rows listed so far and the last row's sort keys, checked against the order. */
function cursorOf(cursor: string | undefined, sort: GridsSort): { rank: number; after: (string | number)[] } | null {
  if (cursor === undefined) return null
  const keys = decodeCursor(cursor)
  const [rank, ...after] = keys ?? []
  const types = GRID_KEY_TYPES[sort]
  if (
    typeof rank !== 'number' ||
    !Number.isInteger(rank) ||
    rank < 0 ||
    after.length !== types.length ||
    after.some((k, i) => typeof k !== types[i])
  )
    throw badRequest('cursor', '翻页位置无效，请从第一页重新加载')
  return { rank, after }
}

const FOUR_ONES_LABEL = { leader: '网格长', physicalBase: '实体阵地', onlineBase: '网络阵地', project: '网格项目' }

const percent = (r: number | null) => (r === null ? '' : `${Math.round(r * 100)}%`)

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
      const [input, credited, grids] = await Promise.all([
        ctx.store.orgs.figureInput(range, townId),
        ctx.store.hours.credited(range, {}),
        ctx.store.grids.list({}),
      ])
      const figures = orgFigures(input)
      // 志愿时长 (issue 15): confirmed hours credited to each organisation, not the summons' planned hours.
      const items = figures.items.map((o) => {
        const hours = sumHours(credited.filter((c) => c.orgId === o.orgId).map((c) => c.hours))
        return { ...o, hours, score: orgScore({ ...o, hours }) }
      })
      // Each cell's town (issue 16): the page no longer holds every grid to look it up.
      const townOf = new Map(grids.map((g) => [g.id, g.townId]))
      const matrix = figures.matrix.map((m) => {
        const town = townOf.get(m.gridId)
        return town ? { ...m, townId: town } : m
      })
      return { ...figures, items, matrix }
    },
  },
  overview: {
    schema: z
      .object({ townId: id.optional(), fresh: z.boolean().optional(), summary: z.literal(true).optional() })
      .strict(),
    access: 'admin',
    /**
     * The latest snapshot (2 operations on the cloud adapter: the admin check and the snapshot). `summary`
     * (issue 16): the kept summary alone, the same 2 operations and a constant size.
     */
    async run({ townId, fresh, summary }, ctx) {
      if (townId && !(await ctx.store.grids.townExists(townId))) throw badRequest('townId', '没有这个镇街')
      const now = ctx.now()
      if (summary) {
        const scope = townId ?? DISTRICT_SCOPE
        const kept = fresh ? null : await ctx.store.stats.readSummary(scope, now)
        const s = kept ?? (await figuresNow(ctx.store, now)).summaries.find((x) => x.scope === scope)
        // A town without a summary yet (created since the figures were taken): no grids, nothing counted.
        if (!s) return { ...emptySummary(now), towns: [] }
        return { totals: s.totals, grids: [], weeks: s.weeks, weights: SCORE_WEIGHTS, asOf: s.takenAt, towns: s.towns }
      }
      const snapshot = await overviewOf(ctx.store, now, townId, fresh === true)
      const grids = gridsOf(snapshot, now)
      return {
        totals: totalsOf(grids, snapshot.members),
        grids,
        weeks: snapshot.weeks,
        weights: SCORE_WEIGHTS,
        asOf: snapshot.takenAt,
        ...(snapshot.townNames ? { towns: townStatsOf(grids, snapshot.townNames) } : {}),
      }
    },
  },
  grids: {
    schema: z
      .object({
        townId: id.optional(),
        filter: z.enum(['all', 'incomplete', 'quiet']).optional(),
        sort: z.enum(['incompleteFirst', 'score', 'activity']).optional(),
        cursor: z.string().max(1000).optional(),
      })
      .strict(),
    access: 'admin',
    /**
     * One page (20) of the kept figures through an index (issue 16): on the cloud 3 operations whatever the
     * number of grids (the admin check, the generation's head, the page); a town is checked only on the
     * first page (a cursor is ours: it came with a page of that town).
     */
    async run({ townId, filter = 'all', sort = 'incompleteFirst', cursor }, ctx) {
      const position = cursorOf(cursor, sort)
      if (townId && !position && !(await ctx.store.grids.townExists(townId))) throw badRequest('townId', '没有这个镇街')
      const now = ctx.now()
      const query: GridsQuery = {
        ...(townId ? { townId } : {}),
        filter,
        sort,
        after: position?.after ?? null,
        limit: GRIDS_PAGE,
      }
      let page: KeptGridsPage | null = await ctx.store.stats.gridsPage(query, now)
      if (!page) {
        const g = await figuresNow(ctx.store, now)
        page = { takenAt: g.takenAt, ...pageOfGrids(g.grids, query) }
      }
      const before = position?.rank ?? 0
      const items = page.items.map((g, i) => ({ ...g, rank: before + i + 1 }))
      const last = page.items[page.items.length - 1]
      return {
        items,
        asOf: page.takenAt,
        ...(page.more && last ? { nextCursor: encodeCursor([before + items.length, ...gridKeys(last, sort)]) } : {}),
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
