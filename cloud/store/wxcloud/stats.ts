import type { CheckIn, SignUpStatus, Verification, WeekCount } from '../../../types'
import { weekStartOf } from '../../domain/time'
import { DISTRICT_NAME, XIHU_TOWNS } from '../../domain/towns'
import type { CheckInExportRow, GridActivity, SignUpExportRow, StatsStore } from '../port'
import { getAll, getByIds, retryOnce, type Doc, type WxAggregate, type WxDb } from './db'
import { AGG_LIMIT, memberCounts, summaryOf, type GridDoc } from './grids'
import { gridNames } from './names'
import { wxFigures } from './figures'
import { readSnapshot, saveSnapshots } from './snapshots'
import { isoOf, memberKey, type SummonDoc } from './summons'
import { DAY_MS } from '../../../types/rules'

type Row = Record<string, unknown>

/**
 * Exports read this many records per operation: an aggregation with a `limit` stage answers up to 10,000
 * (Aggregate.limit; a query only 100), and 1,000 keeps each answer near 0.5 MB.
 */
export const EXPORT_PAGE = 1_000
/** Lookups of an export (members, summons) sent at once. */
const LOOKUPS_AT_ONCE = 5

/** Group results by `_id`, for merging per-grid figures from several aggregation pipelines. */
const byId = (list: Row[]) => new Map(list.map((r) => [r._id as string, r]))
const num = (row: Row | undefined, field: string) => (row?.[field] as number | undefined) ?? 0

export function wxStats(db: WxDb): StatsStore {
  const _ = db.command
  const $ = _.aggregate
  const names = gridNames(db)
  const figures = wxFigures(db)

  async function gridDocs(townId?: string): Promise<GridDoc[]> {
    return (await getAll(db.collection('grids').where(townId ? { townId } : {}))) as GridDoc[]
  }

  /**
   * Records (check-ins, summons, ideas, memberships) keep only `gridId`, never a copy of the grid's town
   * (the copy policy in `../port.ts`): a town's figures are those of the grids in it now. `null` when the
   * town has no grids.
   */
  const ofGrids = (grids: GridDoc[], townId?: string) =>
    townId ? (grids.length ? { gridId: _.in(grids.map((g) => g._id)) } : null) : { gridId: _.neq(null) }

  /**
   * A summon's walk-ins as its roster lists them (`walkinsOf` in ./summons.ts): the members in `walkins`
   * without a seat, counted in the pipeline from the two maps' keys (summons written before walk-ins have none).
   */
  const keys = (map: string) => $.map({ input: $.objectToArray($.ifNull([map, {}])), as: 'e', in: '$$e.k' })
  const walkinCount = $.size($.setDifference([keys('$walkins'), keys('$seats')]))

  /** Runs one pipeline with an explicit `limit` stage (without one the platform answers 20 groups). */
  const run = (collection: string, build: (a: WxAggregate) => WxAggregate, limit = AGG_LIMIT) =>
    retryOnce(() => build(db.collection(collection).aggregate()).limit(limit).end())

  return {
    readSnapshot: (scope) => readSnapshot(db, scope),
    saveSnapshots: (snapshots) => saveSnapshots(db, snapshots),
    readSummary: (scope) => figures.readSummary(scope),
    gridsPage: (query) => figures.gridsPage(query),
    saveFigures: (generation) => figures.saveFigures(generation),
    /** The grids (100 a query) and eight aggregation pipelines (members, check-ins, summons twice, ideas, latest times). */
    async gridActivity(now, townId) {
      const since = new Date(now.getTime() - 30 * DAY_MS).toISOString()
      const at = now.toISOString()
      const grids = await gridDocs(townId)
      const inGrids = ofGrids(grids, townId)
      if (!inGrids) return []
      const lastOf = (collection: string, field: string, match: Record<string, unknown> = {}) =>
        run(collection, (a) => a.match({ ...inGrids, ...match }).group({ _id: '$gridId', last: $.max(`$${field}`) }))
      const [members, checkins, summons, ended, ideas, lastCheckIn, lastSummon, lastPlan] = await Promise.all([
        memberCounts(db, grids),
        run('checkins', (a) => a.match({ ...inGrids, at: _.gte(since) }).group({ _id: '$gridId', n: $.sum(1) })),
        run('summons', (a) =>
          a.match({ ...inGrids, createdAt: _.gte(since), withdrawnAt: null }).group({
            _id: '$gridId',
            n: $.sum(1),
            capacity: $.sum($.cond({ if: $.neq(['$capacity', null]), then: '$capacity', else: 0 })),
            confirmed: $.sum($.cond({ if: $.neq(['$capacity', null]), then: '$confirmed', else: 0 })),
          }),
        ),
        run('summons', (a) =>
          a.match({ ...inGrids, endAt: _.lte(at), withdrawnAt: null }).group({
            _id: '$gridId',
            confirmed: $.sum('$confirmed'),
            attended: $.sum('$attended'),
            walkins: $.sum(walkinCount),
          }),
        ),
        run('ideas', (a) =>
          a.match({ ...inGrids, status: 'visible' }).group({
            _id: '$gridId',
            n: $.sum(1),
            decided: $.sum($.cond({ if: $.neq(['$decision', null]), then: 1, else: 0 })),
            adopted: $.sum($.cond({ if: $.in(['$decision', ['adopted', 'partial']]), then: 1, else: 0 })),
            last: $.max('$createdAt'),
          }),
        ),
        // The latest activity is derived from the records, as SQLite does (check-ins, summons, ideas, plans).
        lastOf('checkins', 'at'),
        lastOf('summons', 'createdAt', { withdrawnAt: null }),
        lastOf('plans', 'createdAt'),
      ])
      const [c, s, e, i] = [byId(checkins.list), byId(summons.list), byId(ended.list), byId(ideas.list)]
      const [lc, ls, lp] = [byId(lastCheckIn.list), byId(lastSummon.list), byId(lastPlan.list)]
      const latest = (...times: unknown[]) =>
        times
          .filter((t): t is string => typeof t === 'string')
          .reduce<string | null>((a, b) => (a === null || b > a ? b : a), null)
      const order = (g: GridDoc) => `${g.townId}\u0000${g.name}`
      return grids
        .sort((a, b) => order(a).localeCompare(order(b)))
        .map((g): GridActivity => ({
          gridId: g._id,
          name: g.name,
          townId: g.townId,
          fourOnes: summaryOf(g, 0).fourOnes,
          members: members.get(g._id) ?? 0,
          checkIns30d: num(c.get(g._id), 'n'),
          summons30d: num(s.get(g._id), 'n'),
          capacityTotal: num(s.get(g._id), 'capacity'),
          confirmedOfCapacity: num(s.get(g._id), 'confirmed'),
          endedConfirmed: num(e.get(g._id), 'confirmed'),
          endedAttended: num(e.get(g._id), 'attended'),
          endedWalkins: num(e.get(g._id), 'walkins'),
          ideas: num(i.get(g._id), 'n'),
          decided: num(i.get(g._id), 'decided'),
          adopted: num(i.get(g._id), 'adopted'),
          lastActivityAt: latest(
            g.lastActivityAt,
            i.get(g._id)?.last,
            lc.get(g._id)?.last,
            ls.get(g._id)?.last,
            lp.get(g._id)?.last,
          ),
        }))
    },
    /** Distinct members of the town's grids as they are now (or of all grids): the grids, then 1 pipeline. */
    async distinctMembers(townId) {
      const inGrids = townId ? ofGrids(await gridDocs(townId), townId) : { gridId: _.exists(true) }
      if (!inGrids) return 0
      const { list } = await run('grid_members', (a) =>
        a
          .match(inGrids)
          .group({ _id: '$openid' })
          .group({ _id: null, n: $.sum(1) }),
      )
      return num(list[0], 'n')
    },
    /** Check-ins per grid and week (the grids, then 1 pipeline), each grid counted in the town it is in now. */
    async weeklyCheckIns(now, weeks, townId) {
      const starts = Array.from({ length: weeks }, (_w, k) =>
        weekStartOf(new Date(now.getTime() - (weeks - 1 - k) * 7 * DAY_MS)),
      )
      const byWeek = new Map<string, WeekCount>(starts.map((w) => [w, { weekStart: w, total: 0, byTown: {} }]))
      const grids = await gridDocs(townId)
      const inGrids = ofGrids(grids, townId)
      if (!inGrids) return [...byWeek.values()]
      const towns = new Map(grids.map((g) => [g._id, g.townId]))
      // One row per grid (at most one per grid, so within the limit), a sum per week: `w0`…`w11`.
      const perWeek = Object.fromEntries(
        starts.map((w, k) => [`w${k}`, $.sum($.cond({ if: $.eq(['$week', w]), then: 1, else: 0 }))]),
      )
      const { list } = await run('checkins', (a) =>
        a.match({ ...inGrids, week: _.gte(starts[0]) }).group({ _id: '$gridId', ...perWeek }),
      )
      for (const row of list) {
        const town = towns.get(row._id as string)
        if (!town) continue
        starts.forEach((w, k) => {
          const n = num(row, `w${k}`)
          const entry = byWeek.get(w)!
          if (n === 0) return
          entry.total += n
          entry.byTown[town] = (entry.byTown[town] ?? 0) + n
        })
      }
      return [...byWeek.values()]
    },
    /**
     * The latest check-ins, each labelled at read time (records keep only ids: the copy policy in
     * ../port.ts): pages of 1,000 through the `at` index, seeking (at, _id) after the last (20 operations at
     * 20,000 rows), then the members' and summons' names 1,000 a lookup, sent together.
     */
    async checkinRows(limit) {
      const docs = await pagesOf('checkins', limit, ['at', 'desc'], {
        at: true,
        gridId: true,
        summonId: true,
        summonTitle: true,
        method: true,
        verifiedBy: true,
        openid: true,
      })
      const ids = (field: string) => docs.map((d) => d[field]).filter((v): v is string => typeof v === 'string')
      const untitled = docs.filter((d) => typeof d.summonId === 'string' && typeof d.summonTitle !== 'string')
      const [users, grids, summons] = await Promise.all([
        namesOf(docs),
        names.get(ids('gridId')),
        lookup('summons', [...new Set(untitled.map((d) => d.summonId as string))], { title: true }),
      ])
      const titles = new Map(summons.map((s) => [s._id, s.title as string]))
      for (const d of docs) if (typeof d.summonTitle === 'string') titles.set(d.summonId as string, d.summonTitle)
      const townName = (id: string | undefined) => XIHU_TOWNS.find((t) => t.id === id)?.name ?? null
      return docs.map((d): CheckInExportRow => {
        const grid = typeof d.gridId === 'string' ? grids.get(d.gridId) : undefined
        return {
          at: d.at as string,
          gridName: typeof d.gridId === 'string' ? (grid?.name ?? '') : DISTRICT_NAME,
          townName: townName(grid?.townId),
          summonTitle: typeof d.summonId === 'string' ? (titles.get(d.summonId) ?? null) : null,
          method: d.method as CheckIn['method'],
          verifiedBy: d.verifiedBy as Verification[],
          memberName: users.get(d.openid as string)?.name ?? null,
          org: users.get(d.openid as string)?.org ?? null,
        }
      })
    },
    /**
     * Sign-ups through the `signups` index; each member's standing and times come from the summon record,
     * which holds the truth (`seats`, `waiting`, `left`; see ./summons.ts).
     */
    async signupRows(limit) {
      const docs = await pagesOf('signups', limit, ['startAt', 'desc'], { summonId: true, openid: true, status: true })
      const summons = new Map(
        (
          await getByIds(
            db,
            'summons',
            docs.map((d) => d.summonId as string),
          )
        ).map((s) => [s._id, s as SummonDoc]),
      )
      const [users, grids] = await Promise.all([
        namesOf(docs),
        names.get([...summons.values()].map((s) => s.gridId).filter((g): g is string => typeof g === 'string')),
      ])
      const rows = docs.map((d): SignUpExportRow => {
        const s = summons.get(d.summonId as string)
        const k = memberKey(d.openid as string)
        const seat = s?.seats?.[k]
        const entry = seat ?? s?.waiting?.[k] ?? s?.left?.[k]
        const status: SignUpStatus = seat
          ? 'confirmed'
          : s?.waiting?.[k]
            ? 'waitlisted'
            : s?.left?.[k]
              ? 'cancelled'
              : (d.status as SignUpStatus)
        return {
          summonTitle: s?.title ?? '',
          gridName: s ? (s.gridId ? (grids.get(s.gridId)?.name ?? '') : DISTRICT_NAME) : '',
          summonStartAt: s?.startAt ?? null,
          memberName: users.get(d.openid as string)?.name ?? null,
          org: users.get(d.openid as string)?.org ?? null,
          status,
          summonWithdrawn: Boolean(s?.withdrawnAt),
          signedUpAt: isoOf(entry ? entry.at : (d.signedUpAt ?? d.updatedAt)),
          attendedAt: seat?.attendedAt ?? null,
        }
      })
      return rows.sort(
        (a, b) =>
          (b.summonStartAt ?? '').localeCompare(a.summonStartAt ?? '') || a.signedUpAt.localeCompare(b.signedUpAt),
      )
    },
    async claimQuietGrids(since, now) {
      const s = since.toISOString()
      const candidates = (await getAll(
        db.collection('grids').where({ createdAt: _.lt(s), lastActivityAt: _.or([_.eq(null), _.lt(s)]) }),
      )) as GridDoc[]
      const claimed: { gridId: string; name: string; leaders: string[] }[] = []
      for (const g of candidates) {
        // Claim with a conditional update so two job runs never notify twice.
        const done = await db
          .collection('grids')
          .where({ _id: g._id, quietNotifiedAt: _.or([_.eq(null), _.lt(s)]) })
          .update({ data: { quietNotifiedAt: now.toISOString() } })
        if (done.stats.updated === 1) claimed.push({ gridId: g._id, name: g.name, leaders: g.leaders })
      }
      return claimed
    },
  }
  /**
   * Up to `limit` records newest first by `field` (an index's first field), in pages of `EXPORT_PAGE`
   * seeking (field, _id) after the last: a record written meanwhile above the first page is simply not in
   * this export, and none is read twice. Records without the field (written before it existed, see
   * cloud/jobs/backfill.ts) come last, in `_id` order.
   */
  async function pagesOf(
    collection: string,
    limit: number,
    [field]: [string, 'desc'],
    projection: Record<string, boolean>,
  ): Promise<Doc[]> {
    const out: Doc[] = []
    const page = (match: Record<string, unknown>, sort: Record<string, 1 | -1>, take: number) =>
      retryOnce(() =>
        db
          .collection(collection)
          .aggregate()
          .match(match)
          .sort(sort)
          .limit(take)
          .project({ ...projection, [field]: true })
          .end(),
      )
    let after: [unknown, string] | null = null
    while (out.length < limit) {
      const take = Math.min(EXPORT_PAGE, limit - out.length)
      const match = after
        ? _.or([{ [field]: _.lt(after[0]) }, { [field]: after[0], _id: _.lt(after[1]) }])
        : { [field]: _.exists(true) }
      const { list } = await page(match, { [field]: -1, _id: -1 }, take)
      out.push(...(list as Doc[]))
      if (list.length < take) break
      const last = list[list.length - 1] as Doc
      after = [last[field], last._id]
    }
    let afterId: string | null = null
    while (out.length < limit) {
      const take = Math.min(EXPORT_PAGE, limit - out.length)
      const match = afterId
        ? { [field]: _.exists(false), _id: _.gt(afterId) }
        : { _id: _.exists(true), [field]: _.exists(false) }
      const { list } = await page(match, { _id: 1 }, take)
      out.push(...(list as Doc[]))
      if (list.length < take) break
      afterId = (list[list.length - 1] as Doc)._id
    }
    return out
  }

  /** Records by id, `EXPORT_PAGE` an aggregation with only the fields asked for, `LOOKUPS_AT_ONCE` at a time. */
  async function lookup(collection: string, ids: string[], projection: Record<string, boolean>): Promise<Doc[]> {
    const chunks: string[][] = []
    for (let i = 0; i < ids.length; i += EXPORT_PAGE) chunks.push(ids.slice(i, i + EXPORT_PAGE))
    const found: Doc[] = []
    for (let i = 0; i < chunks.length; i += LOOKUPS_AT_ONCE) {
      const answers = await Promise.all(
        chunks.slice(i, i + LOOKUPS_AT_ONCE).map((chunk) =>
          retryOnce(() =>
            db
              .collection(collection)
              .aggregate()
              .match({ _id: _.in(chunk) })
              .project(projection)
              .limit(chunk.length)
              .end(),
          ),
        ),
      )
      for (const { list } of answers) found.push(...(list as Doc[]))
    }
    return found
  }

  /** The members' names and organisations. */
  async function namesOf(docs: Doc[]) {
    const ids = [...new Set(docs.map((d) => d.openid as string))]
    const users = await lookup('users', ids, { name: true, org: true })
    return new Map(users.map((u) => [u._id, { name: u.name as string, org: (u.org as string | null) ?? null }]))
  }
}
