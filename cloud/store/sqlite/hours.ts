/**
 * 志愿时长 on SQLite: sign-outs (`hours_signouts`, one per member and summon), make-ups with their audit
 * (`hours_makeups`, append-only; the latest counts), the confirmation (`summons.hours_confirmed_at`),
 * certificates and wrong typed codes. Sign-ins are the member's first live check-in. Nothing is copied:
 * each read joins.
 */
import type { Id } from '../../../types'
import { isService, scanCredit } from '../../domain/hours'
import type { CreditedHoursRow, HoursAuditRow, HoursMember, HoursStore, ServiceRow, SummonRecord } from '../port'
import { decodeCursor, keysetPage } from '../cursor'
import type { Db } from './db'
import { recordOf, SELECT_SUMMON, type SummonRow } from './summons'

interface MemberRow {
  openid: string
  status: 'confirmed' | 'walkin'
  name: string | null
  sign_in_at: string | null
  org_id: Id | null
  sign_out_at: string | null
  from_hours: number | null
  to_hours: number | null
  reason: string | null
  by_openid: string | null
  by_name: string | null
  makeup_at: string | null
}

const MEMBERS = `
  WITH people AS (
    SELECT openid, 'confirmed' AS status, signed_up_at AS since FROM signups WHERE summon_id = @s AND status = 'confirmed'
    UNION ALL
    SELECT c.openid, 'walkin', min(c.at) FROM checkins c INDEXED BY checkins_summon
    WHERE c.summon_id = @s AND c.method = 'live' AND NOT EXISTS (SELECT 1 FROM signups x
      WHERE x.summon_id = @s AND x.openid = c.openid AND x.status = 'confirmed')
    GROUP BY c.openid
  )
  SELECT p.openid, p.status, u.name,
    (SELECT min(c.at) FROM checkins c INDEXED BY checkins_summon
      WHERE c.summon_id = @s AND c.openid = p.openid AND c.method = 'live') AS sign_in_at,
    (SELECT c.org_id FROM checkins c INDEXED BY checkins_summon
      WHERE c.summon_id = @s AND c.openid = p.openid AND c.method = 'live' ORDER BY c.at LIMIT 1) AS org_id,
    o.at AS sign_out_at, m.from_hours, m.to_hours, m.reason, m.by_openid, bu.name AS by_name, m.at AS makeup_at
  FROM people p
  LEFT JOIN users u ON u.openid = p.openid
  LEFT JOIN hours_signouts o ON o.summon_id = @s AND o.openid = p.openid
  LEFT JOIN hours_makeups m ON m.id = (SELECT max(id) FROM hours_makeups WHERE summon_id = @s AND openid = p.openid)
  LEFT JOIN users bu ON bu.openid = m.by_openid
  ORDER BY p.status, p.since, p.openid`

function memberOf(r: MemberRow): HoursMember {
  return {
    openid: r.openid,
    name: r.name,
    status: r.status,
    signInAt: r.sign_in_at,
    signOutAt: r.sign_out_at,
    orgId: r.org_id,
    makeup:
      r.to_hours === null
        ? null
        : {
            from: r.from_hours ?? 0,
            to: r.to_hours,
            reason: r.reason ?? '',
            by: r.by_openid ?? '',
            byName: r.by_name,
            at: r.makeup_at ?? '',
          },
  }
}

export function sqliteHours(db: Db): HoursStore {
  const summonRow = db.prepare<[Id], SummonRow>(`${SELECT_SUMMON} WHERE s.id = ?`)
  const members = db.prepare<{ s: Id }, MemberRow>(MEMBERS)
  const member = db.prepare<{ s: Id; o: string }, MemberRow>(
    `SELECT * FROM (${MEMBERS.replace('ORDER BY p.status, p.since, p.openid', '')}) WHERE openid = @o`,
  )
  const signInOf = db.prepare<[Id, string], { at: string | null; org_id: Id | null }>(`
    SELECT at, org_id FROM checkins INDEXED BY checkins_summon
    WHERE summon_id = ? AND openid = ? AND method = 'live' ORDER BY at LIMIT 1`)
  const signOutOf = db.prepare<[Id, string], { at: string; request_id: string }>(
    'SELECT at, request_id FROM hours_signouts WHERE summon_id = ? AND openid = ?',
  )
  const upsertSignOut = db.prepare(`
    INSERT INTO hours_signouts (summon_id, openid, at, request_id) VALUES (@s, @o, @at, @r)
    ON CONFLICT (summon_id, openid) DO UPDATE SET at = max(at, excluded.at), request_id = excluded.request_id`)
  const lock = db.prepare('UPDATE summons SET hours_confirmed_at = ? WHERE id = ? AND hours_confirmed_at IS NULL')
  const insertMakeup = db.prepare(`
    INSERT INTO hours_makeups (summon_id, openid, from_hours, to_hours, reason, by_openid, at)
    VALUES (@s, @o, @from, @to, @reason, @by, @at)`)
  const mine = db.prepare<
    { o: string },
    {
      id: Id
      title: string
      grid_name: string | null
      org_name: string | null
      start_at: string
      end_at: string
      hours: number
      hours_confirmed_at: string | null
      sign_in_at: string | null
      sign_out_at: string | null
      to_hours: number | null
      reason: string | null
    }
  >(`
    SELECT s.id, s.title, g.name AS grid_name, og.name AS org_name, s.start_at, s.end_at, s.hours, s.hours_confirmed_at,
      (SELECT min(c.at) FROM checkins c INDEXED BY checkins_summon
        WHERE c.summon_id = s.id AND c.openid = @o AND c.method = 'live') AS sign_in_at,
      so.at AS sign_out_at, m.to_hours, m.reason
    FROM summons s
    LEFT JOIN grids g ON g.id = s.grid_id
    LEFT JOIN orgs og ON og.id = s.org_id
    LEFT JOIN hours_signouts so ON so.summon_id = s.id AND so.openid = @o
    LEFT JOIN hours_makeups m ON m.id = (SELECT max(id) FROM hours_makeups WHERE summon_id = s.id AND openid = @o)
    WHERE s.hours > 0 AND s.id IN (
      SELECT summon_id FROM checkins WHERE openid = @o AND method = 'live' AND summon_id IS NOT NULL
      UNION SELECT summon_id FROM hours_makeups WHERE openid = @o)
    ORDER BY s.start_at DESC, s.id DESC`)
  const audit = db.prepare<
    { afterAt: string | null; afterId: number | null; limit: number },
    {
      id: number
      summon_id: Id
      title: string
      openid: string
      name: string | null
      by_openid: string
      by_name: string | null
      at: string
      from_hours: number
      to_hours: number
      reason: string
    }
  >(`
    SELECT m.id, m.summon_id, s.title, m.openid, u.name, m.by_openid, b.name AS by_name, m.at, m.from_hours,
      m.to_hours, m.reason
    FROM hours_makeups m JOIN summons s ON s.id = m.summon_id
    LEFT JOIN users u ON u.openid = m.openid LEFT JOIN users b ON b.openid = m.by_openid
    WHERE @afterAt IS NULL OR (m.at, m.id) < (@afterAt, @afterId)
    ORDER BY m.at DESC, m.id DESC LIMIT @limit`)
  const insertCertificate = db.prepare(`
    INSERT OR IGNORE INTO hours_certificates (number, openid, year, total_hours, name, issued_at)
    VALUES (@number, @openid, @year, @totalHours, @name, @issuedAt)`)
  const certificate = db.prepare<
    [string],
    { number: string; openid: string; year: number; total_hours: number; name: string; issued_at: string }
  >('SELECT * FROM hours_certificates WHERE number = ?')
  const guesses = db.prepare<[Id, string], { window_start: string; failures: number }>(
    'SELECT window_start, failures FROM code_guesses WHERE summon_id = ? AND openid = ?',
  )
  const guess = db.prepare(`
    INSERT INTO code_guesses (summon_id, openid, window_start, failures) VALUES (@s, @o, @at, 1)
    ON CONFLICT (summon_id, openid) DO UPDATE SET
      failures = CASE WHEN window_start <= @since THEN 1 ELSE failures + 1 END,
      window_start = CASE WHEN window_start <= @since THEN @at ELSE window_start END`)
  const confirmedSummons = db.prepare<{ start: string; end: string }, { id: Id; grid_id: Id | null } & SummonRow>(`
    SELECT s.* FROM summons s INDEXED BY summons_start
    WHERE s.start_at >= @start AND s.start_at < @end AND s.hours > 0 AND s.hours_confirmed_at IS NOT NULL`)

  const summonOf = (id: Id): SummonRecord | null => {
    const row = summonRow.get(id)
    return row ? recordOf(row) : null
  }

  const signOut = db.transaction((input: { summonId: Id; openid: string; requestId: string }, now: Date) => {
    const summon = summonOf(input.summonId)
    if (!summon) return { ok: false as const, reason: 'missing' as const }
    if (summon.withdrawnAt) return { ok: false as const, reason: 'withdrawn' as const }
    if (!isService(summon)) return { ok: false as const, reason: 'not_service' as const }
    const signIn = signInOf.get(input.summonId, input.openid)
    const earlier = signOutOf.get(input.summonId, input.openid)
    const answer = (signOutAt: string, duplicate: boolean) => ({
      ok: true as const,
      summon,
      signInAt: signIn!.at!,
      signOutAt,
      duplicate,
      orgId: signIn?.org_id ?? null,
    })
    if (earlier && earlier.request_id === input.requestId) return answer(earlier.at, true)
    if (summon.hoursConfirmedAt) return { ok: false as const, reason: 'confirmed' as const }
    if (!signIn?.at) return { ok: false as const, reason: 'no_sign_in' as const }
    // A second sign-out moves it later, never earlier: an earlier scan changes nothing.
    if (earlier && earlier.at >= now.toISOString()) return answer(earlier.at, true)
    upsertSignOut.run({ s: input.summonId, o: input.openid, at: now.toISOString(), r: input.requestId })
    return answer(signOutOf.get(input.summonId, input.openid)!.at, false)
  })

  const confirm = db.transaction((summonId: Id, now: Date) => {
    const summon = summonOf(summonId)
    if (!summon) return { ok: false as const, reason: 'missing' as const }
    if (summon.withdrawnAt) return { ok: false as const, reason: 'withdrawn' as const }
    if (!isService(summon)) return { ok: false as const, reason: 'not_service' as const }
    if (!summon.hoursConfirmedAt && now.getTime() < Date.parse(summon.endAt))
      return { ok: false as const, reason: 'not_ended' as const }
    const at = now.toISOString()
    const first = lock.run(at, summonId).changes === 1
    const locked = { ...summon, hoursConfirmedAt: first ? at : summon.hoursConfirmedAt }
    return {
      ok: true as const,
      confirmedAt: locked.hoursConfirmedAt!,
      first,
      hours: { summon: locked, members: members.all({ s: summonId }).map(memberOf) },
    }
  })

  const makeup = db.transaction(
    (input: { summonId: Id; openid: string; from: number; to: number; reason: string; by: string }, now: Date) => {
      const summon = summonOf(input.summonId)
      if (!summon) return { ok: false as const, reason: 'missing' as const }
      if (!member.get({ s: input.summonId, o: input.openid }))
        return { ok: false as const, reason: 'not_on_roster' as const }
      insertMakeup.run({
        s: input.summonId,
        o: input.openid,
        from: input.from,
        to: input.to,
        reason: input.reason,
        by: input.by,
        at: now.toISOString(),
      })
      return { ok: true as const, summon, member: memberOf(member.get({ s: input.summonId, o: input.openid })!) }
    },
  )

  return {
    async signOut(input, now) {
      return signOut.immediate(input, now)
    },
    async summonHours(summonId) {
      return db.transaction(() => {
        const summon = summonOf(summonId)
        return summon ? { summon, members: members.all({ s: summonId }).map(memberOf) } : null
      })()
    },
    async confirm(summonId, now) {
      return confirm.immediate(summonId, now)
    },
    async makeup(input, now) {
      return makeup.immediate(input, now)
    },
    async mine(openid) {
      return mine.all({ o: openid }).map((r): ServiceRow => ({
        summonId: r.id,
        title: r.title,
        gridName: r.grid_name,
        orgName: r.org_name,
        startAt: r.start_at,
        endAt: r.end_at,
        planned: r.hours,
        hoursConfirmedAt: r.hours_confirmed_at,
        signInAt: r.sign_in_at,
        signOutAt: r.sign_out_at,
        makeup: r.to_hours === null ? null : { to: r.to_hours, reason: r.reason ?? '' },
      }))
    },
    async audit(cursor, limit) {
      const after = decodeCursor(cursor)
      const rows = audit.all({
        afterAt: after ? String(after[0]) : null,
        afterId: after ? Number(after[1]) : null,
        limit: limit + 1,
      })
      const itemsOf = (page: typeof rows) =>
        page.map((r): HoursAuditRow => ({
          summonId: r.summon_id,
          title: r.title,
          openid: r.openid,
          name: r.name,
          by: r.by_openid,
          byName: r.by_name,
          at: r.at,
          from: r.from_hours,
          to: r.to_hours,
          reason: r.reason,
        }))
      return keysetPage(rows, limit, (last) => [last.at, last.id], itemsOf)
    },
    async issueCertificate(record) {
      insertCertificate.run(record)
      return (await this.certificate(record.number))!
    },
    async certificate(number) {
      const r = certificate.get(number)
      return r
        ? {
            number: r.number,
            openid: r.openid,
            year: r.year,
            totalHours: r.total_hours,
            name: r.name,
            issuedAt: r.issued_at,
          }
        : null
    },
    async wrongGuesses(summonId, openid, since) {
      const r = guesses.get(summonId, openid)
      return r && r.window_start > since.toISOString() ? r.failures : 0
    },
    async addWrongGuess(summonId, openid, now, windowMs) {
      guess.run({
        s: summonId,
        o: openid,
        at: now.toISOString(),
        since: new Date(now.getTime() - windowMs).toISOString(),
      })
    },
    async credited(range, filter) {
      return db.transaction(() => {
        const out: CreditedHoursRow[] = []
        for (const row of confirmedSummons.all(range)) {
          const summon = recordOf(row)
          for (const m of members.all({ s: summon.id }).map(memberOf)) {
            if (filter.openids && !filter.openids.includes(m.openid)) continue
            const hours = m.makeup ? Math.min(m.makeup.to, summon.hours) : scanCredit(summon, m).hours
            if (hours <= 0) continue
            const orgId = m.orgId
            if (filter.orgId && orgId !== filter.orgId) continue
            out.push({ openid: m.openid, orgId, gridId: summon.gridId, summonId: summon.id, hours })
          }
        }
        return out
      })()
    },
  }
}
