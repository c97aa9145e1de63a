/**
 * `stats.overview` (the real handler through dispatch, SQLite in a temp file) on a generated district of
 * 200 grids, 5,000 members and 100,000 check-ins spread over a year, against a plain
 * `SELECT count(*) FROM checkins` over the same table in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Ctx } from '../cloud/core/context'
import { dispatch } from '../cloud/core/dispatch'
import { XIHU_TOWNS } from '../cloud/domain/towns'
import { FUNCTIONS } from '../cloud/functions'
import { createLocalPlatform } from '../cloud/platform/local'
import { createSqliteStore } from '../cloud/store/sqlite'
import { medianTimes, ratioOf, round, type Row } from './lib'

const GRIDS = 200
const MEMBERS = 5000
const CHECKINS = 100_000
const SUMMONS = 1000
const DAY = 86_400_000
const ADMIN = 'o_stats_admin'

/** Fills the district in one transaction of prepared inserts (deterministic pseudo-random spread). */
export function generateDistrict(
  db: ReturnType<typeof createSqliteStore>['db'],
  now: Date,
  size: { grids: number; members: number; checkins: number; summons: number } = {
    grids: GRIDS,
    members: MEMBERS,
    checkins: CHECKINS,
    summons: SUMMONS,
  },
): void {
  const { grids: GRID_N, members: MEMBER_N, checkins: CHECKIN_N, summons: SUMMON_N } = size
  let seed = 42
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed % n
  }
  const iso = (msAgo: number) => new Date(now.getTime() - msAgo).toISOString()
  const grid = db.prepare(
    `INSERT INTO grids (id, name, town_id, kind, base_address, online_json, project_name, created_at, updated_at)
     VALUES (?, ?, ?, 'community', ?, '[]', ?, ?, ?)`,
  )
  const leader = db.prepare('INSERT INTO grid_leaders (grid_id, openid, since) VALUES (?, ?, ?)')
  const member = db.prepare('INSERT OR IGNORE INTO grid_members (grid_id, openid, joined_at) VALUES (?, ?, ?)')
  const summon = db.prepare(
    `INSERT INTO summons (id, grid_id, title, body, place, start_at, end_at, capacity, published_by, confirmed,
       created_at, updated_at) VALUES (?, ?, '召集令', '', '地点', ?, ?, 20, 'o_leader', ?, ?, ?)`,
  )
  const checkin = db.prepare(
    `INSERT INTO checkins (id, openid, request_id, grid_id, method, verified_json, at)
     VALUES (?, ?, ?, ?, 'poster', '["poster"]', ?)`,
  )
  db.transaction(() => {
    const created = iso(400 * DAY)
    for (let g = 0; g < GRID_N; g++) {
      const town = XIHU_TOWNS[g % XIHU_TOWNS.length].id
      grid.run(`g${g}`, `网格 ${g}`, town, g % 3 ? `阵地 ${g}` : '', g % 2 ? '项目' : null, created, created)
      if (g % 4) leader.run(`g${g}`, `o_leader_${g}`, created)
    }
    for (let s = 0; s < SUMMON_N; s++) {
      const start = iso(rand(365) * DAY)
      summon.run(`s${s}`, `g${rand(GRID_N)}`, start, start, rand(21), start, start)
    }
    for (let c = 0; c < CHECKIN_N; c++) {
      const openid = `o_m_${rand(MEMBER_N)}`
      const gridId = `g${rand(GRID_N)}`
      const at = iso(rand(365 * DAY))
      member.run(gridId, openid, at)
      checkin.run(`c${c}`, openid, `r${c}`, gridId, at)
    }
  })()
}

export async function statsRows(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'erwei-bench-stats-'))
  const store = createSqliteStore(join(dir, 'erwei.sqlite'))
  try {
    const now = new Date()
    const generated = Date.now()
    generateDistrict(store.db, now)
    store.db.pragma('optimize')
    const generateSeconds = (Date.now() - generated) / 1000
    const ctx: Ctx = {
      openid: ADMIN,
      store,
      platform: createLocalPlatform(),
      config: { secret: 'bench', adminOpenids: [ADMIN], liveCodeSeconds: 30 },
      now: () => now,
    }
    const overview = async () => {
      const envelope = await dispatch(FUNCTIONS.stats, { action: 'overview', data: {} }, ctx)
      if (!envelope.ok) throw new Error(JSON.stringify(envelope.error))
    }
    const count = store.db.prepare('SELECT count(*) AS n FROM checkins')
    const countTimes = await medianTimes(() => count.get(), 9, 2)
    const overviewTimes = await medianTimes(overview, 9, 2)
    const countMs = countTimes.wall
    const overviewMs = overviewTimes.wall
    return [
      {
        section: 'stats',
        name: `stats.overview, ${GRIDS} grids / ${CHECKINS / 1000}k check-ins vs SELECT count(*) FROM checkins`,
        value: round(overviewMs, 2),
        unit: 'ms',
        against: { name: 'count(*)', value: round(countMs, 3) },
        ratio: ratioOf(overviewMs, countMs),
        note:
          `CPU ${round(overviewTimes.cpu, 1)} ms vs ${round(countTimes.cpu, 3)} ms; ` +
          `district generated in ${round(generateSeconds, 1)} s`,
      },
    ]
  } finally {
    store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
