/**
 * 志愿时长 on the WeChat cloud database.
 *
 * The truth lives in the summon's record, next to the sign-in it closes: a sign-out is ONE conditional
 * update of the member's seat (or walk-in) entry — `signOutAt`, `outReq` — that also checks the summon is
 * not withdrawn, not confirmed, and that the entry is the one read (so a concurrent later sign-out, a
 * cancellation or the confirmation makes it read again). A make-up is one update of the same entry
 * (`makeup`) that also adds its audit entry to the record's `makeups` map and counts it (`makeupCount`,
 * `lastMakeupAt`), so no make-up exists without its audit. The confirmation is one conditional update of
 * `hoursConfirmedAt`; sign-outs check it in their own condition, so a sign-out racing the confirmation
 * either lands before it or is refused.
 *
 * `service_hours` is the member's index (one record per member and summon, id derived from both), for
 * 我的志愿时长, certificates and the organisation figures: written after the truth by the sign-out and the
 * make-up (idempotent `set`s), and rewritten from the truth by every confirmation (which a leader may send
 * again). An instance that dies between the two leaves that member's index behind until the confirmation;
 * the roster, the confirmation and the audit read the truth only. A member who signed in but never out
 * has no index record until the confirmation: `mine` finds them from their live check-ins (`hours` > 0).
 */

import { isService, memberHours } from '../../domain/hours'
import { DISTRICT_NAME } from '../../domain/towns'
import type { CreditedHoursRow, HoursMember, HoursStore, MakeupRecord, ServiceRow, SummonHoursRecord } from '../port'
import { decodeCursor, encodeCursor } from '../cursor'
import type { CheckInDoc } from './checkins'
import { addOnce, getAll, getByIds, getDoc, key, retryOnce, type Doc, type WxDb } from './db'
import { gridNames } from './names'
import { cachedOrgs } from './orgcache'
import { isoOf, memberKey, recordOf, walkinsOf, type SeatEntry, type SummonDoc } from './summons'

export type ServiceHoursDoc = Doc & {
  openid: string
  summonId: string
  title: string
  gridId: string | null
  /** The summon's organisation (a 二维召集令), for its name. */
  summonOrgId: string | null
  /** The organisation the member's sign-in credited. */
  creditOrgId: string | null
  startAt: string
  endAt: string
  planned: number
  signInAt: string | null
  signOutAt: string | null
  makeup: { to: number; reason: string } | null
  confirmedAt: string | null
  /** What is credited as the record says it now (pending until `confirmedAt`). */
  hours: number
}

const SETTLE_ATTEMPTS = 6
const serviceId = (summonId: string, openid: string) => key(summonId, memberKey(openid))

/** Where a member's hours live: the seat their sign-in marked, else their walk-in entry, else a plain seat. */
function entryPathOf(
  doc: SummonDoc,
  k: string,
): { path: string; entry: SeatEntry; status: 'confirmed' | 'walkin' } | null {
  const seat = doc.seats?.[k]
  const walkin = doc.walkins?.[k]
  if (seat && (seat.attendedAt || !walkin)) return { path: `seats.${k}`, entry: seat, status: 'confirmed' }
  if (walkin) return { path: `walkins.${k}`, entry: walkin, status: seat ? 'confirmed' : 'walkin' }
  return null
}

const signInOf = (doc: SummonDoc, k: string): string | null => {
  const seat = doc.seats?.[k]
  if (seat?.attendedAt) return seat.attendedAt
  const walkin = doc.walkins?.[k]
  return walkin ? isoOf(walkin.at) : null
}

const creditOrgOf = (entry: SeatEntry): string | null =>
  ((entry.scan as Partial<CheckInDoc> | undefined)?.orgId as string | null | undefined) ?? null

/** The members of the record's hours roster: confirmed sign-ups (in order), then walk-ins. */
function membersOf(doc: SummonDoc, names: Map<string, string>): HoursMember[] {
  const seats = Object.values(doc.seats ?? {}).sort(
    (a, b) => isoOf(a.at).localeCompare(isoOf(b.at)) || a.openid.localeCompare(b.openid),
  )
  return [...seats, ...walkinsOf(doc)].map((e) => {
    const k = memberKey(e.openid)
    const at = entryPathOf(doc, k)!
    return {
      openid: e.openid,
      name: names.get(e.openid) ?? null,
      status: at.status,
      signInAt: signInOf(doc, k),
      signOutAt: at.entry.signOutAt ?? null,
      makeup: (at.entry.makeup as MakeupRecord | undefined) ?? null,
      orgId: creditOrgOf(at.entry),
    }
  })
}

export function wxHours(db: WxDb): HoursStore {
  const _ = db.command
  const names = gridNames(db)
  const summons = () => db.collection('summons')
  const notConfirmed = () => _.or([_.exists(false), _.eq(null)])

  async function recordOfDoc(doc: SummonDoc) {
    const [labels, orgs] = await Promise.all([
      names.get(doc.gridId ? [doc.gridId] : []),
      doc.orgId ? cachedOrgs(db, [doc.orgId]) : Promise.resolve(new Map<string, { name: string }>()),
    ])
    return recordOf(
      doc,
      doc.gridId ? (labels.get(doc.gridId)?.name ?? '') : DISTRICT_NAME,
      doc.orgId ? (orgs.get(doc.orgId)?.name ?? '') : null,
    )
  }

  /** The member's index record as the summon's record says it is. */
  function indexOf(doc: SummonDoc, openid: string): ServiceHoursDoc | null {
    const k = memberKey(openid)
    const at = entryPathOf(doc, k)
    if (!at) return null
    const signInAt = signInOf(doc, k)
    const makeup = at.entry.makeup ? { to: at.entry.makeup.to, reason: at.entry.makeup.reason } : null
    if (!signInAt && !makeup) return null
    const span = { startAt: doc.startAt, endAt: doc.endAt, hours: doc.hours, hoursConfirmedAt: doc.hoursConfirmedAt }
    const scans = { signInAt, signOutAt: at.entry.signOutAt ?? null }
    return {
      _id: serviceId(doc._id, openid),
      openid,
      summonId: doc._id,
      title: doc.title,
      gridId: doc.gridId,
      summonOrgId: doc.orgId ?? null,
      creditOrgId: creditOrgOf(at.entry),
      startAt: doc.startAt,
      endAt: doc.endAt,
      planned: doc.hours,
      signInAt,
      signOutAt: scans.signOutAt,
      makeup,
      confirmedAt: doc.hoursConfirmedAt ?? null,
      hours: memberHours(span, scans, makeup, new Date(doc.endAt)).hours,
    }
  }

  async function writeIndex(record: ServiceHoursDoc) {
    const { _id, ...data } = record
    await retryOnce(() => db.collection('service_hours').doc(_id).set({ data }))
  }

  async function userNames(openids: string[]): Promise<Map<string, string>> {
    if (!openids.length) return new Map()
    const users = await getByIds(db, 'users', openids)
    return new Map(users.map((u) => [u._id, u.name as string]))
  }

  /** Rewrites every index record of the summon that differs from its record (after the confirmation). */
  async function syncIndex(doc: SummonDoc) {
    const openids = [...Object.values(doc.seats ?? {}), ...walkinsOf(doc)].map((e) => e.openid)
    const existing = new Map(
      (await getAll(db.collection('service_hours').where({ summonId: doc._id }))).map((d) => [d._id, d]),
    )
    const same = (a: Doc, b: ServiceHoursDoc) => {
      const { _id, ...fields } = b
      return Object.entries(fields).every(([f, v]) => JSON.stringify(a[f] ?? null) === JSON.stringify(v ?? null))
    }
    for (const openid of openids) {
      const want = indexOf(doc, openid)
      if (!want) continue
      const have = existing.get(want._id)
      if (!have || !same(have, want)) await writeIndex(want)
    }
  }

  return {
    async signOut({ summonId, openid, requestId }, now) {
      const at = now.toISOString()
      const k = memberKey(openid)
      for (let attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++) {
        const doc = await getDoc<SummonDoc>(db, 'summons', summonId)
        if (!doc) return { ok: false, reason: 'missing' }
        if (doc.withdrawnAt) return { ok: false, reason: 'withdrawn' }
        if (!isService(doc)) return { ok: false, reason: 'not_service' }
        const signInAt = signInOf(doc, k)
        const place = entryPathOf(doc, k)
        const answer = async (signOutAt: string, duplicate: boolean) => ({
          ok: true as const,
          summon: await recordOfDoc(doc),
          signInAt: signInAt!,
          signOutAt,
          duplicate,
          orgId: place ? creditOrgOf(place.entry) : null,
        })
        if (place && place.entry.outReq === requestId && place.entry.signOutAt) {
          // A retry: the first attempt may have died before the index, so it is written again (a `set`).
          const index = indexOf(doc, openid)
          if (index) await writeIndex(index)
          return answer(place.entry.signOutAt, true)
        }
        if (doc.hoursConfirmedAt) return { ok: false, reason: 'confirmed' }
        if (!signInAt || !place) return { ok: false, reason: 'no_sign_in' }
        // A second sign-out moves it later, never earlier: an earlier scan changes nothing.
        if (place.entry.signOutAt && place.entry.signOutAt >= at) return answer(place.entry.signOutAt, true)
        const { stats } = await summons()
          .where({
            _id: summonId,
            withdrawnAt: null,
            hoursConfirmedAt: notConfirmed(),
            [`${place.path}.at`]: place.entry.at,
            [`${place.path}.signOutAt`]: place.entry.signOutAt ?? _.exists(false),
          })
          .update({ data: { [`${place.path}.signOutAt`]: at, [`${place.path}.outReq`]: requestId } })
        if (stats.updated !== 1) continue
        const after: SummonDoc = {
          ...doc,
          [place.path.split('.')[0]]: {
            ...(doc[place.path.split('.')[0] as 'seats' | 'walkins'] ?? {}),
            [k]: { ...place.entry, signOutAt: at, outReq: requestId },
          },
        }
        const index = indexOf(after, openid)
        if (index) await writeIndex(index)
        return answer(at, false)
      }
      throw new Error(`sign-out of ${summonId} did not settle in ${SETTLE_ATTEMPTS} attempts`)
    },

    async summonHours(summonId) {
      const doc = await getDoc<SummonDoc>(db, 'summons', summonId)
      if (!doc) return null
      const openids = [...Object.values(doc.seats ?? {}), ...walkinsOf(doc)].map((e) => e.openid)
      const [summon, nameOf] = await Promise.all([recordOfDoc(doc), userNames(openids)])
      return { summon, members: membersOf(doc, nameOf) }
    },

    async confirm(summonId, now) {
      const at = now.toISOString()
      const doc = await getDoc<SummonDoc>(db, 'summons', summonId)
      if (!doc) return { ok: false, reason: 'missing' }
      if (doc.withdrawnAt) return { ok: false, reason: 'withdrawn' }
      if (!isService(doc)) return { ok: false, reason: 'not_service' }
      if (!doc.hoursConfirmedAt && at < doc.endAt) return { ok: false, reason: 'not_ended' }
      let first = false
      if (!doc.hoursConfirmedAt) {
        const { stats } = await summons()
          .where({ _id: summonId, hoursConfirmedAt: notConfirmed() })
          .update({ data: { hoursConfirmedAt: at } })
        first = stats.updated === 1
      }
      // The record after the lock is final for scans; every confirmation (a repeat too) syncs the index.
      const locked = (await getDoc<SummonDoc>(db, 'summons', summonId))!
      await syncIndex(locked)
      const openids = [...Object.values(locked.seats ?? {}), ...walkinsOf(locked)].map((e) => e.openid)
      const [summon, nameOf] = await Promise.all([recordOfDoc(locked), userNames(openids)])
      const hours: SummonHoursRecord = { summon, members: membersOf(locked, nameOf) }
      return { ok: true, confirmedAt: locked.hoursConfirmedAt!, first, hours }
    },

    async makeup(input, now) {
      const at = now.toISOString()
      const k = memberKey(input.openid)
      for (let attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++) {
        const doc = await getDoc<SummonDoc>(db, 'summons', input.summonId)
        if (!doc) return { ok: false, reason: 'missing' }
        const place = entryPathOf(doc, k)
        if (!place) return { ok: false, reason: 'not_on_roster' }
        const makeup: MakeupRecord = {
          from: input.from,
          to: input.to,
          reason: input.reason,
          by: input.by,
          byName: input.byName,
          at,
        }
        const auditKey = `${k}_${now.getTime()}_${attempt}`
        const { stats } = await summons()
          .where({ _id: input.summonId, [`${place.path}.at`]: place.entry.at })
          .update({
            data: {
              [`${place.path}.makeup`]: _.set(makeup),
              [`makeups.${auditKey}`]: _.set({ ...makeup, openid: input.openid }),
              makeupCount: _.inc(1),
              lastMakeupAt: at,
            },
          })
        if (stats.updated !== 1) continue
        const section = place.path.split('.')[0] as 'seats' | 'walkins'
        const after: SummonDoc = { ...doc, [section]: { ...(doc[section] ?? {}), [k]: { ...place.entry, makeup } } }
        const index = indexOf(after, input.openid)
        if (index) await writeIndex(index)
        const [summon, nameOf] = await Promise.all([recordOfDoc(after), userNames([input.openid])])
        const member = membersOf(after, nameOf).find((m) => m.openid === input.openid)!
        return { ok: true, summon, member }
      }
      throw new Error(`make-up on ${input.summonId} did not settle in ${SETTLE_ATTEMPTS} attempts`)
    },

    async mine(openid) {
      const [indexed, checkIns] = await Promise.all([
        getAll(db.collection('service_hours').where({ openid }).orderBy('startAt', 'desc')),
        retryOnce(() =>
          db
            .collection('checkins')
            .where({ openid, hours: _.gt(0) })
            .orderBy('at', 'desc')
            .limit(100)
            .get(),
        ),
      ])
      const docs = indexed as ServiceHoursDoc[]
      const known = new Set(docs.map((d) => d.summonId))
      // Sign-ins without a sign-out or confirmation yet (no index record): the earliest check-in per summon.
      const signIns = new Map<string, CheckInDoc>()
      for (const c of checkIns.data as CheckInDoc[])
        if (c.summonId && !known.has(c.summonId)) signIns.set(c.summonId, c)
      const gridIds = [...docs.map((d) => d.gridId), ...[...signIns.values()].map((c) => c.gridId)].filter(
        (g): g is string => Boolean(g),
      )
      const orgIds = docs.map((d) => d.summonOrgId).filter((o): o is string => Boolean(o))
      // A sign-in without its index record: its summon's times and confirmation are read (one more
      // operation, only while such a sign-in exists), so it reads as the roster does.
      const open = [...signIns.keys()]
      const [labels, orgs, times] = await Promise.all([
        names.get(gridIds),
        orgIds.length ? cachedOrgs(db, orgIds) : Promise.resolve(new Map<string, { name: string }>()),
        open.length
          ? retryOnce(() =>
              summons()
                .where({ _id: _.in(open.slice(0, 100)) })
                .field({ startAt: true, endAt: true, hoursConfirmedAt: true, orgId: true, withdrawnAt: true })
                .limit(100)
                .get(),
            ).then(({ data }) => new Map(data.map((d) => [d._id, d as unknown as SummonDoc])))
          : Promise.resolve(new Map<string, SummonDoc>()),
      ])
      const gridName = (g: string | null) => (g ? (labels.get(g)?.name ?? null) : DISTRICT_NAME)
      const rows: ServiceRow[] = [
        ...docs.map((d) => ({
          summonId: d.summonId,
          title: d.title,
          gridName: gridName(d.gridId),
          orgName: d.summonOrgId ? (orgs.get(d.summonOrgId)?.name ?? null) : null,
          startAt: d.startAt,
          endAt: d.endAt,
          planned: d.planned,
          hoursConfirmedAt: d.confirmedAt,
          signInAt: d.signInAt,
          signOutAt: d.signOutAt,
          makeup: d.makeup,
        })),
        ...[...signIns.values()].map((c) => ({
          summonId: c.summonId!,
          title: c.summonTitle ?? '',
          gridName: gridName(c.gridId),
          orgName: null,
          startAt: times.get(c.summonId!)?.startAt ?? c.at,
          endAt: times.get(c.summonId!)?.endAt ?? null,
          planned: c.hours ?? 0,
          hoursConfirmedAt: times.get(c.summonId!)?.hoursConfirmedAt ?? null,
          signInAt: c.at,
          signOutAt: null,
          makeup: null,
        })),
      ]
      return rows.sort((a, b) => b.startAt.localeCompare(a.startAt) || b.summonId.localeCompare(a.summonId))
    },

    async audit(cursor, limit) {
      const after = decodeCursor(cursor)
      const where: Record<string, unknown>[] = [{ makeupCount: _.gt(0) }]
      if (after) where.push(_.or([{ lastMakeupAt: _.lt(after[0]) }, { lastMakeupAt: after[0], _id: _.lt(after[1]) }]))
      const { data } = await retryOnce(() =>
        summons()
          .where(_.and(where))
          .orderBy('lastMakeupAt', 'desc')
          .orderBy('_id', 'desc')
          .field({ title: true, makeups: true, lastMakeupAt: true })
          .limit(limit + 1)
          .get(),
      )
      const page = (data as SummonDoc[]).slice(0, limit)
      const entries = page.flatMap((d) =>
        Object.values(d.makeups ?? {}).map((m) => ({
          summon: d,
          m: m as unknown as MakeupRecord & { openid: string },
        })),
      )
      const nameOf = await userNames(entries.map((e) => e.m.openid))
      const items = entries
        .map(({ summon, m }) => ({
          summonId: summon._id,
          title: summon.title,
          openid: m.openid,
          name: nameOf.get(m.openid) ?? null,
          by: m.by,
          byName: m.byName,
          at: m.at,
          from: m.from,
          to: m.to,
          reason: m.reason,
        }))
        .sort((a, b) => b.at.localeCompare(a.at))
      const last = page[page.length - 1]
      return data.length > limit && last
        ? { items, nextCursor: encodeCursor([last.lastMakeupAt ?? '', last._id]) }
        : { items }
    },

    async issueCertificate(record) {
      const { number, ...fields } = record
      await addOnce(db, 'hours_certificates', { _id: number, ...fields })
      return (await this.certificate(number))!
    },
    async certificate(number) {
      const d = await getDoc(db, 'hours_certificates', number)
      return d
        ? {
            number: d._id,
            openid: d.openid as string,
            year: d.year as number,
            totalHours: d.totalHours as number,
            name: d.name as string,
            issuedAt: d.issuedAt as string,
          }
        : null
    },

    async wrongGuesses(summonId, openid, since) {
      const d = await getDoc(db, 'code_guesses', key(summonId, memberKey(openid)))
      return d && (d.windowStart as string) > since.toISOString() ? (d.failures as number) : 0
    },
    async addWrongGuess(summonId, openid, now, windowMs) {
      const id = key(summonId, memberKey(openid))
      const since = new Date(now.getTime() - windowMs).toISOString()
      const { stats } = await retryOnce(() =>
        db
          .collection('code_guesses')
          .where({ _id: id, windowStart: _.gt(since) })
          .update({ data: { failures: _.inc(1) } }),
      )
      if (stats.updated === 1) return
      await retryOnce(() =>
        db
          .collection('code_guesses')
          .doc(id)
          .set({ data: { windowStart: now.toISOString(), failures: 1 } }),
      )
    },

    async credited(range, filter) {
      const where: Record<string, unknown> = {
        startAt: _.and([_.gte(range.start), _.lt(range.end)]),
        confirmedAt: _.neq(null),
        hours: _.gt(0),
      }
      if (filter.orgId) where.creditOrgId = filter.orgId
      if (filter.openids) where.openid = _.in(filter.openids)
      const docs = (await getAll(db.collection('service_hours').where(where))) as ServiceHoursDoc[]
      return docs.map((d): CreditedHoursRow => ({
        openid: d.openid,
        orgId: d.creditOrgId,
        gridId: d.gridId,
        summonId: d.summonId,
        hours: d.hours,
      }))
    },
  }
}
