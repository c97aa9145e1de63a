/**
 * The demo's year of history (cloud/server/seed-history.ts), seeded the way `npm start` seeds it
 * (`seedOnce`: one transaction on a fresh file): it is deterministic, lies in the past of `now`, and gives
 * the overview, its weekly chart and the ranking something to show.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dispatch } from '../../cloud/core/dispatch'
import { FUNCTIONS } from '../../cloud/functions'
import { createLocalPlatform } from '../../cloud/platform/local'
import { seedOnce } from '../../cloud/server/main'
import { HISTORY_WEEKS } from '../../cloud/server/seed-history'
import { createSqliteStore } from '../../cloud/store/sqlite'
import type { ResOf } from '../../types'

const NOW = new Date('2026-06-01T02:00:00.000Z')

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

async function seeded(now = NOW) {
  const dir = mkdtempSync(join(tmpdir(), 'seed-history-'))
  dirs.push(dir)
  const file = join(dir, 'erwei.sqlite')
  jest.spyOn(console, 'log').mockImplementation(() => undefined)
  expect(await seedOnce(file, now)).toBe(true)
  ;(console.log as jest.Mock).mockRestore()
  return createSqliteStore(file)
}

type Store = Awaited<ReturnType<typeof seeded>>
const all = <T>(store: Store, sql: string) => store.db.prepare(sql).all() as T[]
const one = <T>(store: Store, sql: string) => store.db.prepare(sql).get() as T

/** What a seed holds, without ids: the same `now` must give the same history. */
const fingerprint = (store: Store) => ({
  users: all(store, 'SELECT openid, name, affiliation FROM users ORDER BY openid'),
  summons: all(
    store,
    'SELECT title, start_at, end_at, capacity, confirmed, waitlisted FROM summons ORDER BY start_at, title',
  ),
  checkins: one(store, 'SELECT count(*) AS n, min(at) AS first, max(at) AS last FROM checkins'),
  ideas: all(store, 'SELECT content, status, decision, likes, created_at FROM ideas ORDER BY created_at, content'),
})

describe('the demo history', () => {
  let store: Store
  beforeAll(async () => {
    store = await seeded()
  })
  afterAll(() => store.close())

  it('is the same for the same now (a seeded generator, no randomness of its own)', async () => {
    const again = await seeded()
    expect(fingerprint(again)).toEqual(fingerprint(store))
    again.close()
  })

  it('moves with now: a later start seeds the same story later', async () => {
    const later = await seeded(new Date(NOW.getTime() + 70 * 86_400_000))
    const last = (s: Store) => Date.parse(one<{ at: string }>(s, 'SELECT max(at) AS at FROM checkins').at)
    expect(last(later) - last(store)).toBeGreaterThan(60 * 86_400_000)
    later.close()
  })

  it('happened in the past year, with check-ins in (nearly) every week', () => {
    const { first, last } = one<{ first: string; last: string }>(
      store,
      'SELECT min(at) AS first, max(at) AS last FROM checkins',
    )
    expect(Date.parse(last)).toBeLessThanOrEqual(NOW.getTime())
    expect(NOW.getTime() - Date.parse(first)).toBeGreaterThan((HISTORY_WEEKS - 2) * 7 * 86_400_000)
    const weeks = one<{ n: number }>(
      store,
      `SELECT count(DISTINCT CAST((julianday('${NOW.toISOString()}') - julianday(at)) / 7 AS INTEGER)) AS n FROM checkins`,
    )
    expect(weeks.n).toBeGreaterThanOrEqual(HISTORY_WEEKS - 1)
  })

  it('has ended summons with attendance, no-shows, waitlists, walk-ins and a withdrawal', () => {
    const ended = one<{ n: number }>(store, `SELECT count(*) AS n FROM summons WHERE end_at < '${NOW.toISOString()}'`)
    expect(ended.n).toBeGreaterThan(50)
    const signups = one<{ attended: number; noShow: number; cancelled: number }>(
      store,
      `SELECT sum(x.attended_at IS NOT NULL) AS attended,
        sum(x.status = 'confirmed' AND x.attended_at IS NULL) AS noShow, sum(x.status = 'cancelled') AS cancelled
       FROM signups x JOIN summons s ON s.id = x.summon_id
       WHERE s.end_at < '${NOW.toISOString()}' AND s.withdrawn_at IS NULL`,
    )
    expect(signups.attended).toBeGreaterThan(3 * signups.noShow)
    expect(signups.noShow).toBeGreaterThan(0)
    expect(signups.cancelled).toBeGreaterThan(0)
    const walkins = one<{ n: number }>(
      store,
      `SELECT count(*) AS n FROM checkins c WHERE c.method = 'live' AND NOT EXISTS (SELECT 1 FROM signups x
        WHERE x.summon_id = c.summon_id AND x.openid = c.openid AND x.status = 'confirmed')`,
    )
    expect(walkins.n).toBeGreaterThan(0)
    expect(
      one<{ n: number }>(store, 'SELECT count(*) AS n FROM summons WHERE withdrawn_at IS NOT NULL').n,
    ).toBeGreaterThan(1)
    expect(one<{ n: number }>(store, 'SELECT count(*) AS n FROM summons WHERE plan_id IS NOT NULL').n).toBeGreaterThan(
      3,
    )
  })

  it('has plans with ideas in every state', () => {
    const states = all<{ state: string }>(
      store,
      `SELECT DISTINCT CASE WHEN status <> 'visible' THEN status ELSE coalesce(decision, 'waiting') END AS state
       FROM ideas`,
    ).map((r) => r.state)
    expect(states.sort()).toEqual(['adopted', 'declined', 'partial', 'pending_review', 'rejected', 'waiting'])
    expect(
      one<{ n: number }>(store, 'SELECT count(*) AS n FROM plans WHERE finalized_at IS NOT NULL').n,
    ).toBeGreaterThan(10)
  })

  it('leaves the personas as the tour starts them', () => {
    const persona = all<{ openid: string }>(
      store,
      // The history gives them nothing; the demo member's volunteer hours (seed-hours.ts) are service summons.
      `SELECT DISTINCT c.openid FROM checkins c LEFT JOIN summons s ON s.id = c.summon_id
       WHERE c.openid IN ('o_demo_member', 'o_demo_leader', 'o_demo_admin') AND coalesce(s.hours, 0) = 0`,
    )
    expect(persona).toEqual([])
  })

  it('gives the overview a ranking led by active grids and two quiet ones at the bottom', async () => {
    const ctx = {
      openid: 'o_demo_admin',
      store,
      platform: createLocalPlatform(),
      config: { secret: 'seed-history-secret-0123456789', adminOpenids: [], liveCodeSeconds: 30 },
      now: () => NOW,
    }
    const envelope = await dispatch(FUNCTIONS.stats, { action: 'overview', data: {} }, ctx)
    if (!envelope.ok) throw new Error(envelope.error.message)
    const overview = envelope.data as ResOf<'stats.overview'>
    expect(overview.totals.grids).toBe(12)
    expect(overview.totals.quiet).toBeGreaterThanOrEqual(2)
    const ranked = overview.grids.slice().sort((a, b) => b.score - a.score)
    expect(ranked[0].checkIns30d).toBeGreaterThan(20)
    expect(ranked.slice(-2).every((g) => g.quiet)).toBe(true)
    // The chart: every one of the last weeks has check-ins.
    expect(overview.weeks.slice(0, -1).every((w) => w.total > 20)).toBe(true)
  })
})
