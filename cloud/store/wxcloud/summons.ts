/**
 * Summons on the WeChat cloud database.
 *
 * The places, the waitlist and the walk-ins of a summon live in the summon's own record — `seats`,
 * `waiting` and `walkins`, maps keyed by member — next to the counters `confirmed`, `waitlisted` and
 * `attended`. Every change of a member's state is ONE conditional update of that record (atomic on the
 * cloud database, and never a transaction, which a popular summon would fail with conflicts), and each
 * update moves a map entry and its counter together. So no call can die between two writes of the truth,
 * and these invariants hold after any interleaving or crash:
 * - `confirmed = |seats|`, `waitlisted = |waiting|`, `attended = |seats with attendedAt|`;
 * - `confirmed ≤ capacity`, and a free place means an empty waitlist (a newcomer takes a place only while
 *   nobody waits; a member joins the waitlist only while the summon is full; a cancellation with people
 *   waiting hands its place to the head of the line in the same update);
 * - the waitlist is FIFO by the database server's clock (`serverDate`), ties broken by member.
 * The `signups` collection is only the index of 我的报名 and the exports: written after the truth, idempotently
 * (`set`), and written again by the member's next sign-up or cancel call, so an instance that died between
 * the two leaves at worst a stale 我的报名 row until then — never a wrong place, count or answer.
 */
import { DISTRICT_NAME } from '../../domain/towns'
import type { MySignUp, RosterEntry, SignUpStatus } from '../../../types'
import { newId } from '../../core/ids'
import { cancelRefusal, signUpRefusal, type SummonTimes } from '../../domain/summons'
import { summonTimeErrors } from '../../../types/rules'
import type {
  CancelOutcome,
  CardChange,
  DueNotice,
  SignUpOutcome,
  SummonPatch,
  SummonRecord,
  SummonStore,
  UpdateSummonOutcome,
  WithdrawOutcome,
} from '../port'
import type { MadeCards } from './shareCards'
import { decodeCursor, encodeCursor } from '../cursor'
import { getAll, getByIds, getDoc, key, retryOnce, type Doc, type WxDb } from './db'
import { gridNames } from './names'
import { cachedOrgs } from './orgcache'

/** A member's entry in one of the summon's maps. */
export interface SeatEntry {
  openid: string
  /** When the member took this place or joined this line (server time; a `Date` in production). */
  at: unknown
  promotedAt?: string
  notifiedAt?: string
  attendedAt?: string
  /** The last live check-in, which holds the 10-minute window (see checkins.ts). */
  scan?: Record<string, unknown>
  /** 签退 (wxcloud/hours.ts): the latest sign-out and the request that made it. */
  signOutAt?: string
  outReq?: string
  /** The latest 补录 of this member's hours. */
  makeup?: { from: number; to: number; reason: string; by: string; byName: string | null; at: string }
}

export type SeatMap = Record<string, SeatEntry>

export type SummonDoc = Doc &
  Omit<SummonRecord, 'id' | 'gridName' | 'orgId' | 'orgName' | 'walkins'> & {
    /** Absent on summons written before organisations. */
    orgId?: string | null
    seats: SeatMap
    waiting: SeatMap
    /** Members who cancelled, so 「已取消」 and the roster need no second read. */
    left: SeatMap
    walkins: SeatMap
    /** Promoted members not yet told. */
    unnotified: number
    remindersSentAt: string | null
    /** 志愿时长 (wxcloud/hours.ts): the leader's confirmation; absent on summons written before it. */
    hoursConfirmedAt?: string | null
    /** Every make-up of the summon (the audit), keyed by member and time, with its count and latest time. */
    makeups?: Record<string, Record<string, unknown>>
    makeupCount?: number
    lastMakeupAt?: string
    /** The updatable share card's current activity (written with share_cards), absent until one is made. */
    card?: { activityId: string; expiresAt: string } | null
  }

type IndexStatus = SignUpStatus

/** Map keys are member ids; an openid with characters a field path cannot hold is hex-encoded. */
export const memberKey = (openid: string) =>
  /^[A-Za-z0-9_-]{1,64}$/.test(openid) ? openid : `x${Buffer.from(openid).toString('hex')}`

/** Server dates come back as `Date` in production and as ISO strings from the stand-in. */
export const isoOf = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v))

const byArrival = (a: SeatEntry, b: SeatEntry) =>
  isoOf(a.at).localeCompare(isoOf(b.at)) || a.openid.localeCompare(b.openid)

/** The waitlist in promotion order. */
export const waitingInOrder = (doc: Pick<SummonDoc, 'waiting'>) => Object.values(doc.waiting ?? {}).sort(byArrival)

/**
 * Walk-ins by first check-in: members who checked in with the live code without a confirmed place. A
 * member who walked in and signed up later holds a seat and is listed there instead.
 */
export const walkinsOf = (doc: Pick<SummonDoc, 'seats' | 'walkins'>) =>
  Object.entries(doc.walkins ?? {})
    .filter(([k]) => !doc.seats?.[k])
    .map(([, e]) => e)
    .sort(byArrival)

/** What the record says of one member. */
export function standingOf(doc: SummonDoc, openid: string): MySignUp | null {
  const k = memberKey(openid)
  const seat = doc.seats?.[k]
  if (seat) {
    if (!seat.attendedAt) return { status: 'confirmed' }
    return seat.signOutAt
      ? { status: 'confirmed', attendedAt: seat.attendedAt, signedOutAt: seat.signOutAt }
      : { status: 'confirmed', attendedAt: seat.attendedAt }
  }
  if (doc.waiting?.[k]) {
    const position = waitingInOrder(doc).findIndex((e) => e.openid === openid) + 1
    return { status: 'waitlisted', position }
  }
  return doc.left?.[k] ? { status: 'cancelled' } : null
}

const timesOf = (doc: SummonDoc): SummonTimes => ({
  startAt: doc.startAt,
  endAt: doc.endAt,
  signUpDeadline: doc.signUpDeadline,
  capacity: doc.capacity,
  confirmed: doc.confirmed,
  withdrawnAt: doc.withdrawnAt,
})

/**
 * How long an instance trusts a summon's times and capacity. A leader's edit (`update`) changes them on the
 * record at once; every write that decided on the cached values pins them in its condition, so a stale copy
 * makes the write fail and the record is read again — never a place beyond the capacity or a free place
 * while someone waits.
 */
const TIMES_TTL_MS = 60_000
const SETTLE_ATTEMPTS = 6
/**
 * Concurrent cancellations compete for the head of the waitlist: each round one of them wins and the others
 * read the record again, so n at once settle in at most n rounds. A short random pause spreads the rounds.
 */
const CANCEL_ATTEMPTS = 40
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt))

export function wxSummons(db: WxDb, madeCards: MadeCards = new Map()): SummonStore {
  const _ = db.command
  const summons = () => db.collection('summons')
  const names = gridNames(db)
  const timesCache = new Map<string, { times: SummonTimes; card: SummonDoc['card']; at: number }>()

  const read = async (id: string) => {
    const doc = await getDoc<SummonDoc>(db, 'summons', id)
    if (doc) timesCache.set(id, { times: timesOf(doc), card: doc.card ?? null, at: Date.now() })
    return doc
  }

  /** The newer (later-expiring) of the card this instance made and the one its cached summon holds. */
  const knownCard = (summonId: string): SummonDoc['card'] => {
    const cached = timesCache.get(summonId)?.card ?? null
    const made = madeCards.get(summonId) ?? null
    if (!made || (cached && cached.expiresAt >= made.expiresAt)) return cached
    return made
  }

  /**
   * The share card a change answers (see CardChange): from the summon as read just now or, for a plain
   * sign-up, as this instance last read it (a card made since is found within TIMES_TTL_MS, or by the job).
   */
  const cardChange = (
    card: SummonDoc['card'],
    capacity: number | null,
    now: Date,
    confirmed?: number,
  ): { card?: CardChange } => {
    if (!card || capacity === null || Date.parse(card.expiresAt) <= now.getTime()) return {}
    const change: CardChange = { activityId: card.activityId, expiresAt: card.expiresAt, capacity }
    if (confirmed !== undefined) change.confirmed = confirmed
    return { card: change }
  }

  /** The summon's times from this instance's cache (a withdrawal is never taken from here: see `live`). */
  async function cachedTimes(id: string): Promise<SummonTimes | null> {
    const hit = timesCache.get(id)
    if (hit && Date.now() - hit.at < TIMES_TTL_MS) return hit.times
    const doc = await read(id)
    return doc ? timesOf(doc) : null
  }

  let longest: { spanMs: number; at: number; now: number } | null = null
  /**
   * The earliest start an open summon can have: now minus the longest span of a summon not withdrawn
   * (one query a minute per instance). A summon published after that query starts after it (a summon
   * starts in the future), hence the bound never passes the time of the query. Records written before
   * `spanMs` existed need it backfilled (endAt - startAt) once.
   */
  async function openFrom(now: Date): Promise<string> {
    if (!longest || Date.now() - longest.at >= TIMES_TTL_MS) {
      const readAt = { at: Date.now(), now: now.getTime() }
      const { data } = await retryOnce(() =>
        summons()
          .where({ withdrawnAt: null, spanMs: _.gte(0) })
          .orderBy('spanMs', 'desc')
          .limit(1)
          .get(),
      )
      longest = { spanMs: (data[0]?.spanMs as number | undefined) ?? 0, ...readAt }
    }
    // A minute of slack for the clocks of other instances.
    const bound = Math.min(now.getTime() - longest.spanMs, longest.now) - TIMES_TTL_MS
    return new Date(bound).toISOString()
  }

  async function recordsOf(docs: SummonDoc[]): Promise<SummonRecord[]> {
    const orgIds = docs.map((d) => d.orgId).filter((o): o is string => Boolean(o))
    const [labels, orgs] = await Promise.all([
      names.get(docs.map((d) => d.gridId).filter((g): g is string => Boolean(g))),
      orgIds.length ? cachedOrgs(db, orgIds) : Promise.resolve(new Map<string, { name: string }>()),
    ])
    return docs.map((doc) =>
      recordOf(
        doc,
        doc.gridId ? (labels.get(doc.gridId)?.name ?? '') : DISTRICT_NAME,
        doc.orgId ? (orgs.get(doc.orgId)?.name ?? '') : null,
      ),
    )
  }
  const recordOfDoc = async (doc: SummonDoc) => (await recordsOf([doc]))[0]

  /** Writes the member's index entry as the record says it is (idempotent: a `set`). */
  async function writeIndex(summonId: string, startAt: string, openid: string, status: IndexStatus, at: string) {
    await retryOnce(() =>
      db
        .collection('signups')
        .doc(key(summonId, memberKey(openid)))
        // `startAt` (never edited after publishing) orders 我的报名 newest first through `openid_start`.
        .set({ data: { summonId, startAt, openid, status, updatedAt: at } }),
    )
  }

  /** Conditions that keep the member out of both maps and the summon not withdrawn. */
  const absent = (k: string) => ({
    withdrawnAt: null,
    [`seats.${k}`]: _.exists(false),
    [`waiting.${k}`]: _.exists(false),
  })

  /** The decided-on times, pinned in a write's condition (an edit on another instance fails the write). */
  const pinned = (times: SummonTimes) => ({
    startAt: times.startAt,
    endAt: times.endAt,
    signUpDeadline: times.signUpDeadline,
    capacity: times.capacity,
  })

  async function takeSeat(summonId: string, times: SummonTimes, openid: string): Promise<boolean> {
    const k = memberKey(openid)
    const condition: Record<string, unknown> = { _id: summonId, ...absent(k), ...pinned(times) }
    if (times.capacity !== null) Object.assign(condition, { confirmed: _.lt(times.capacity), waitlisted: 0 })
    const { stats } = await summons()
      .where(condition)
      .update({
        data: { [`seats.${k}`]: { openid, at: db.serverDate() }, [`left.${k}`]: _.remove(), confirmed: _.inc(1) },
      })
    return stats.updated === 1
  }

  async function joinWaitlist(summonId: string, times: SummonTimes & { capacity: number }, openid: string) {
    const k = memberKey(openid)
    const { stats } = await summons()
      .where({ _id: summonId, ...absent(k), ...pinned(times), confirmed: _.gte(times.capacity) })
      .update({
        data: { [`waiting.${k}`]: { openid, at: db.serverDate() }, [`left.${k}`]: _.remove(), waitlisted: _.inc(1) },
      })
    return stats.updated === 1
  }

  /** The answer to a sign-up, read from the record. */
  function answerOf(standing: MySignUp): SignUpOutcome {
    return standing.status === 'waitlisted'
      ? { ok: true, status: 'waitlisted', position: standing.position }
      : { ok: true, status: 'confirmed' }
  }

  async function signUp(summonId: string, openid: string, now: Date): Promise<SignUpOutcome> {
    let times = await cachedTimes(summonId)
    if (!times) return { ok: false, reason: 'missing' }
    const at = now.toISOString()
    for (let attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++) {
      const refusal = signUpRefusal({ ...times, withdrawnAt: null, confirmed: 0 }, now)
      if (refusal) return { ok: false, reason: refusal }
      if (await takeSeat(summonId, times, openid)) {
        await writeIndex(summonId, times.startAt, openid, 'confirmed', at)
        return { ok: true, status: 'confirmed', ...cardChange(knownCard(summonId), times.capacity, now) }
      }
      if (times.capacity !== null) await joinWaitlist(summonId, { ...times, capacity: times.capacity }, openid)
      // Joined the line, or already signed up, or withdrawn, or a place was freed in between, or the summon
      // was edited (the pinned times differ): the record says.
      const doc = await read(summonId)
      if (!doc) return { ok: false, reason: 'missing' }
      const standing = standingOf(doc, openid)
      if (standing && standing.status !== 'cancelled') {
        // Written again on a repeated tap too: that repairs the index after an instance died before it.
        await writeIndex(summonId, times.startAt, openid, standing.status, at)
        return answerOf(standing)
      }
      if (doc.withdrawnAt) return { ok: false, reason: 'withdrawn' }
      times = timesOf(doc)
    }
    throw new Error(`sign-up to ${summonId} did not settle in ${SETTLE_ATTEMPTS} attempts`)
  }

  /** Pins the attendance of a seat, so the counter update matches what the record holds. */
  const attendedCondition = (seat: SeatEntry) => (seat.attendedAt ? seat.attendedAt : _.exists(false))

  /** Gives up a place; with people waiting, the head of the line takes it in the same update. */
  async function releaseSeat(doc: SummonDoc, seat: SeatEntry, at: string): Promise<string | null | false> {
    const k = memberKey(seat.openid)
    const head = waitingInOrder(doc)[0]
    const condition: Record<string, unknown> = {
      _id: doc._id,
      [`seats.${k}.at`]: seat.at,
      [`seats.${k}.attendedAt`]: attendedCondition(seat),
    }
    const data: Record<string, unknown> = { [`seats.${k}`]: _.remove(), [`left.${k}`]: { openid: seat.openid, at } }
    if (seat.attendedAt) data.attended = _.inc(-1)
    if (head) {
      const h = memberKey(head.openid)
      condition[`waiting.${h}.at`] = head.at
      Object.assign(data, {
        [`waiting.${h}`]: _.remove(),
        [`seats.${h}`]: { openid: head.openid, at: head.at, promotedAt: at },
        waitlisted: _.inc(-1),
        unnotified: _.inc(1),
      })
    } else {
      condition.waitlisted = 0
      data.confirmed = _.inc(-1)
    }
    const { stats } = await summons().where(condition).update({ data })
    if (stats.updated !== 1) return false
    return head ? head.openid : null
  }

  async function leaveWaitlist(doc: SummonDoc, entry: SeatEntry, at: string): Promise<boolean> {
    const k = memberKey(entry.openid)
    const { stats } = await summons()
      .where({ _id: doc._id, [`waiting.${k}.at`]: entry.at })
      .update({
        data: { [`waiting.${k}`]: _.remove(), [`left.${k}`]: { openid: entry.openid, at }, waitlisted: _.inc(-1) },
      })
    return stats.updated === 1
  }

  async function cancel(summonId: string, openid: string, now: Date): Promise<CancelOutcome> {
    const at = now.toISOString()
    const k = memberKey(openid)
    for (let attempt = 0; attempt < CANCEL_ATTEMPTS; attempt++) {
      if (attempt > 0) await backoff(attempt)
      const doc = await read(summonId)
      if (!doc) return { ok: false, reason: 'missing' }
      const seat = doc.seats?.[k]
      const waiting = doc.waiting?.[k]
      if (!seat && !waiting) return { ok: false, reason: 'not_signed_up' }
      if (cancelRefusal(timesOf(doc), now)) return { ok: false, reason: 'started' }
      if (waiting) {
        if (!(await leaveWaitlist(doc, waiting, at))) continue
        await writeIndex(summonId, doc.startAt, openid, 'cancelled', at)
        return { ok: true, promoted: false }
      }
      const promoted = await releaseSeat(doc, seat!, at)
      if (promoted === false) continue
      await writeIndex(summonId, doc.startAt, openid, 'cancelled', at)
      if (promoted) {
        await writeIndex(summonId, doc.startAt, promoted, 'confirmed', at)
        return { ok: true, promoted: true }
      }
      // The place went to nobody: one fewer confirmed than the record read just before the update.
      return { ok: true, promoted: false, ...cardChange(doc.card, doc.capacity, now, doc.confirmed - 1) }
    }
    throw new Error(`cancel of ${summonId} did not settle in ${CANCEL_ATTEMPTS} attempts`)
  }

  async function roster(summonId: string): Promise<RosterEntry[]> {
    const doc = await read(summonId)
    if (!doc) return []
    const seats = Object.values(doc.seats ?? {}).sort(byArrival)
    const waiting = waitingInOrder(doc)
    const left = Object.values(doc.left ?? {}).sort(byArrival)
    const walkins = walkinsOf(doc)
    const users = await getByIds(
      db,
      'users',
      [...seats, ...waiting, ...left, ...walkins].map((e) => e.openid),
    )
    const nameOf = new Map(users.map((u) => [u._id, u.name as string]))
    const entry = (openid: string, status: SignUpStatus, at: string): RosterEntry => ({
      openid,
      name: nameOf.get(openid) ?? '未填写姓名',
      status,
      signedUpAt: at,
    })
    // A waitlisted or cancelled member who came anyway is listed once, as a walk-in (the waitlist keeps
    // its positions, so the others' numbers still match what each of them is shown).
    const walkedIn = new Set(walkins.map((w) => w.openid))
    return [
      ...seats.map((s) => {
        const e = entry(s.openid, 'confirmed', isoOf(s.at))
        if (s.attendedAt) e.attendedAt = s.attendedAt
        return e
      }),
      ...walkins.map((w): RosterEntry => ({
        openid: w.openid,
        name: nameOf.get(w.openid) ?? '未填写姓名',
        status: 'walkin',
        attendedAt: isoOf(w.at),
      })),
      ...waiting
        .map((w, i) => ({ ...entry(w.openid, 'waitlisted', isoOf(w.at)), position: i + 1 }))
        .filter((e) => !walkedIn.has(e.openid)),
      ...left.map((l) => entry(l.openid, 'cancelled', isoOf(l.at))).filter((e) => !walkedIn.has(e.openid)),
    ]
  }

  async function withdraw(summonId: string, reason: string, now: Date): Promise<WithdrawOutcome> {
    const at = now.toISOString()
    const doc = await read(summonId)
    if (!doc) return { ok: false, reason: 'missing' }
    if (at >= doc.endAt) return { ok: false, reason: 'ended' }
    const { stats } = await summons()
      .where({ _id: summonId, withdrawnAt: null })
      .update({ data: { withdrawnAt: at, withdrawReason: reason } })
    return { ok: true, summon: await recordOfDoc((await read(summonId))!), first: stats.updated === 1 }
  }

  async function update(summonId: string, patch: SummonPatch, now: Date): Promise<UpdateSummonOutcome> {
    const at = now.toISOString()
    for (let attempt = 0; attempt < CANCEL_ATTEMPTS; attempt++) {
      if (attempt > 0) await backoff(attempt)
      const doc = await read(summonId)
      if (!doc) return { ok: false, reason: 'missing' }
      if (doc.withdrawnAt) return { ok: false, reason: 'withdrawn' }
      if (at >= doc.endAt) return { ok: false, reason: 'ended' }
      const next = {
        place: patch.place ?? doc.place,
        startAt: patch.startAt ?? doc.startAt,
        endAt: patch.endAt ?? doc.endAt,
        signUpDeadline: patch.signUpDeadline !== undefined ? patch.signUpDeadline : doc.signUpDeadline,
        capacity: patch.capacity !== undefined ? patch.capacity : doc.capacity,
      }
      const errors = summonTimeErrors({ ...next, signUpDeadline: next.signUpDeadline ?? undefined })
      if (Object.keys(errors).length) return { ok: false, reason: 'times', errors }
      if (next.capacity !== null && next.capacity < doc.confirmed)
        return { ok: false, reason: 'below_confirmed', confirmed: doc.confirmed }
      const changed = {
        time: next.startAt !== doc.startAt || next.endAt !== doc.endAt,
        place: next.place !== doc.place,
      }
      const free = next.capacity === null ? Number.POSITIVE_INFINITY : next.capacity - doc.confirmed
      const heads = waitingInOrder(doc).slice(0, free)
      const data: Record<string, unknown> = {}
      for (const field of ['place', 'startAt', 'endAt', 'signUpDeadline', 'capacity'] as const)
        if (next[field] !== doc[field]) data[field] = next[field]
      // A moved start is reminded of again.
      if (next.startAt !== doc.startAt) data.remindersSentAt = null
      // The whole edit is one conditional update of the record, pinned to what was read: the counts (a
      // concurrent sign-up or cancel makes it read again), the fields it replaces, and each promoted head.
      const condition: Record<string, unknown> = {
        _id: summonId,
        withdrawnAt: null,
        confirmed: doc.confirmed,
        waitlisted: doc.waitlisted,
        ...pinned(timesOf(doc)),
        place: doc.place,
      }
      const promotedDoc: SummonDoc = { ...doc, ...next, seats: { ...doc.seats }, waiting: { ...doc.waiting } }
      for (const head of heads) {
        const h = memberKey(head.openid)
        condition[`waiting.${h}.at`] = head.at
        data[`waiting.${h}`] = _.remove()
        data[`seats.${h}`] = { openid: head.openid, at: head.at, promotedAt: at }
        delete promotedDoc.waiting[h]
        promotedDoc.seats[h] = { openid: head.openid, at: head.at, promotedAt: at }
      }
      if (heads.length) {
        Object.assign(data, {
          confirmed: _.inc(heads.length),
          waitlisted: _.inc(-heads.length),
          unnotified: _.inc(heads.length),
        })
        Object.assign(promotedDoc, {
          confirmed: doc.confirmed + heads.length,
          waitlisted: doc.waitlisted - heads.length,
          unnotified: (doc.unnotified ?? 0) + heads.length,
        })
      }
      if (!Object.keys(data).length) return { ok: true, summon: await recordOfDoc(doc), promoted: [], changed }
      const { stats } = await summons().where(condition).update({ data })
      if (stats.updated !== 1) continue
      timesCache.set(summonId, { times: timesOf(promotedDoc), card: promotedDoc.card ?? null, at: Date.now() })
      // The index of 我的报名 after the truth, as a cancellation's promotion writes it; a new start moves
      // every sign-up's entry (it orders 我的报名), each rewritten idempotently by the member's next call too.
      const start = promotedDoc.startAt
      for (const head of heads) await writeIndex(summonId, start, head.openid, 'confirmed', at)
      if (start !== doc.startAt) {
        const promotedIds = new Set(heads.map((h) => h.openid))
        for (const seat of Object.values(promotedDoc.seats))
          if (!promotedIds.has(seat.openid)) await writeIndex(summonId, start, seat.openid, 'confirmed', at)
        for (const wait of Object.values(promotedDoc.waiting))
          await writeIndex(summonId, start, wait.openid, 'waitlisted', at)
      }
      return { ok: true, summon: await recordOfDoc(promotedDoc), promoted: heads.map((h) => h.openid), changed }
    }
    throw new Error(`update of ${summonId} did not settle in ${CANCEL_ATTEMPTS} attempts`)
  }

  async function claimReminders(at: string, horizon: string): Promise<DueNotice[]> {
    const due = (await getAll(
      summons().where({ withdrawnAt: null, remindersSentAt: null, startAt: _.and([_.gt(at), _.lte(horizon)]) }),
    )) as SummonDoc[]
    const notices: DueNotice[] = []
    for (const candidate of due) {
      // One claim per summon, so two job runs never remind twice; the record read after it lists who to tell.
      const { stats } = await summons()
        .where({ _id: candidate._id, remindersSentAt: null })
        .update({ data: { remindersSentAt: at } })
      if (stats.updated !== 1) continue
      const doc = (await read(candidate._id))!
      const summon = await recordOfDoc(doc)
      for (const seat of Object.values(doc.seats ?? {}).sort(byArrival))
        notices.push({ kind: 'reminder', openid: seat.openid, summon })
    }
    return notices
  }

  async function claimPromotions(at: string): Promise<DueNotice[]> {
    const pending = (await getAll(summons().where({ unnotified: _.gt(0) }))) as SummonDoc[]
    const notices: DueNotice[] = []
    for (const doc of pending) {
      const summon = await recordOfDoc(doc)
      for (const seat of Object.values(doc.seats ?? {})) {
        if (!seat.promotedAt || seat.notifiedAt) continue
        const k = memberKey(seat.openid)
        const { stats } = await summons()
          .where({
            _id: doc._id,
            [`seats.${k}.promotedAt`]: seat.promotedAt,
            [`seats.${k}.notifiedAt`]: _.exists(false),
          })
          .update({ data: { [`seats.${k}.notifiedAt`]: at, unnotified: _.inc(-1) } })
        if (stats.updated === 1) notices.push({ kind: 'promotion', openid: seat.openid, summon })
      }
    }
    return notices
  }

  return {
    async create(input, now) {
      const id = newId()
      const data = {
        _id: id,
        ...input,
        orgId: input.orgId ?? null,
        spanMs: Date.parse(input.endAt) - Date.parse(input.startAt),
        confirmed: 0,
        waitlisted: 0,
        attended: 0,
        seats: {},
        waiting: {},
        left: {},
        walkins: {},
        unnotified: 0,
        remindersSentAt: null,
        hoursConfirmedAt: null,
        withdrawnAt: null,
        withdrawReason: null,
        createdAt: now.toISOString(),
      }
      await summons().add({ data })
      return recordOfDoc(data)
    },
    async get(summonId, viewer) {
      const doc = await read(summonId)
      if (!doc) return null
      const record = await recordOfDoc(doc)
      const mine = viewer === undefined ? null : standingOf(doc, viewer)
      return mine ? { ...record, mine } : record
    },
    /**
     * One page, each scope through an index that starts where the page starts:
     * - `open`: `open_start` (withdrawnAt, startAt) from now minus the longest span of a summon not
     *   withdrawn (`spanMs`, read through `span`, cached on the instance for 60 s; a summon published since
     *   starts after the cache was read, so the bound still holds);
     * - `mine`: the member's index entries by `openid_start` (openid, status, startAt), then the page's
     *   records by id (2 operations);
     * - `grid`: `grid_start` (gridId, startAt) for the member's grids in one query: the database merges one
     *   index range per grid for a sort on the range's second field, reading at most a page of each.
     */
    async list(q) {
      const at = q.now.toISOString()
      const where: Record<string, unknown>[] = []
      const ascending = q.scope === 'open'
      const after = decodeCursor(q.cursor)
      const order = ascending ? 'asc' : 'desc'
      if (q.scope === 'mine') {
        const cond: Record<string, unknown>[] = [{ openid: q.openid, status: _.in(['confirmed', 'waitlisted']) }]
        if (after) {
          const [startAt, id] = after
          cond.push(_.or([{ startAt: _.lt(startAt) }, { startAt, summonId: _.lt(id) }]))
        }
        const { data: entries } = await retryOnce(() =>
          db
            .collection('signups')
            .where(_.and(cond))
            .orderBy('startAt', 'desc')
            .orderBy('summonId', 'desc')
            .limit(q.limit + 1)
            .get(),
        )
        const ids = entries.map((d) => d.summonId as string)
        const docs = new Map(((await getByIds(db, 'summons', ids)) as SummonDoc[]).map((d) => [d._id, d]))
        let page = ids.map((id) => docs.get(id)).filter((d): d is SummonDoc => d !== undefined)
        if (q.gridId) page = page.filter((d) => d.gridId === q.gridId)
        const more = entries.length > q.limit
        page = page.slice(0, q.limit)
        const records = await recordsOf(page)
        const items = page.map((doc, i) => {
          const status = standingOf(doc, q.openid)?.status
          return status ? { ...records[i], mine: status } : records[i]
        })
        const last = entries[Math.min(entries.length, q.limit) - 1]
        return more && last
          ? { items, nextCursor: encodeCursor([last.startAt as string, last.summonId as string]) }
          : { items }
      }
      if (q.scope === 'open') {
        const from = await openFrom(q.now)
        where.push({ withdrawnAt: null, startAt: _.gte(from), endAt: _.gt(at) })
      }
      if (q.scope === 'grid' && !q.gridId) {
        const [memberships, led] = await Promise.all([
          getAll(db.collection('grid_members').where({ openid: q.openid })),
          getAll(db.collection('grids').where({ leaders: q.openid })),
        ])
        where.push({ gridId: _.in([...memberships.map((m) => m.gridId as string), ...led.map((g) => g._id)]) })
      }
      if (q.scope === 'org') where.push({ orgId: q.orgId ?? null })
      if (q.gridId) where.push({ gridId: q.gridId })
      if (after) {
        const [startAt, id] = after
        const cmp = ascending ? _.gt : _.lt
        where.push(_.or([{ startAt: cmp(startAt) }, { startAt, _id: cmp(id) }]))
      }
      const { data } = await retryOnce(() =>
        summons()
          .where(where.length ? _.and(where) : {})
          .orderBy('startAt', order)
          .orderBy('_id', order)
          .limit(q.limit + 1)
          .get(),
      )
      const page = (data as SummonDoc[]).slice(0, q.limit)
      const records = await recordsOf(page)
      const items = page.map((doc, i) => {
        const status = standingOf(doc, q.openid)?.status
        return status ? { ...records[i], mine: status } : records[i]
      })
      const last = page[page.length - 1]
      return data.length > q.limit && last ? { items, nextCursor: encodeCursor([last.startAt, last._id]) } : { items }
    },
    signUp,
    cancel,
    async mine(summonId, openid) {
      const doc = await read(summonId)
      return doc ? standingOf(doc, openid) : null
    },
    roster,
    withdraw,
    update,
    async byPlan(planId) {
      const { data } = await retryOnce(() =>
        summons().where({ planId }).orderBy('createdAt', 'asc').field({ title: true, createdAt: true }).limit(20).get(),
      )
      return data.map((d) => ({ id: d._id, title: d.title as string }))
    },
    async claimDueNotices(now, leadMinutes) {
      const at = now.toISOString()
      const horizon = new Date(now.getTime() + leadMinutes * 60_000).toISOString()
      return [...(await claimReminders(at, horizon)), ...(await claimPromotions(at))]
    },
  }
}

export function recordOf(doc: SummonDoc, gridName: string, orgName: string | null): SummonRecord {
  return {
    id: doc._id,
    gridId: doc.gridId,
    gridName,
    orgId: doc.orgId ?? null,
    orgName,
    title: doc.title,
    body: doc.body,
    place: doc.place,
    startAt: doc.startAt,
    endAt: doc.endAt,
    signUpDeadline: doc.signUpDeadline,
    capacity: doc.capacity,
    tags: doc.tags,
    hours: doc.hours,
    planId: doc.planId,
    publishedBy: doc.publishedBy,
    confirmed: doc.confirmed,
    waitlisted: doc.waitlisted,
    attended: doc.attended,
    walkins: walkinsOf(doc).length,
    withdrawnAt: doc.withdrawnAt,
    withdrawReason: doc.withdrawReason,
    createdAt: doc.createdAt,
    hoursConfirmedAt: doc.hoursConfirmedAt ?? null,
  }
}
