import { createHash } from 'node:crypto'
import { weekStartOf } from '../../domain/time'
import type { CheckIn, CheckInRecord } from '../../../types'
import type { CheckInOutcome, CheckInStore, NewCheckIn } from '../port'
import { decodeCursor, encodeCursor } from '../cursor'
import { addOnce, getDoc, key, type Doc, type WxDb } from './db'
import { touchGrid, type GridDoc } from './grids'
import { DISTRICT_NAME } from '../../domain/towns'

type CheckInDoc = Doc & {
  openid: string
  requestId: string
  gridId: string | null
  gridName: string
  townId: string | null
  summonId: string | null
  summonTitle: string | null
  method: CheckIn['method']
  verifiedBy: CheckIn['verifiedBy']
  location: NewCheckIn['location'] | null
  firstReport: boolean
  week: string
  at: string
}

/** The check-in's id is derived from (member, request id): a repeated request cannot write twice. */
const checkInId = (openid: string, requestId: string) =>
  `c${createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 24)}`

function checkInOf(d: CheckInDoc): CheckIn {
  const c: CheckIn = { id: d._id, gridId: d.gridId, method: d.method, verifiedBy: d.verifiedBy, at: d.at }
  if (d.summonId) c.summonId = d.summonId
  return c
}

const outcomeOf = (d: CheckInDoc, duplicate: boolean): CheckInOutcome => ({
  checkIn: checkInOf(d),
  firstReport: d.firstReport,
  duplicate,
})

export function wxCheckins(db: WxDb): CheckInStore {
  const _ = db.command

  /** The 10-minute window per (member, target) is a lock document changed only in transactions. */
  async function takeWindow(lockId: string, id: string, now: Date, dedupeMinutes: number): Promise<string | null> {
    const since = new Date(now.getTime() - dedupeMinutes * 60_000).toISOString()
    const at = now.toISOString()
    return db.runTransaction(async (t) => {
      const ref = t.collection('checkin_windows').doc(lockId)
      const lock = await ref.get().then(
        (r) => r.data as Doc & { checkInId: string; at: string },
        () => null,
      )
      if (lock && lock.at > since && lock.at <= at) return lock.checkInId
      await ref.set({ data: { checkInId: id, at } })
      return null
    })
  }

  /** The check-in that holds the window may still be being written by a concurrent scan: wait for it briefly. */
  async function waitForDoc(id: string): Promise<CheckInDoc | null> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const doc = await getDoc<CheckInDoc>(db, 'checkins', id)
      if (doc) return doc
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    return null
  }

  return {
    async byRequest(openid, requestId) {
      const doc = await getDoc<CheckInDoc>(db, 'checkins', checkInId(openid, requestId))
      return doc ? outcomeOf(doc, true) : null
    },
    async record(input, now, dedupeMinutes) {
      const id = checkInId(input.openid, input.requestId)
      const earlier = await getDoc<CheckInDoc>(db, 'checkins', id)
      if (earlier) return outcomeOf(earlier, true)
      const target = input.method === 'live' ? `live-${input.summonId}` : `poster-${input.gridId}`
      const held = await takeWindow(key(input.openid, target), id, now, dedupeMinutes)
      if (held) {
        const first = await waitForDoc(held)
        if (first) return outcomeOf(first, true)
      }
      const at = now.toISOString()
      const grid = input.gridId ? await getDoc<GridDoc>(db, 'grids', input.gridId) : null
      let firstReport = false
      if (input.method === 'poster' && grid) {
        firstReport = await addOnce(db, 'grid_members', {
          _id: key(grid._id, input.openid),
          gridId: grid._id,
          gridName: grid.name,
          townId: grid.townId,
          openid: input.openid,
          joinedAt: at,
        })
        if (firstReport)
          await db
            .collection('grids')
            .doc(grid._id)
            .update({ data: { memberCount: _.inc(1) } })
      }
      let summonTitle: string | null = null
      if (input.method === 'live' && input.summonId) {
        const summon = await getDoc(db, 'summons', input.summonId)
        summonTitle = (summon?.title as string | undefined) ?? null
        const marked = await db
          .collection('signups')
          .where({ _id: key(input.summonId, input.openid), status: 'confirmed', attendedAt: null })
          .update({ data: { attendedAt: at } })
        if (marked.stats.updated === 1)
          await db
            .collection('summons')
            .doc(input.summonId)
            .update({ data: { attended: _.inc(1) } })
      }
      const doc: CheckInDoc = {
        _id: id,
        openid: input.openid,
        requestId: input.requestId,
        gridId: input.gridId,
        gridName: grid?.name ?? DISTRICT_NAME,
        townId: grid?.townId ?? null,
        summonId: input.summonId,
        summonTitle,
        method: input.method,
        verifiedBy: input.verifiedBy,
        location: input.location ?? null,
        firstReport,
        week: weekStartOf(now),
        at,
      }
      if (!(await addOnce(db, 'checkins', doc))) return outcomeOf((await getDoc<CheckInDoc>(db, 'checkins', id))!, true)
      if (grid) await touchGrid(db, grid._id, at)
      return outcomeOf(doc, false)
    },
    async mine(openid, cursor, limit) {
      const after = decodeCursor(cursor)
      const conditions: Record<string, unknown>[] = [{ openid }]
      if (after) conditions.push(_.or([{ at: _.lt(after[0]) }, { at: after[0], _id: _.lt(after[1]) }]))
      const { data } = await db
        .collection('checkins')
        .where(_.and(conditions))
        .orderBy('at', 'desc')
        .orderBy('_id', 'desc')
        .limit(limit + 1)
        .get()
      const page = (data as CheckInDoc[]).slice(0, limit)
      const items = page.map((d): CheckInRecord => {
        const item: CheckInRecord = { ...checkInOf(d), gridName: d.gridName }
        if (d.summonTitle) item.summonTitle = d.summonTitle
        return item
      })
      const last = page[page.length - 1]
      return data.length > limit && last ? { items, nextCursor: encodeCursor([last.at, last._id]) } : { items }
    },
  }
}
