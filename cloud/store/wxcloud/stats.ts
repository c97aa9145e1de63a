import type { CheckIn, SignUpStatus, Verification, WeekCount } from '../../../types'
import { weekStartOf } from '../../domain/time'
import { XIHU_TOWNS } from '../../domain/towns'
import type { CheckInExportRow, GridActivity, SignUpExportRow, StatsStore } from '../port'
import { getAll, type Doc, type WxDb } from './db'
import { summaryOf, type GridDoc } from './grids'

const DAY_MS = 86_400_000
type Row = Record<string, unknown>

/** Group results by `_id`, for merging per-grid figures from several aggregation pipelines. */
const byId = (list: Row[]) => new Map(list.map((r) => [r._id as string, r]))
const num = (row: Row | undefined, field: string) => (row?.[field] as number | undefined) ?? 0

export function wxStats(db: WxDb): StatsStore {
  const _ = db.command
  const $ = _.aggregate

  async function gridDocs(townId?: string): Promise<GridDoc[]> {
    return (await getAll(db.collection('grids').where(townId ? { townId } : {}))) as GridDoc[]
  }

  return {
    /** Four aggregation pipelines (check-ins, summons, ended summons, ideas) merged per grid. */
    async gridActivity(now, townId) {
      const since = new Date(now.getTime() - 30 * DAY_MS).toISOString()
      const at = now.toISOString()
      const town = townId ? { townId } : {}
      const [grids, checkins, summons, ended, ideas] = await Promise.all([
        gridDocs(townId),
        db
          .collection('checkins')
          .aggregate()
          .match({ ...town, at: _.gte(since), gridId: _.neq(null) })
          .group({ _id: '$gridId', n: $.sum(1) })
          .end(),
        db
          .collection('summons')
          .aggregate()
          .match({ createdAt: _.gte(since), withdrawnAt: null, gridId: _.neq(null) })
          .group({
            _id: '$gridId',
            n: $.sum(1),
            capacity: $.sum($.cond({ if: $.neq(['$capacity', null]), then: '$capacity', else: 0 })),
            confirmed: $.sum($.cond({ if: $.neq(['$capacity', null]), then: '$confirmed', else: 0 })),
          })
          .end(),
        db
          .collection('summons')
          .aggregate()
          .match({ endAt: _.lte(at), withdrawnAt: null, gridId: _.neq(null) })
          .group({ _id: '$gridId', confirmed: $.sum('$confirmed'), attended: $.sum('$attended') })
          .end(),
        db
          .collection('ideas')
          .aggregate()
          .match({ status: 'visible' })
          .group({
            _id: '$gridId',
            n: $.sum(1),
            decided: $.sum($.cond({ if: $.neq(['$decision', null]), then: 1, else: 0 })),
            adopted: $.sum($.cond({ if: $.in(['$decision', ['adopted', 'partial']]), then: 1, else: 0 })),
            last: $.max('$createdAt'),
          })
          .end(),
      ])
      const [c, s, e, i] = [byId(checkins.list), byId(summons.list), byId(ended.list), byId(ideas.list)]
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
          fourOnes: summaryOf(g).fourOnes,
          members: g.memberCount,
          checkIns30d: num(c.get(g._id), 'n'),
          summons30d: num(s.get(g._id), 'n'),
          capacityTotal: num(s.get(g._id), 'capacity'),
          confirmedOfCapacity: num(s.get(g._id), 'confirmed'),
          endedConfirmed: num(e.get(g._id), 'confirmed'),
          endedAttended: num(e.get(g._id), 'attended'),
          ideas: num(i.get(g._id), 'n'),
          decided: num(i.get(g._id), 'decided'),
          adopted: num(i.get(g._id), 'adopted'),
          lastActivityAt: latest(g.lastActivityAt, i.get(g._id)?.last),
        }))
    },
    async distinctMembers(townId) {
      const { list } = await db
        .collection('grid_members')
        .aggregate()
        .match(townId ? { townId } : {})
        .group({ _id: '$openid' })
        .group({ _id: null, n: $.sum(1) })
        .end()
      return num(list[0], 'n')
    },
    async weeklyCheckIns(now, weeks, townId) {
      const starts = Array.from({ length: weeks }, (_w, k) =>
        weekStartOf(new Date(now.getTime() - (weeks - 1 - k) * 7 * DAY_MS)),
      )
      const { list } = await db
        .collection('checkins')
        .aggregate()
        .match({ week: _.gte(starts[0]), townId: townId ?? _.neq(null) })
        .group({ _id: { week: '$week', townId: '$townId' }, n: $.sum(1) })
        .end()
      const byWeek = new Map<string, WeekCount>(starts.map((w) => [w, { weekStart: w, total: 0, byTown: {} }]))
      for (const row of list) {
        const { week, townId: town } = row._id as { week: string; townId: string }
        const entry = byWeek.get(week)
        if (!entry) continue
        entry.total += row.n as number
        entry.byTown[town] = row.n as number
      }
      return [...byWeek.values()]
    },
    async checkinRows(limit) {
      const docs = await getAll(db.collection('checkins').orderBy('at', 'desc'), limit)
      const users = await namesOf(db, docs)
      const towns = new Map((await gridDocs()).map((g) => [g._id, g.townId]))
      const townName = (id: string | undefined) => XIHU_TOWNS.find((t) => t.id === id)?.name ?? null
      return docs.map((d): CheckInExportRow => ({
        at: d.at as string,
        gridName: d.gridName as string,
        townName: townName(towns.get(d.gridId as string)),
        summonTitle: (d.summonTitle as string | null) ?? null,
        method: d.method as CheckIn['method'],
        verifiedBy: d.verifiedBy as Verification[],
        memberName: users.get(d.openid as string)?.name ?? null,
        org: users.get(d.openid as string)?.org ?? null,
      }))
    },
    async signupRows(limit) {
      const docs = await getAll(
        db.collection('signups').where({ status: _.in(['confirmed', 'waitlisted', 'cancelled']) }),
        limit,
      )
      const summons = new Map(
        (
          await getAll(
            db.collection('summons').where({ _id: _.in([...new Set(docs.map((d) => d.summonId as string))]) }),
          )
        ).map((s) => [s._id, s]),
      )
      const users = await namesOf(db, docs)
      const rows = docs.map((d): SignUpExportRow => {
        const s = summons.get(d.summonId as string)
        return {
          summonTitle: (s?.title as string) ?? '',
          gridName: (s?.gridName as string) ?? '',
          summonStartAt: (s?.startAt as string | undefined) ?? null,
          memberName: users.get(d.openid as string)?.name ?? null,
          org: users.get(d.openid as string)?.org ?? null,
          status: d.status as SignUpStatus,
          signedUpAt: d.signedUpAt as string,
          attendedAt: (d.attendedAt as string | null | undefined) ?? null,
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
}

async function namesOf(db: WxDb, docs: Doc[]) {
  const ids = [...new Set(docs.map((d) => d.openid as string))]
  const users = ids.length ? await getAll(db.collection('users').where({ _id: db.command.in(ids) })) : []
  return new Map(users.map((u) => [u._id, { name: u.name as string, org: (u.org as string | null) ?? null }]))
}
