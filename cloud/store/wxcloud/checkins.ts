/**
 * Check-ins on the WeChat cloud database.
 *
 * The 10-minute window of a target lives in the record the scan changes anyway, and the scan takes it with
 * one conditional update that also stores the whole check-in it is about to write (`mark`):
 * - a poster scan: the member's `grid_members` record (`lastPosterAt`, `lastPoster`) — for a first report,
 *   adding that record IS taking the window and reporting to the grid, in one step;
 * - a live scan: the member's entry in the summon's `seats` (taking the first window also marks them
 *   attended and counts it, in the same update) or, for a member who did not sign up, in `walkins`.
 * The check-in record is written after, with an id derived from (member, request id). If an instance dies
 * between the two, the window's `mark` still holds the check-in: the member's retry (same request id) or
 * next scan writes it from there, so a window is never held by a check-in that does not exist.
 */
import { createHash } from 'node:crypto'
import { AppError } from '../../core/errors'
import { weekStartOf } from '../../domain/time'
import { DISTRICT_NAME } from '../../domain/towns'
import type { CheckIn, CheckInRecord, GridCheckInRow, Page } from '../../../types'
import type { CheckInOutcome, CheckInStore, NewCheckIn } from '../port'
import { decodeCursor, encodeCursor } from '../cursor'
import { addOnce, getByIds, getDoc, key, retryOnce, PAGE, type Doc, type WxDb } from './db'
import { gridNames } from './names'
import { memberKey, type SeatEntry, type SummonDoc } from './summons'

export type CheckInDoc = Doc & {
  openid: string
  requestId: string
  gridId: string | null
  summonId: string | null
  method: CheckIn['method']
  verifiedBy: CheckIn['verifiedBy']
  location: NewCheckIn['location'] | null
  firstReport: boolean
  week: string
  at: string
  /** The organisation credited (the member's at scan time); absent on records written before it. */
  orgId?: string | null
  /** A live scan's summon title and hours, which never change after publishing (the copy policy). */
  summonTitle?: string
  hours?: number
}

/** The check-in's id is derived from (member, request id): a repeated request cannot write twice. */
const checkInId = (openid: string, requestId: string) =>
  `c${createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 24)}`

function checkInOf(d: CheckInDoc): CheckIn {
  const c: CheckIn = { id: d._id, gridId: d.gridId, method: d.method, verifiedBy: d.verifiedBy, at: d.at }
  if (d.summonId) c.summonId = d.summonId
  if (d.orgId) c.orgId = d.orgId
  return c
}

const outcomeOf = (d: CheckInDoc, duplicate: boolean): CheckInOutcome => ({
  checkIn: checkInOf(d),
  firstReport: d.firstReport,
  duplicate,
})

const SETTLE_ATTEMPTS = 4

export function wxCheckins(db: WxDb): CheckInStore {
  const _ = db.command
  const names = gridNames(db)

  /** A window is free when its last check-in is older than the window (or, with a clock behind, newer). */
  const windowFree = (since: string, at: string) => _.or([_.exists(false), _.eq(null), _.lte(since), _.gt(at)])

  /** Writes the check-in the window holds; answers it as new when it is this request's own. */
  async function settle(mark: CheckInDoc, id: string): Promise<CheckInOutcome> {
    await addOnce(db, 'checkins', mark)
    return outcomeOf(mark, mark._id !== id)
  }

  async function poster(doc: CheckInDoc, since: string): Promise<CheckInOutcome> {
    const memberId = key(doc.gridId!, doc.openid)
    const first = { ...doc, firstReport: true }
    const joined = await addOnce(db, 'grid_members', {
      _id: memberId,
      gridId: doc.gridId,
      openid: doc.openid,
      joinedAt: doc.at,
      lastPosterAt: doc.at,
      lastPoster: first,
    })
    if (joined) return settle(first, doc._id)
    const { stats } = await db
      .collection('grid_members')
      .where({ _id: memberId, lastPosterAt: windowFree(since, doc.at) })
      .update({ data: { lastPosterAt: doc.at, lastPoster: _.set(doc) } })
    if (stats.updated === 1) return settle(doc, doc._id)
    const member = await getDoc(db, 'grid_members', memberId)
    const held = member?.lastPoster as CheckInDoc | undefined
    if (!held) throw new Error(`grid member ${memberId} holds a window without its check-in`)
    return settle(held, doc._id)
  }

  /** One attempt at a live scan's window: the seat (attending), a repeat on an attended seat, or a walk-in. */
  async function takeLiveWindow(doc: CheckInDoc, since: string): Promise<boolean> {
    const k = memberKey(doc.openid)
    const summons = db.collection('summons')
    const base = { _id: doc.summonId!, withdrawnAt: null }
    const attend = await summons
      .where({ ...base, [`seats.${k}`]: _.exists(true), [`seats.${k}.attendedAt`]: _.exists(false) })
      .update({ data: { [`seats.${k}.attendedAt`]: doc.at, [`seats.${k}.scan`]: _.set(doc), attended: _.inc(1) } })
    if (attend.stats.updated === 1) return true
    const again = await summons
      .where({ ...base, [`seats.${k}.attendedAt`]: _.exists(true), [`seats.${k}.scan.at`]: windowFree(since, doc.at) })
      .update({ data: { [`seats.${k}.scan`]: _.set(doc) } })
    if (again.stats.updated === 1) return true
    // A walk-in keeps the time of their first check-in (`at`, the roster's); later windows move `scan` only.
    const walkIn = await summons
      .where({ ...base, [`seats.${k}`]: _.exists(false), [`walkins.${k}`]: _.exists(false) })
      .update({ data: { [`walkins.${k}`]: _.set({ openid: doc.openid, at: doc.at, scan: doc }) } })
    if (walkIn.stats.updated === 1) return true
    const walkInAgain = await summons
      .where({
        ...base,
        [`seats.${k}`]: _.exists(false),
        [`walkins.${k}`]: _.exists(true),
        [`walkins.${k}.scan.at`]: windowFree(since, doc.at),
      })
      .update({ data: { [`walkins.${k}.scan`]: _.set(doc) } })
    return walkInAgain.stats.updated === 1
  }

  async function live(doc: CheckInDoc, since: string): Promise<CheckInOutcome> {
    for (let attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++) {
      if (await takeLiveWindow(doc, since)) return settle(doc, doc._id)
      const summon = await getDoc<SummonDoc>(db, 'summons', doc.summonId!)
      if (!summon) throw new AppError('CODE_INVALID', '这个签到码对应的活动不存在')
      if (summon.withdrawnAt) throw new AppError('CLOSED', '这条召集令已撤回，不能签到了')
      const k = memberKey(doc.openid)
      const entry: SeatEntry | undefined = summon.seats?.[k] ?? summon.walkins?.[k]
      const held = entry?.scan as CheckInDoc | undefined
      // Held by a scan within the window: that check-in is the answer. Otherwise the member's seat changed
      // (signed up or cancelled) between the updates: try again.
      if (held && held.at > since && held.at <= doc.at) return settle(held, doc._id)
    }
    throw new Error(`live check-in to ${doc.summonId} did not settle in ${SETTLE_ATTEMPTS} attempts`)
  }

  return {
    async byRequest(openid, requestId) {
      const doc = await getDoc<CheckInDoc>(db, 'checkins', checkInId(openid, requestId))
      return doc ? outcomeOf(doc, true) : null
    },
    async record(input, now, dedupeMinutes) {
      const at = now.toISOString()
      const since = new Date(now.getTime() - dedupeMinutes * 60_000).toISOString()
      const doc: CheckInDoc = {
        _id: checkInId(input.openid, input.requestId),
        openid: input.openid,
        requestId: input.requestId,
        gridId: input.gridId,
        summonId: input.summonId,
        method: input.method,
        verifiedBy: input.verifiedBy,
        location: input.location ?? null,
        firstReport: false,
        week: weekStartOf(now),
        at,
        orgId: input.orgId ?? null,
        ...(input.summon ? { summonTitle: input.summon.title, hours: input.summon.hours } : {}),
      }
      if (input.method === 'live' && input.summonId) return live(doc, since)
      if (input.gridId) return poster(doc, since)
      throw new Error('a poster check-in needs its grid')
    },
    byGrid,
    async mine(openid, cursor, limit) {
      const { page, nextCursor } = await newestFirst({ openid }, cursor, limit)
      const [grids, titles] = await Promise.all([
        names.get(page.map((d) => d.gridId).filter((g): g is string => Boolean(g))),
        summonTitles(page.map((d) => d.summonId).filter((s): s is string => Boolean(s))),
      ])
      const items = page.map((d): CheckInRecord => {
        const item: CheckInRecord = {
          ...checkInOf(d),
          gridName: d.gridId ? (grids.get(d.gridId)?.name ?? '') : DISTRICT_NAME,
        }
        const title = d.summonId ? titles.get(d.summonId) : undefined
        if (title) item.summonTitle = title
        return item
      })
      return nextCursor ? { items, nextCursor } : { items }
    },
  }

  /** One page of check-ins matching `match`, newest first, seeking (at, _id) after the cursor. */
  async function newestFirst(match: Record<string, unknown>, cursor: string | undefined, limit: number) {
    const after = decodeCursor(cursor)
    const conditions: Record<string, unknown>[] = [match]
    if (after) conditions.push(_.or([{ at: _.lt(after[0]) }, { at: after[0], _id: _.lt(after[1]) }]))
    const { data } = await retryOnce(() =>
      db
        .collection('checkins')
        .where(_.and(conditions))
        .orderBy('at', 'desc')
        .orderBy('_id', 'desc')
        .limit(limit + 1)
        .get(),
    )
    const page = (data as CheckInDoc[]).slice(0, limit)
    const last = page[page.length - 1]
    return { page, nextCursor: data.length > limit && last ? encodeCursor([last.at, last._id]) : undefined }
  }

  /** Titles only: a summon record carries its places and waitlist, which a history page does not need. */
  async function byGrid(gridId: string, cursor: string | undefined, limit: number): Promise<Page<GridCheckInRow>> {
    const { page, nextCursor } = await newestFirst({ gridId }, cursor, limit)
    // Live scans carry their summon's title (it never changes); older ones are looked up.
    const untitled = page.filter((d) => d.summonId && !d.summonTitle).map((d) => d.summonId!)
    const [users, titles] = await Promise.all([
      getByIds(
        db,
        'users',
        page.map((d) => d.openid),
      ),
      summonTitles(untitled),
    ])
    const nameOf = new Map(users.map((u) => [u._id, u.name as string]))
    const items = page.map((d): GridCheckInRow => {
      const item: GridCheckInRow = {
        id: d._id,
        at: d.at,
        name: nameOf.get(d.openid) ?? '未填写姓名',
        method: d.method,
        verifiedBy: d.verifiedBy,
      }
      const title = d.summonTitle ?? (d.summonId ? titles.get(d.summonId) : undefined)
      if (title) item.summonTitle = title
      return item
    })
    return nextCursor ? { items, nextCursor } : { items }
  }

  async function summonTitles(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)].slice(0, PAGE)
    if (!unique.length) return new Map()
    const { data } = await retryOnce(() =>
      db
        .collection('summons')
        .where({ _id: _.in(unique) })
        .field({ title: true })
        .limit(PAGE)
        .get(),
    )
    return new Map(data.map((d) => [d._id, d.title as string]))
  }
}
