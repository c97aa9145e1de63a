import type { Statement } from 'better-sqlite3'
import { DISTRICT_NAME } from '../../domain/towns'
import type { Id, MySignUp, RosterEntry, SignUpStatus } from '../../../types'
import { newId } from '../../core/ids'
import { cancelRefusal, signUpRefusal, type SummonTimes } from '../../domain/summons'
import { summonTimeErrors } from '../../../types/rules'
import type {
  CardChange,
  DueNotice,
  SignUpOutcome,
  SummonPatch,
  SummonQuery,
  SummonRecord,
  SummonStore,
  UpdateSummonOutcome,
} from '../port'
import { statementCache, type Db } from './db'
import { decodeCursor, encodeCursor } from '../cursor'

export interface SummonRow {
  id: Id
  grid_id: Id | null
  grid_name: string | null
  title: string
  body: string
  place: string
  start_at: string
  end_at: string
  sign_up_deadline: string | null
  capacity: number | null
  tags_json: string
  hours: number
  plan_id: Id | null
  org_id: Id | null
  org_name: string | null
  published_by: string
  confirmed: number
  waitlisted: number
  attended: number
  walkins: number
  withdrawn_at: string | null
  withdraw_reason: string | null
  created_at: string
  hours_confirmed_at?: string | null
  mine?: SignUpStatus | null
}

export const SELECT_SUMMON = `
  SELECT s.*, g.name AS grid_name, o.name AS org_name,
    (SELECT count(*) FROM signups a INDEXED BY signups_attended
      WHERE a.summon_id = s.id AND a.attended_at IS NOT NULL AND a.status = 'confirmed') AS attended,
    (SELECT count(DISTINCT w.openid) FROM checkins w INDEXED BY checkins_summon
      WHERE w.summon_id = s.id AND w.method = 'live' AND NOT EXISTS (SELECT 1 FROM signups c
        WHERE c.summon_id = s.id AND c.openid = w.openid AND c.status = 'confirmed')) AS walkins
  FROM summons s LEFT JOIN grids g ON g.id = s.grid_id LEFT JOIN orgs o ON o.id = s.org_id`

export function recordOf(row: SummonRow): SummonRecord {
  return {
    id: row.id,
    gridId: row.grid_id,
    gridName: row.grid_name ?? DISTRICT_NAME,
    title: row.title,
    body: row.body,
    place: row.place,
    startAt: row.start_at,
    endAt: row.end_at,
    signUpDeadline: row.sign_up_deadline,
    capacity: row.capacity,
    tags: JSON.parse(row.tags_json) as string[],
    hours: row.hours,
    planId: row.plan_id,
    orgId: row.org_id,
    orgName: row.org_name,
    publishedBy: row.published_by,
    confirmed: row.confirmed,
    waitlisted: row.waitlisted,
    attended: row.attended,
    walkins: row.walkins,
    withdrawnAt: row.withdrawn_at,
    withdrawReason: row.withdraw_reason,
    createdAt: row.created_at,
    hoursConfirmedAt: row.hours_confirmed_at ?? null,
  }
}

interface SummonTimesRow {
  start_at: string
  end_at: string
  sign_up_deadline: string | null
  capacity: number | null
  confirmed: number
  withdrawn_at: string | null
}

interface SignUpRow {
  status: SignUpStatus
  wait_seq: number | null
  attended_at: string | null
  /** 志愿时长: the member's sign-out (read with `getSignUp` only). */
  signed_out_at?: string | null
}

export function sqliteSummons(db: Db): SummonStore {
  const prepared = statementCache(db)
  const getRow = db.prepare<[Id], SummonRow>(`${SELECT_SUMMON} WHERE s.id = ?`)
  const insert = db.prepare(`
    INSERT INTO summons (id, grid_id, title, body, place, start_at, end_at, sign_up_deadline, capacity, tags_json,
      hours, plan_id, org_id, published_by, created_at, updated_at)
    VALUES (@id, @gridId, @title, @body, @place, @startAt, @endAt, @signUpDeadline, @capacity, @tags, @hours,
      @planId, @orgId, @publishedBy, @now, @now)`)
  const getSignUp = db.prepare<[Id, string], SignUpRow>(
    `SELECT status, wait_seq, attended_at,
      (SELECT o.at FROM hours_signouts o WHERE o.summon_id = signups.summon_id AND o.openid = signups.openid) AS signed_out_at
    FROM signups WHERE summon_id = ? AND openid = ?`,
  )
  const positionOf = db.prepare<[Id, number], { position: number }>(
    "SELECT count(*) AS position FROM signups WHERE summon_id = ? AND status = 'waitlisted' AND wait_seq <= ?",
  )
  // The conditional update that takes a place: it only succeeds while places remain.
  const takePlace = db.prepare(
    'UPDATE summons SET confirmed = confirmed + 1 WHERE id = ? AND (capacity IS NULL OR confirmed < capacity)',
  )
  const joinWaitlist = db.prepare<[Id], { wait_seq: number }>(
    'UPDATE summons SET waitlisted = waitlisted + 1, wait_seq = wait_seq + 1 WHERE id = ? RETURNING wait_seq',
  )
  const upsertSignUp = db.prepare(`
    INSERT INTO signups (summon_id, openid, status, wait_seq, signed_up_at, confirmed_at, start_at)
    VALUES (@summonId, @openid, @status, @waitSeq, @now, @confirmedAt,
      (SELECT start_at FROM summons WHERE id = @summonId))
    ON CONFLICT(summon_id, openid) DO UPDATE SET status = excluded.status, wait_seq = excluded.wait_seq,
      signed_up_at = excluded.signed_up_at, confirmed_at = excluded.confirmed_at, promoted_at = NULL,
      promotion_notified_at = NULL, reminded_at = NULL, cancelled_at = NULL`)
  const setCancelled = db.prepare(
    "UPDATE signups SET status = 'cancelled', cancelled_at = ?, wait_seq = NULL WHERE summon_id = ? AND openid = ?",
  )
  const releasePlace = db.prepare('UPDATE summons SET confirmed = confirmed - 1 WHERE id = ?')
  const leaveWaitlist = db.prepare('UPDATE summons SET waitlisted = waitlisted - 1 WHERE id = ?')
  const firstWaiting = db.prepare<[Id], { openid: string }>(
    "SELECT openid FROM signups WHERE summon_id = ? AND status = 'waitlisted' ORDER BY wait_seq LIMIT 1",
  )
  const promote = db.prepare(`
    UPDATE signups SET status = 'confirmed', wait_seq = NULL, confirmed_at = @now, promoted_at = @now
    WHERE summon_id = @summonId AND openid = @openid`)
  const moveWaitingToPlace = db.prepare(
    'UPDATE summons SET confirmed = confirmed + 1, waitlisted = waitlisted - 1 WHERE id = ? AND (capacity IS NULL OR confirmed < capacity)',
  )
  const roster = db.prepare<[Id], { openid: string; name: string | null } & SignUpRow & { signed_up_at: string }>(`
    SELECT s.openid, u.name, s.status, s.wait_seq, s.attended_at, s.signed_up_at
    FROM signups s LEFT JOIN users u ON u.openid = s.openid WHERE s.summon_id = ?
    ORDER BY CASE s.status WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END,
      s.wait_seq, coalesce(s.confirmed_at, s.signed_up_at), s.openid`)
  // Walk-ins: live check-ins of members without a confirmed place, each at their first check-in.
  const walkins = db.prepare<[Id], { openid: string; name: string | null; at: string }>(`
    SELECT w.openid, u.name, min(w.at) AS at
    FROM checkins w INDEXED BY checkins_summon LEFT JOIN users u ON u.openid = w.openid
    WHERE w.summon_id = ? AND w.method = 'live' AND NOT EXISTS (SELECT 1 FROM signups c
      WHERE c.summon_id = w.summon_id AND c.openid = w.openid AND c.status = 'confirmed')
    GROUP BY w.openid ORDER BY at, w.openid`)
  const byPlan = db.prepare<[Id], { id: Id; title: string }>(
    'SELECT id, title FROM summons WHERE plan_id = ? ORDER BY created_at, id',
  )
  const withdraw = db.prepare(
    'UPDATE summons SET withdrawn_at = ?, withdraw_reason = ?, updated_at = ? WHERE id = ? AND withdrawn_at IS NULL',
  )

  const record = (summonId: Id) => {
    const row = getRow.get(summonId)
    return row ? recordOf(row) : null
  }

  // What sign-up and cancel decide on: the summon's own columns only. The full record also counts the
  // attended members, a walk over every confirmed sign-up, which a big summon pays on every sign-up.
  const getTimes = db.prepare<[Id], SummonTimesRow>(
    'SELECT start_at, end_at, sign_up_deadline, capacity, confirmed, withdrawn_at FROM summons WHERE id = ?',
  )
  const timesFor = (summonId: Id): SummonTimes | null => {
    const row = getTimes.get(summonId)
    return row
      ? {
          startAt: row.start_at,
          endAt: row.end_at,
          signUpDeadline: row.sign_up_deadline,
          capacity: row.capacity,
          confirmed: row.confirmed,
          withdrawnAt: row.withdrawn_at,
        }
      : null
  }

  const mine = (summonId: Id, openid: string): MySignUp | null => {
    const row = getSignUp.get(summonId, openid)
    if (!row) return null
    const result: MySignUp = { status: row.status }
    if (row.status === 'waitlisted' && row.wait_seq !== null) {
      result.position = positionOf.get(summonId, row.wait_seq)!.position
    }
    if (row.attended_at) result.attendedAt = row.attended_at
    if (row.status === 'confirmed' && row.signed_out_at) result.signedOutAt = row.signed_out_at
    return result
  }

  // The summon's live share card and its confirmed count after a change (sign-ups and cancellations answer
  // them, so the function can push 「已报名 x/y」 at once).
  const liveCard = db.prepare<[Id, string], { activity_id: string; expires_at: string }>(
    'SELECT activity_id, expires_at FROM share_cards WHERE summon_id = ? AND expires_at > ?',
  )
  const cardChange = (summonId: Id, now: Date): CardChange | undefined => {
    const card = liveCard.get(summonId, now.toISOString())
    const times = card ? timesFor(summonId) : null
    if (!card || !times || times.capacity === null) return undefined
    return {
      activityId: card.activity_id,
      expiresAt: card.expires_at,
      capacity: times.capacity,
      confirmed: times.confirmed,
    }
  }
  const withCard = <T extends object>(outcome: T, summonId: Id, now: Date): T => {
    const card = cardChange(summonId, now)
    return card ? { ...outcome, card } : outcome
  }

  const signUp = db.transaction((summonId: Id, openid: string, now: Date): SignUpOutcome => {
    const times = timesFor(summonId)
    if (!times) return { ok: false, reason: 'missing' }
    const existing = mine(summonId, openid)
    if (existing && existing.status !== 'cancelled') {
      return { ok: true, status: existing.status, position: existing.position }
    }
    const refusal = signUpRefusal(times, now)
    if (refusal) return { ok: false, reason: refusal }
    const at = now.toISOString()
    if (takePlace.run(summonId).changes === 1) {
      upsertSignUp.run({ summonId, openid, status: 'confirmed', waitSeq: null, now: at, confirmedAt: at })
      return withCard({ ok: true, status: 'confirmed' } as const, summonId, now)
    }
    const { wait_seq: waitSeq } = joinWaitlist.get(summonId)!
    upsertSignUp.run({ summonId, openid, status: 'waitlisted', waitSeq, now: at, confirmedAt: null })
    return { ok: true, status: 'waitlisted', position: positionOf.get(summonId, waitSeq)!.position }
  })

  /** Fills free places from the head of the waitlist; answers who was promoted, in waitlist order. */
  const promoteWaiting = (summonId: Id, now: Date): string[] => {
    const promoted: string[] = []
    for (;;) {
      const next = firstWaiting.get(summonId)
      if (!next || moveWaitingToPlace.run(summonId).changes === 0) return promoted
      promote.run({ summonId, openid: next.openid, now: now.toISOString() })
      promoted.push(next.openid)
    }
  }

  const getPlace = db.prepare<[Id], { place: string }>('SELECT place FROM summons WHERE id = ?')
  const applyPatch = db.prepare(`
    UPDATE summons SET place = @place, start_at = @startAt, end_at = @endAt, sign_up_deadline = @signUpDeadline,
      capacity = @capacity, updated_at = @now WHERE id = @id`)
  // A moved start is reminded of again, and moves each sign-up in 我的报名 (ordered by the start it copies).
  const restart = db.prepare<[string, Id]>('UPDATE signups SET reminded_at = NULL, start_at = ? WHERE summon_id = ?')

  const update = db.transaction((summonId: Id, patch: SummonPatch, now: Date): UpdateSummonOutcome => {
    const times = timesFor(summonId)
    if (!times) return { ok: false, reason: 'missing' }
    if (times.withdrawnAt) return { ok: false, reason: 'withdrawn' }
    if (now.toISOString() >= times.endAt) return { ok: false, reason: 'ended' }
    const place = getPlace.get(summonId)!.place
    const next = {
      place: patch.place ?? place,
      startAt: patch.startAt ?? times.startAt,
      endAt: patch.endAt ?? times.endAt,
      signUpDeadline: patch.signUpDeadline !== undefined ? patch.signUpDeadline : times.signUpDeadline,
      capacity: patch.capacity !== undefined ? patch.capacity : times.capacity,
    }
    const errors = summonTimeErrors({ ...next, signUpDeadline: next.signUpDeadline ?? undefined })
    if (Object.keys(errors).length) return { ok: false, reason: 'times', errors }
    if (next.capacity !== null && next.capacity < times.confirmed)
      return { ok: false, reason: 'below_confirmed', confirmed: times.confirmed }
    const changed = {
      time: next.startAt !== times.startAt || next.endAt !== times.endAt,
      place: next.place !== place,
    }
    applyPatch.run({ ...next, id: summonId, now: now.toISOString() })
    if (next.startAt !== times.startAt) restart.run(next.startAt, summonId)
    const promoted = promoteWaiting(summonId, now)
    return { ok: true, summon: record(summonId)!, promoted, changed }
  })

  const cancel = db.transaction((summonId: Id, openid: string, now: Date) => {
    const times = timesFor(summonId)
    if (!times) return { ok: false, reason: 'missing' } as const
    const current = getSignUp.get(summonId, openid)
    if (!current || current.status === 'cancelled') return { ok: false, reason: 'not_signed_up' } as const
    if (cancelRefusal(times, now)) return { ok: false, reason: 'started' } as const
    setCancelled.run(now.toISOString(), summonId, openid)
    if (current.status === 'waitlisted') {
      leaveWaitlist.run(summonId)
      return { ok: true, promoted: false } as const
    }
    releasePlace.run(summonId)
    const promoted = promoteWaiting(summonId, now).length > 0
    // A promotion keeps the count; a place given up with nobody waiting lowers it.
    return promoted ? ({ ok: true, promoted } as const) : withCard({ ok: true, promoted } as const, summonId, now)
  })

  const claimReminders = db.prepare<{ now: string; horizon: string }, { summon_id: Id; openid: string }>(`
    UPDATE signups SET reminded_at = @now
    WHERE status = 'confirmed' AND reminded_at IS NULL AND summon_id IN (
      SELECT id FROM summons WHERE withdrawn_at IS NULL AND start_at > @now AND start_at <= @horizon)
    RETURNING summon_id, openid`)
  const claimPromotions = db.prepare<[string], { summon_id: Id; openid: string }>(`
    UPDATE signups SET promotion_notified_at = ?
    WHERE status = 'confirmed' AND promoted_at IS NOT NULL AND promotion_notified_at IS NULL
    RETURNING summon_id, openid`)

  const claimDueNotices = db.transaction((now: Date, leadMinutes: number): DueNotice[] => {
    const at = now.toISOString()
    const horizon = new Date(now.getTime() + leadMinutes * 60_000).toISOString()
    const cache = new Map<Id, SummonRecord | null>()
    const summonOf = (id: Id) => {
      if (!cache.has(id)) cache.set(id, record(id))
      return cache.get(id)!
    }
    const notices: DueNotice[] = []
    for (const r of claimReminders.all({ now: at, horizon }))
      notices.push({ kind: 'reminder', openid: r.openid, summon: summonOf(r.summon_id)! })
    for (const r of claimPromotions.all(at))
      notices.push({ kind: 'promotion', openid: r.openid, summon: summonOf(r.summon_id)! })
    return notices
  })

  return {
    async create(input, now) {
      const id = newId()
      insert.run({ ...input, orgId: input.orgId ?? null, id, tags: JSON.stringify(input.tags), now: now.toISOString() })
      return record(id)!
    },
    async get(summonId, viewer) {
      const summon = record(summonId)
      const standing = summon && viewer !== undefined ? mine(summonId, viewer) : null
      return standing ? { ...summon!, mine: standing } : summon
    },
    async list(query) {
      return listSummons(prepared, query)
    },
    async signUp(summonId, openid, now) {
      return signUp.immediate(summonId, openid, now)
    },
    async cancel(summonId, openid, now) {
      return cancel.immediate(summonId, openid, now)
    },
    async mine(summonId, openid) {
      return mine(summonId, openid)
    },
    async roster(summonId) {
      const read = db.transaction(() => ({ signups: roster.all(summonId), walkins: walkins.all(summonId) }))()
      const walkedIn = new Set(read.walkins.map((w) => w.openid))
      let position = 0
      // A waitlisted or cancelled member who came anyway is listed once, as a walk-in (the waitlist keeps
      // its positions, so the others' numbers still match what each of them is shown).
      const rows = read.signups
        .map((r): RosterEntry => {
          const entry: RosterEntry = {
            openid: r.openid,
            name: r.name ?? '未填写姓名',
            status: r.status,
            signedUpAt: r.signed_up_at,
          }
          if (r.status === 'waitlisted') entry.position = ++position
          if (r.attended_at) entry.attendedAt = r.attended_at
          return entry
        })
        .filter((r) => r.status === 'confirmed' || !walkedIn.has(r.openid))
      const walkinRows = read.walkins.map((w): RosterEntry => ({
        openid: w.openid,
        name: w.name ?? '未填写姓名',
        status: 'walkin',
        attendedAt: w.at,
      }))
      const confirmed = rows.filter((r) => r.status === 'confirmed')
      return [...confirmed, ...walkinRows, ...rows.filter((r) => r.status !== 'confirmed')]
    },
    async withdraw(summonId, reason, now) {
      const summon = record(summonId)
      if (!summon) return { ok: false, reason: 'missing' }
      if (now.toISOString() >= summon.endAt) return { ok: false, reason: 'ended' }
      const first = withdraw.run(now.toISOString(), reason, now.toISOString(), summonId).changes === 1
      return { ok: true, summon: record(summonId)!, first }
    },
    async update(summonId, patch, now) {
      return update.immediate(summonId, patch, now)
    },
    async byPlan(planId) {
      return byPlan.all(planId)
    },
    async claimDueNotices(now, leadMinutes) {
      return claimDueNotices.immediate(now, leadMinutes)
    },
  }
}

/**
 * Keyset pagination, each scope through an index that starts where the page starts (the cursor is the
 * (start_at, id) of the last item of the previous page), so a page costs what it shows, not the history:
 * - `open`, soonest first: a seek on summons_start from now minus the longest open summon's span (read off
 *   summons_span), since nothing that started before that can still be running;
 * - `mine`, newest first: the member's own sign-ups, signups_mine (openid, start_at, summon_id);
 * - `grid` without a grid, newest first: a merge of one seek per grid of the member's (summons_grid_page),
 *   each reading at most a page;
 * - one grid, or `org`: a seek on that grid's or organisation's index.
 * The page's records are then read by id.
 */
function listSummons(prepare: (sql: string) => Statement, q: SummonQuery) {
  const limit = q.limit + 1
  const after = decodeCursor(q.cursor)
  const afterStart = after ? String(after[0]) : null
  const afterId = after ? String(after[1]) : null
  const now = q.now.toISOString()
  let ids: Id[]
  if (q.scope === 'open') {
    const span = prepare(
      'SELECT max(julianday(end_at) - julianday(start_at)) AS days FROM summons WHERE withdrawn_at IS NULL',
    ).get() as { days: number | null }
    // A start before this cannot end after now. One millisecond of slack against rounding of the span.
    const from = new Date(q.now.getTime() - Math.ceil((span.days ?? 0) * 86_400_000) - 1).toISOString()
    const lower = afterStart !== null && afterStart > from ? afterStart : from
    const grid = q.gridId ? 'grid_id = @gridId AND' : ''
    ids = (
      prepare(`
        SELECT id FROM summons INDEXED BY ${q.gridId ? 'summons_grid_page' : 'summons_start'}
        WHERE ${grid} start_at >= @lower
          AND (@afterStart IS NULL OR start_at > @afterStart OR (start_at = @afterStart AND id > @afterId))
          AND withdrawn_at IS NULL AND end_at > @now
        ORDER BY start_at, id LIMIT @limit`).all({
        lower,
        afterStart,
        afterId,
        now,
        limit,
        gridId: q.gridId ?? null,
      }) as { id: Id }[]
    ).map((r) => r.id)
  } else if (q.scope === 'mine') {
    ids = (
      prepare(`
        SELECT summon_id AS id FROM signups INDEXED BY signups_mine
        WHERE openid = @openid AND status <> 'cancelled' AND start_at <= coalesce(@afterStart, '9999')
          AND (@afterStart IS NULL OR start_at < @afterStart OR summon_id < @afterId)
          ${q.gridId ? 'AND summon_id IN (SELECT id FROM summons WHERE grid_id = @gridId)' : ''}
        ORDER BY start_at DESC, summon_id DESC LIMIT @limit`).all({
        openid: q.openid,
        gridId: q.gridId ?? null,
        afterStart,
        afterId,
        limit,
      }) as { id: Id }[]
    ).map((r) => r.id)
  } else if (q.scope === 'grid' || q.scope === 'org') {
    const column = q.scope === 'org' && !q.gridId ? 'org_id' : 'grid_id'
    const index = column === 'org_id' ? 'summons_org' : 'summons_grid_page'
    const seek = prepare(`
      SELECT id, start_at FROM summons INDEXED BY ${index}
      WHERE ${column} = @key AND start_at <= coalesce(@afterStart, '9999')
        AND (@afterStart IS NULL OR start_at < @afterStart OR id < @afterId)
        ${q.scope === 'org' && q.gridId ? 'AND org_id = @orgId' : ''}
      ORDER BY start_at DESC, id DESC LIMIT @limit`)
    const keys =
      q.scope === 'org'
        ? [q.gridId ?? q.orgId ?? null]
        : q.gridId
          ? [q.gridId]
          : (
              prepare(`SELECT grid_id FROM grid_members WHERE openid = ?
                UNION SELECT grid_id FROM grid_leaders WHERE openid = ?`).all(q.openid, q.openid) as {
                grid_id: Id
              }[]
            ).map((r) => r.grid_id)
    const candidates = keys.flatMap(
      (key) => seek.all({ key, afterStart, afterId, limit, orgId: q.orgId ?? null }) as { id: Id; start_at: string }[],
    )
    candidates.sort((a, b) => (a.start_at === b.start_at ? cmp(b.id, a.id) : cmp(b.start_at, a.start_at)))
    ids = candidates.slice(0, limit).map((c) => c.id)
  } else {
    ids = []
  }
  const byId = new Map(
    (
      prepare(
        `${SELECT_SUMMON.replace('SELECT s.*,', 'SELECT s.*, (SELECT status FROM signups x WHERE x.summon_id = s.id AND x.openid = @openid) AS mine,')}
        WHERE s.id IN (SELECT value FROM json_each(@ids))`,
      ).all({ openid: q.openid, ids: JSON.stringify(ids.slice(0, q.limit)) }) as SummonRow[]
    ).map((row) => [row.id, row]),
  )
  const page = ids.slice(0, q.limit).map((id) => byId.get(id)!)
  const items = page.map((row) => (row.mine ? { ...recordOf(row), mine: row.mine } : recordOf(row)))
  const last = page[page.length - 1]
  return ids.length > q.limit && last ? { items, nextCursor: encodeCursor([last.start_at, last.id]) } : { items }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
