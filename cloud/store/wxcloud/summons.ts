import { DISTRICT_NAME } from '../../domain/towns'
import type { MySignUp, RosterEntry, SignUpStatus } from '../../../types'
import { newId } from '../../core/ids'
import { cancelRefusal, signUpRefusal } from '../../domain/summons'
import type { DueNotice, SignUpOutcome, SummonRecord, SummonStore } from '../port'
import { decodeCursor, encodeCursor } from '../cursor'
import { addOnce, getAll, getDoc, key, type Doc, type WxDb } from './db'
import { touchGrid, type GridDoc } from './grids'

type SummonDoc = Doc & Omit<SummonRecord, 'id'>
/** `claiming` marks a sign-up being written: it holds the member's one sign-up while a place is taken. */
type SignUpDoc = Doc & {
  summonId: string
  openid: string
  status: SignUpStatus | 'claiming' | 'promoting'
  waitSeq: number | null
  signedUpAt: string
  confirmedAt: string | null
  promotedAt: string | null
  promotionNotifiedAt: string | null
  remindedAt: string | null
  cancelledAt: string | null
  attendedAt: string | null
}

const recordOf = ({ _id, waitSeq: _waitSeq, ...rest }: SummonDoc & { waitSeq?: number }): SummonRecord => ({
  ...rest,
  id: _id,
})

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export function wxSummons(db: WxDb): SummonStore {
  const _ = db.command
  const summons = () => db.collection('summons')
  const signups = () => db.collection('signups')
  const get = async (id: string) => {
    const doc = await getDoc<SummonDoc>(db, 'summons', id)
    return doc ? recordOf(doc) : null
  }
  const signUpOf = (summonId: string, openid: string) => getDoc<SignUpDoc>(db, 'signups', key(summonId, openid))
  const placeCondition = (s: SummonRecord) =>
    s.capacity === null ? { _id: s.id } : { _id: s.id, confirmed: _.lt(s.capacity) }

  async function positionOf(summonId: string, waitSeq: number): Promise<number> {
    return (
      await signups()
        .where({ summonId, status: 'waitlisted', waitSeq: _.lte(waitSeq) })
        .count()
    ).total
  }

  async function mine(summonId: string, openid: string): Promise<MySignUp | null> {
    const su = await signUpOf(summonId, openid)
    if (!su || su.status === 'claiming') return null
    const status: SignUpStatus = su.status === 'promoting' ? 'waitlisted' : su.status
    const result: MySignUp = { status }
    if (status === 'waitlisted' && su.waitSeq !== null) result.position = await positionOf(summonId, su.waitSeq)
    if (su.attendedAt) result.attendedAt = su.attendedAt
    return result
  }

  /** The next waitlist number, from a single-document transaction on the summon. */
  async function nextWaitSeq(summonId: string): Promise<number> {
    return db.runTransaction(async (t) => {
      const doc = (await t.collection('summons').doc(summonId).get()).data as SummonDoc & { waitSeq: number }
      const seq = (doc.waitSeq ?? 0) + 1
      await t
        .collection('summons')
        .doc(summonId)
        .update({ data: { waitSeq: seq } })
      return seq
    })
  }

  /** Moves the head of the waitlist into free places, one conditional update at a time. */
  async function promoteWaiting(summon: SummonRecord, now: Date): Promise<number> {
    let promoted = 0
    for (;;) {
      const { data } = await signups()
        .where({ summonId: summon.id, status: 'waitlisted' })
        .orderBy('waitSeq', 'asc')
        .limit(1)
        .get()
      const next = data[0] as SignUpDoc | undefined
      if (!next) return promoted
      const claimed = await signups()
        .where({ _id: next._id, status: 'waitlisted' })
        .update({ data: { status: 'promoting' } })
      if (claimed.stats.updated !== 1) continue
      const took = await summons()
        .where(placeCondition(summon))
        .update({ data: { confirmed: _.inc(1), waitlisted: _.inc(-1) } })
      if (took.stats.updated !== 1) {
        await signups()
          .doc(next._id)
          .update({ data: { status: 'waitlisted' } })
        return promoted
      }
      const at = now.toISOString()
      await signups()
        .doc(next._id)
        .update({ data: { status: 'confirmed', waitSeq: null, confirmedAt: at, promotedAt: at } })
      promoted++
    }
  }

  /** A repeated tap answers the existing sign-up, waiting briefly while a concurrent tap finishes writing it. */
  async function answerExisting(summonId: string, openid: string): Promise<SignUpOutcome> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const current = await mine(summonId, openid)
      if (current && current.status !== 'cancelled')
        return { ok: true, status: current.status, position: current.position }
      await pause(20)
    }
    return { ok: true, status: 'waitlisted' }
  }

  return {
    async create(input, now) {
      const grid = input.gridId ? await getDoc<GridDoc>(db, 'grids', input.gridId) : null
      const id = newId()
      const at = now.toISOString()
      const data = {
        _id: id,
        ...input,
        gridName: grid?.name ?? DISTRICT_NAME,
        confirmed: 0,
        waitlisted: 0,
        attended: 0,
        waitSeq: 0,
        withdrawnAt: null,
        withdrawReason: null,
        createdAt: at,
      }
      await summons().add({ data })
      if (input.gridId) await touchGrid(db, input.gridId, at)
      return (await get(id))!
    },
    get,
    async list(q) {
      const at = q.now.toISOString()
      const where: Record<string, unknown>[] = []
      const ascending = q.scope === 'open'
      if (q.scope === 'open') where.push({ withdrawnAt: null, endAt: _.gt(at) })
      if (q.scope === 'mine') {
        const mineDocs = await getAll(
          signups().where({ openid: q.openid, status: _.in(['confirmed', 'waitlisted', 'promoting']) }),
        )
        where.push({ _id: _.in(mineDocs.map((d) => d.summonId as string)) })
      }
      if (q.scope === 'grid' && !q.gridId) {
        const [memberships, led] = await Promise.all([
          getAll(db.collection('grid_members').where({ openid: q.openid })),
          getAll(db.collection('grids').where({ leaders: q.openid })),
        ])
        where.push({ gridId: _.in([...memberships.map((m) => m.gridId as string), ...led.map((g) => g._id)]) })
      }
      if (q.gridId) where.push({ gridId: q.gridId })
      const after = decodeCursor(q.cursor)
      if (after) {
        const [startAt, id] = after
        const cmp = ascending ? _.gt : _.lt
        where.push(_.or([{ startAt: cmp(startAt) }, { startAt, _id: cmp(id) }]))
      }
      const order = ascending ? 'asc' : 'desc'
      const { data } = await summons()
        .where(where.length ? _.and(where) : {})
        .orderBy('startAt', order)
        .orderBy('_id', order)
        .limit(q.limit + 1)
        .get()
      const page = (data as SummonDoc[]).slice(0, q.limit)
      const statuses = page.length
        ? await getAll(signups().where({ openid: q.openid, summonId: _.in(page.map((d) => d._id)) }))
        : []
      const mineOf = new Map(statuses.map((s) => [s.summonId as string, s.status as SignUpDoc['status']]))
      const items = page.map((d) => {
        const status = mineOf.get(d._id)
        const visible = status === 'promoting' ? 'waitlisted' : status === 'claiming' ? undefined : status
        return visible ? { ...recordOf(d), mine: visible } : recordOf(d)
      })
      const last = page[page.length - 1]
      return data.length > q.limit && last ? { items, nextCursor: encodeCursor([last.startAt, last._id]) } : { items }
    },
    async signUp(summonId, openid, now) {
      const summon = await get(summonId)
      if (!summon) return { ok: false, reason: 'missing' }
      const id = key(summonId, openid)
      const existing = await signUpOf(summonId, openid)
      if (existing && existing.status !== 'cancelled') return answerExisting(summonId, openid)
      const refusal = signUpRefusal(summon, now)
      if (refusal) return { ok: false, reason: refusal }
      const at = now.toISOString()
      const claim = {
        summonId,
        openid,
        status: 'claiming',
        waitSeq: null,
        signedUpAt: at,
        confirmedAt: null,
        promotedAt: null,
        promotionNotifiedAt: null,
        remindedAt: null,
        cancelledAt: null,
        attendedAt: null,
      }
      // The member's one sign-up: the document id is the idempotency key, so a second tap cannot take a second place.
      const claimed = existing
        ? (await signups().where({ _id: id, status: 'cancelled' }).update({ data: claim })).stats.updated === 1
        : await addOnce(db, 'signups', { _id: id, ...claim })
      if (!claimed) return answerExisting(summonId, openid)
      const took = await summons()
        .where(placeCondition(summon))
        .update({ data: { confirmed: _.inc(1) } })
      if (took.stats.updated === 1) {
        await signups()
          .doc(id)
          .update({ data: { status: 'confirmed', confirmedAt: at } })
        return { ok: true, status: 'confirmed' }
      }
      const waitSeq = await nextWaitSeq(summonId)
      await summons()
        .doc(summonId)
        .update({ data: { waitlisted: _.inc(1) } })
      await signups()
        .doc(id)
        .update({ data: { status: 'waitlisted', waitSeq } })
      // A place may have been freed while we queued: fill it from the head of the line.
      const fresh = (await get(summonId))!
      if (fresh.capacity !== null && fresh.confirmed < fresh.capacity) await promoteWaiting(fresh, now)
      const current = await mine(summonId, openid)
      return current?.status === 'confirmed'
        ? { ok: true, status: 'confirmed' }
        : { ok: true, status: 'waitlisted', position: current?.position }
    },
    async cancel(summonId, openid, now) {
      const summon = await get(summonId)
      if (!summon) return { ok: false, reason: 'missing' }
      const su = await signUpOf(summonId, openid)
      if (!su || su.status === 'cancelled' || su.status === 'claiming') return { ok: false, reason: 'not_signed_up' }
      if (cancelRefusal(summon, now)) return { ok: false, reason: 'started' }
      const done = await signups()
        .where({ _id: su._id, status: su.status })
        .update({ data: { status: 'cancelled', cancelledAt: now.toISOString(), waitSeq: null } })
      if (done.stats.updated !== 1) return { ok: false, reason: 'not_signed_up' }
      if (su.status !== 'confirmed') {
        await summons()
          .doc(summonId)
          .update({ data: { waitlisted: _.inc(-1) } })
        return { ok: true, promoted: false }
      }
      await summons()
        .doc(summonId)
        .update({ data: { confirmed: _.inc(-1) } })
      return { ok: true, promoted: (await promoteWaiting((await get(summonId))!, now)) > 0 }
    },
    mine,
    async roster(summonId) {
      const docs = await getAll(
        signups().where({ summonId, status: _.in(['confirmed', 'waitlisted', 'promoting', 'cancelled']) }),
      ).then((d) => d as SignUpDoc[])
      const users = docs.length
        ? await getAll(db.collection('users').where({ _id: _.in(docs.map((d) => d.openid)) }))
        : []
      const names = new Map(users.map((u) => [u._id, u.name as string]))
      const rank = { confirmed: 0, waitlisted: 1, promoting: 1, cancelled: 2, claiming: 3 }
      docs.sort(
        (a, b) =>
          rank[a.status] - rank[b.status] ||
          (a.waitSeq ?? 0) - (b.waitSeq ?? 0) ||
          (a.confirmedAt ?? a.signedUpAt).localeCompare(b.confirmedAt ?? b.signedUpAt) ||
          a.openid.localeCompare(b.openid),
      )
      let position = 0
      return docs.map((d): RosterEntry => {
        const status: SignUpStatus = d.status === 'promoting' ? 'waitlisted' : (d.status as SignUpStatus)
        const entry: RosterEntry = {
          openid: d.openid,
          name: names.get(d.openid) ?? '未填写姓名',
          status,
          signedUpAt: d.signedUpAt,
        }
        if (status === 'waitlisted') entry.position = ++position
        if (d.attendedAt) entry.attendedAt = d.attendedAt
        return entry
      })
    },
    async withdraw(summonId, reason, now) {
      const summon = await get(summonId)
      if (!summon) return { ok: false, reason: 'missing' }
      if (now.toISOString() >= summon.endAt) return { ok: false, reason: 'ended' }
      await summons()
        .where({ _id: summonId, withdrawnAt: null })
        .update({ data: { withdrawnAt: now.toISOString(), withdrawReason: reason } })
      return { ok: true, summon: (await get(summonId))! }
    },
    async claimDueNotices(now, leadMinutes) {
      const at = now.toISOString()
      const horizon = new Date(now.getTime() + leadMinutes * 60_000).toISOString()
      const due = await getAll(summons().where({ withdrawnAt: null, startAt: _.and([_.gt(at), _.lte(horizon)]) }))
      const notices: DueNotice[] = []
      for (const doc of due as SummonDoc[]) {
        const pending = await getAll(signups().where({ summonId: doc._id, status: 'confirmed', remindedAt: null }))
        for (const su of pending) {
          // Claim each reminder with a conditional update, so two job runs never send it twice.
          const claimed = await signups()
            .where({ _id: su._id, remindedAt: null })
            .update({ data: { remindedAt: at } })
          if (claimed.stats.updated === 1)
            notices.push({ kind: 'reminder', openid: su.openid as string, summon: recordOf(doc) })
        }
      }
      const promoted = await getAll(
        signups().where({ status: 'confirmed', promotedAt: _.neq(null), promotionNotifiedAt: null }),
      )
      for (const su of promoted) {
        const claimed = await signups()
          .where({ _id: su._id, promotionNotifiedAt: null })
          .update({ data: { promotionNotifiedAt: at } })
        const summon = await get(su.summonId as string)
        if (claimed.stats.updated === 1 && summon)
          notices.push({ kind: 'promotion', openid: su.openid as string, summon })
      }
      return notices
    },
  }
}
