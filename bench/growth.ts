/**
 * `npm run bench -- growth`: the reads of issue 16 through the real handlers (dispatch) on SQLite, at 1k,
 * 10k and 50k records (and `stats.overview` at 200, 2,000 and 10,000 grids): CPU milliseconds (median of
 * this process's user + system time) and the bytes of the answer. Each size is built quickly by direct
 * inserts in one transaction (deterministic). A read that costs one page stays flat: its ratio to the 1k
 * figure stays near 1. `GROWTH_SIZES=1000,10000` picks the sizes. The cloud adapter's `grids.get` is
 * measured on the test stand-in in records the database examines (no CPU figure: the stand-in is not the
 * engine), before and after the member-total fold.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Ctx } from '../cloud/core/context'
import { dispatch } from '../cloud/core/dispatch'
import { signPosterScene } from '../cloud/domain/codes'
import { XIHU_TOWNS } from '../cloud/domain/towns'
import { FUNCTIONS } from '../cloud/functions'
import { foldMemberTotals } from '../cloud/jobs/memberTotals'
import { createLocalPlatform } from '../cloud/platform/local'
import { encodeCursor } from '../cloud/store/cursor'
import { createSqliteStore } from '../cloud/store/sqlite'
import { createWxCloudStore } from '../cloud/store/wxcloud'
import { createWxDbStandIn } from '../test/support/wxdb-standin'
import { refreshFigures, takeStatsSnapshots } from '../cloud/jobs/snapshots'
import type { Envelope, FunctionName } from '../types'
import { generateDistrict } from './stats'
import { medianTimes, round, type Row } from './lib'

const DAY = 86_400_000
const SECRET = 'bench-growth-secret-0123'
const ADMIN = 'o_gw_admin'
const MEMBER = 'o_gw_member'
const LEADER = 'o_gw_leader'
const GRIDS = 20

type Store = ReturnType<typeof createSqliteStore>

/**
 * N of everything that grows, in one transaction: N summons over the past N/4 hours … ahead (20 of them
 * still open), the member signed up to every 5th; N ideas on one plan (random likes); N check-ins of the
 * member; one grid of N members. The member belongs to 5 of the 20 grids.
 */
function generate(db: Store['db'], n: number, now: Date): { planId: string; deepCheckin: string } {
  let seed = 7
  const rand = (k: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed % k
  }
  const iso = (ms: number) => new Date(now.getTime() + ms).toISOString()
  const created = iso(-400 * DAY)
  const grid = db.prepare(
    `INSERT INTO grids (id, name, town_id, kind, base_address, online_json, created_at, updated_at)
     VALUES (?, ?, ?, 'community', '阵地', '[]', ?, ?)`,
  )
  const member = db.prepare('INSERT OR IGNORE INTO grid_members (grid_id, openid, joined_at) VALUES (?, ?, ?)')
  const user = db.prepare(
    "INSERT INTO users (openid, name, affiliation, created_at, updated_at) VALUES (?, '测试青年', 'league', ?, ?)",
  )
  const summon = db.prepare(
    `INSERT INTO summons (id, grid_id, title, body, place, start_at, end_at, capacity, published_by, confirmed,
       created_at, updated_at) VALUES (?, ?, ?, '', '地点', ?, ?, NULL, ?, 0, ?, ?)`,
  )
  const signup = db.prepare(
    `INSERT INTO signups (summon_id, openid, status, signed_up_at, confirmed_at, start_at)
     VALUES (?, ?, 'confirmed', ?, ?, ?)`,
  )
  const plan = db.prepare(
    `INSERT INTO plans (id, grid_id, title, draft, published_by, created_at, updated_at)
     VALUES ('p0', 'gw0', '方案', '草稿', ?, ?, ?)`,
  )
  const idea = db.prepare(
    "INSERT INTO ideas (id, plan_id, openid, content, status, likes, created_at) VALUES (?, 'p0', ?, ?, 'visible', ?, ?)",
  )
  const checkin = db.prepare(
    `INSERT INTO checkins (id, openid, request_id, grid_id, method, verified_json, at)
     VALUES (?, ?, ?, ?, 'poster', '["poster"]', ?)`,
  )
  let deepCheckin = ''
  db.transaction(() => {
    for (const openid of [MEMBER, LEADER]) user.run(openid, created, created)
    for (let g = 0; g < GRIDS; g++) {
      grid.run(`gw${g}`, `网格 ${g}`, XIHU_TOWNS[g % XIHU_TOWNS.length].id, created, created)
      if (g % 4 === 0) member.run(`gw${g}`, MEMBER, created)
    }
    db.prepare("INSERT INTO grid_leaders (grid_id, openid, since) VALUES ('gw0', ?, ?)").run(LEADER, created)
    for (let s = 0; s < n; s++) {
      // Hourly-ish history ending now; the last 20 start in the coming days.
      const start = s >= n - 20 ? iso((s - (n - 20) + 1) * 6 * 3_600_000) : iso(-(n - s) * 15 * 60_000)
      const end = new Date(Date.parse(start) + 2 * 3_600_000).toISOString()
      const id = `s${String(s).padStart(6, '0')}`
      summon.run(id, `gw${s % GRIDS}`, `召集令 ${s}`, start, end, LEADER, created, created)
      if (s % 5 === 0) signup.run(id, MEMBER, created, created, start)
    }
    plan.run(LEADER, created, created)
    for (let i = 0; i < n; i++)
      idea.run(`i${String(i).padStart(6, '0')}`, MEMBER, `建议 ${i}`, rand(50), iso(-(n - i) * 60_000))
    for (let c = 0; c < n; c++) {
      const at = iso(-(n - c) * 10 * 60_000)
      checkin.run(`c${String(c).padStart(6, '0')}`, MEMBER, `r${c}`, `gw${c % GRIDS}`, at)
      if (c === Math.floor(n * 0.2)) deepCheckin = encodeCursor([at, `c${String(c).padStart(6, '0')}`])
    }
    // The big grid: N members.
    for (let m = 0; m < n; m++) member.run('gw1', `o_gw_m${m}`, created)
  })()
  return { planId: 'p0', deepCheckin }
}

interface Figure {
  read: string
  size: number
  cpu: number
  bytes: number
}

async function measureReads(n: number): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'erwei-bench-growth-'))
  const store = createSqliteStore(join(dir, 'erwei.sqlite'))
  try {
    const now = new Date()
    const { planId, deepCheckin } = generate(store.db, n, now)
    store.db.pragma('optimize')
    const platform = { ...createLocalPlatform(), codeImage: async () => undefined }
    const ctxOf = (openid: string): Ctx => ({
      openid,
      store,
      platform,
      config: { secret: SECRET, adminOpenids: [ADMIN], liveCodeSeconds: 30 },
      now: () => now,
    })
    const call = async (openid: string, name: string, data: unknown) => {
      const [fn, action] = name.split('.') as [FunctionName, string]
      const envelope = await dispatch(FUNCTIONS[fn], { action, data }, ctxOf(openid))
      if (!envelope.ok) throw new Error(`${name}: ${JSON.stringify(envelope.error)}`)
      return envelope
    }
    const figures: Figure[] = []
    const measure = async (read: string, openid: string, name: string, data: () => unknown) => {
      const bytes = Buffer.byteLength(JSON.stringify(await call(openid, name, data())))
      const { cpu } = await medianTimes(() => call(openid, name, data()), 21, 5)
      figures.push({ read, size: n, cpu, bytes })
    }
    await measure('summons.list open', MEMBER, 'summons.list', () => ({ scope: 'open' }))
    await measure('summons.list mine', MEMBER, 'summons.list', () => ({ scope: 'mine' }))
    await measure('summons.list grid', MEMBER, 'summons.list', () => ({ scope: 'grid' }))
    await measure('plans.get newest', MEMBER, 'plans.get', () => ({ planId }))
    await measure('plans.get most liked', MEMBER, 'plans.get', () => ({ planId, sort: 'likes' }))
    await measure('checkin.mine deep page (80% in)', MEMBER, 'checkin.mine', () => ({ cursor: deepCheckin }))
    await measure('grids.get (N members)', MEMBER, 'grids.get', () => ({ gridId: 'gw1' }))
    const poster = signPosterScene('gw1', SECRET)
    let k = 0
    // Each scan a newcomer: a first report, a write that joins the big grid.
    await measure('checkin.scan poster at the grid of N members', MEMBER, 'checkin.scan', () => ({
      code: poster,
      requestId: `gw-scan-${String(k++).padStart(6, '0')}`,
    }))
    return figures
  } finally {
    store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function measureOverview(grids: number): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'erwei-bench-growth-'))
  const store = createSqliteStore(join(dir, 'erwei.sqlite'))
  try {
    const now = new Date()
    // 25 members, 50 check-ins over a year and 5 summons a grid.
    generateDistrict(store.db, now, { grids, members: grids * 25, checkins: grids * 50, summons: grids * 5 })
    store.db.pragma('optimize')
    const ctx: Ctx = {
      openid: ADMIN,
      store,
      platform: createLocalPlatform(),
      config: { secret: SECRET, adminOpenids: [ADMIN], liveCodeSeconds: 30 },
      now: () => now,
    }
    const overview = (data: { fresh?: boolean }) => () => dispatch(FUNCTIONS.stats, { action: 'overview', data }, ctx)
    const bytes = Buffer.byteLength(JSON.stringify(await overview({})()))
    // Nothing written between the calls: the kept snapshot (SQLite keeps it while nothing it counts changes).
    const kept = await medianTimes(overview({}), 5, 1)
    // What the first overview after a write costs: the figures computed anew (as `fresh: true` does).
    const recomputed = await medianTimes(overview({ fresh: true }), 5, 1)
    // Issue 16: what the admin page reads now: the summary, and the grids a page (20) at a time.
    const call = (action: 'overview' | 'grids', data: object) => () =>
      dispatch(FUNCTIONS.stats, { action, data }, ctx) as Promise<Envelope<unknown>>
    const summaryBytes = Buffer.byteLength(JSON.stringify(await call('overview', { summary: true })()))
    const summary = await medianTimes(call('overview', { summary: true }), 5, 1)
    const first = (await call('grids', { sort: 'score' })()) as Envelope<{ nextCursor?: string }>
    if (!first.ok) throw new Error(JSON.stringify(first.error))
    const pageBytes = Buffer.byteLength(JSON.stringify(first))
    const page = await medianTimes(call('grids', { sort: 'score' }), 5, 1)
    const next = await medianTimes(call('grids', { sort: 'score', cursor: first.data.nextCursor }), 5, 1)
    const quiet = await medianTimes(call('grids', { filter: 'quiet', townId: XIHU_TOWNS[0].id }), 5, 1)
    // What SQLite pays after a write: the district and every town computed, the rows written in one transaction.
    const kept2 = await medianTimes(() => refreshFigures(store, now, true), 3, 0)
    return [
      { read: 'stats.overview (grids)', size: grids, cpu: kept.cpu, bytes },
      { read: 'stats.overview recomputed (fresh, or after a write)', size: grids, cpu: recomputed.cpu, bytes },
      { read: 'stats.overview summary (kept)', size: grids, cpu: summary.cpu, bytes: summaryBytes },
      { read: 'stats.grids first page by score (kept)', size: grids, cpu: page.cpu, bytes: pageBytes },
      { read: 'stats.grids second page by score (kept)', size: grids, cpu: next.cpu, bytes: pageBytes },
      { read: 'stats.grids one town, quiet (kept)', size: grids, cpu: quiet.cpu, bytes: pageBytes },
      { read: 'kept figures recomputed and written (SQLite, after a write)', size: grids, cpu: kept2.cpu, bytes: 0 },
    ]
  } finally {
    store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Joins since the last fold in the cloud figure: a busy 10 minutes at the grid. */
const RECENT_JOINS = 20

interface CloudFigure {
  read: string
  size: number
  ops: number
  examined: number
  modelledMs: number
}

/**
 * The cloud adapter's `grids.get` (through the handler, on a warm instance) at a grid of N members on the
 * stand-in: its operations, the records the database examines (the stand-in's `examined`: what an aggregation's match
 * lets in) and the modelled time. Before: the grid never folded, as every grid was before the member-total
 * fold (an aggregation over all N members). After: folded, with RECENT_JOINS joins since. Also the fold run
 * that follows those joins (a background job: it recounts the grid, O(N) inside the database).
 */
async function measureCloudGridGet(n: number): Promise<CloudFigure[]> {
  const standIn = createWxDbStandIn()
  const now = new Date('2026-06-01T02:00:00.000Z')
  const store = createWxCloudStore(standIn.db)
  const grid = await store.grids.create(
    { name: '大网格', townId: XIHU_TOWNS[0].id, kind: 'community', base: { address: '阵地' } },
    now,
  )
  const earlier = new Date(now.getTime() - 400 * DAY)
  for (let m = 0; m < n; m++) await store.grids.addMember(grid.id, `o_gw_m${m}`, earlier)
  const figures: CloudFigure[] = []
  const get = async (read: string, action: 'get' | 'list' = 'get') => {
    const db = standIn.instance()
    const ctx: Ctx = {
      openid: 'o_gw_m0',
      store: createWxCloudStore(db),
      platform: createLocalPlatform(),
      config: { secret: SECRET, adminOpenids: [ADMIN], liveCodeSeconds: 30 },
      now: () => now,
    }
    const call = async () => {
      const data = action === 'get' ? { gridId: grid.id } : { townId: XIHU_TOWNS[0].id }
      const envelope = await dispatch(FUNCTIONS.grids, { action, data }, ctx)
      const answer = envelope.ok ? (envelope.data as { memberCount: number } | { memberCount: number }[]) : null
      const count = Array.isArray(answer) ? answer[0]?.memberCount : answer?.memberCount
      if (count === undefined || count < n) throw new Error(read)
    }
    // On a warm instance (the admins read, the last fold time seen): the second call is measured.
    await call()
    const before = { ops: db.ops, examined: db.examined, modelledMs: db.modelledMs }
    await call()
    figures.push({
      read,
      size: n,
      ops: db.ops - before.ops,
      examined: db.examined - before.examined,
      modelledMs: db.modelledMs - before.modelledMs,
    })
  }
  await get('cloud grids.get, never folded (before)')
  await get('cloud grids.list of its town, never folded (before)', 'list')
  await foldMemberTotals(standIn.db, now)
  for (let m = 0; m < RECENT_JOINS; m++) await store.grids.addMember(grid.id, `o_gw_new${m}`, now)
  await get(`cloud grids.get, folded, ${RECENT_JOINS} joins since (after)`)
  await get(`cloud grids.list of its town, folded, ${RECENT_JOINS} joins since (after)`, 'list')
  // The next run, through the window (the grid is not among the 5 audited), and the run of its audit turn.
  for (const [read, audit, minutes] of [
    ['cloud member-total fold, one grid with joins', 0, 15],
    ['cloud member-total fold, that grid audited (once a round of the district)', 5, 30],
  ] as const) {
    if (minutes === 30) await store.grids.addMember(grid.id, 'o_gw_late', new Date(now.getTime() + 16 * 60_000))
    const job = standIn.instance()
    await foldMemberTotals(job, new Date(now.getTime() + minutes * 60_000), { audit })
    figures.push({ read, size: n, ops: job.ops, examined: job.examined, modelledMs: job.modelledMs })
  }
  return figures
}

export async function cloudGrowthRows(): Promise<Row[]> {
  const sizes = (process.env.GROWTH_SIZES ?? '1000,10000,50000').split(',').map(Number)
  const figures: CloudFigure[] = []
  for (const n of sizes) figures.push(...(await measureCloudGridGet(n)))
  return figures.map((f): Row => {
    const base = figures.find((b) => b.read === f.read)!
    return {
      section: 'growth',
      name: `${f.read} at ${f.size.toLocaleString('en')} members: records examined vs the smallest size`,
      value: f.examined,
      unit: 'records',
      against: { name: `at ${base.size.toLocaleString('en')}`, value: base.examined },
      ratio: round(f.examined / base.examined, 2),
      note: `${f.ops} operations, ${round(f.modelledMs, 1)} ms modelled`,
    }
  })
}

/**
 * Issue 16, the cloud side over the stand-in database: the scheduled job's operations (its first run
 * writes every grid's record; a later run only the grids whose figures changed since that slot was
 * written), and the admin page's reads (the summary, a stats.grids page) against the full overview.
 */
export async function measureCloud(grids: number): Promise<Row[]> {
  const standIn = createWxDbStandIn({ seed: 11 })
  const store = createWxCloudStore(standIn.db)
  const now = new Date()
  await store.users.addAdmin(ADMIN)
  const ids: string[] = []
  for (let g = 0; g < grids; g++) {
    const town = XIHU_TOWNS[g % XIHU_TOWNS.length].id
    const grid = await store.grids.create(
      { name: `网格 ${g}`, townId: town, kind: 'community', base: { address: g % 3 ? `阵地 ${g}` : '' }, online: [] },
      new Date(now.getTime() - 90 * DAY),
    )
    ids.push(grid.id)
  }
  const scan = (i: number, k: number) =>
    store.checkins.record(
      {
        openid: `o_gw_c${i}`,
        requestId: `gw-${k}-${i}`,
        gridId: ids[i],
        summonId: null,
        method: 'poster',
        verifiedBy: ['poster'],
      },
      new Date(now.getTime() - (i % 40) * DAY),
      10,
    )
  for (let i = 0; i < grids; i += 2) await scan(i, 0)
  const ctx: Ctx = {
    openid: ADMIN,
    store,
    platform: createLocalPlatform(),
    config: { secret: SECRET, adminOpenids: [ADMIN], liveCodeSeconds: 30 },
    now: () => now,
  }
  const timed = async (fn: () => Promise<unknown>) => {
    const ops0 = standIn.db.ops
    const cpu0 = process.cpuUsage()
    const result = await fn()
    const cpu = process.cpuUsage(cpu0)
    return { ops: standIn.db.ops - ops0, cpu: (cpu.user + cpu.system) / 1000, result }
  }
  const first = await timed(() => takeStatsSnapshots(store, now))
  // The second run fills the other slot; then 10 grids see a check-in and the job runs twice more.
  await takeStatsSnapshots(store, now)
  for (let i = 0; i < 10; i++) await scan(i * 7, 1)
  await takeStatsSnapshots(store, now)
  const steady = await timed(() => takeStatsSnapshots(store, now))
  const call = (action: 'overview' | 'grids', data: object) => () => dispatch(FUNCTIONS.stats, { action, data }, ctx)
  await call('overview', {})() // the admin check cached, as on a warm instance
  const overview = await timed(call('overview', {}))
  const summary = await timed(call('overview', { summary: true }))
  const page = await timed(call('grids', { sort: 'score' }))
  const row = (name: string, m: { ops: number; cpu: number; result?: unknown }): Row => ({
    section: 'growth',
    name: `cloud ${name} at ${grids.toLocaleString('en')} grids: operations`,
    value: m.ops,
    unit: 'ops',
    note: `CPU ${round(m.cpu, 1)} ms${m.result && typeof m.result === 'object' ? `, ${Buffer.byteLength(JSON.stringify(m.result)).toLocaleString('en')} bytes` : ''}`,
  })
  return [
    row('stats snapshot job, first run (every record written)', first),
    row('stats snapshot job, 10 grids changed', { ops: steady.ops, cpu: steady.cpu }),
    row('stats.overview (every grid)', overview),
    row('stats.overview summary', summary),
    row('stats.grids page', page),
  ]
}

export async function growthRows(): Promise<Row[]> {
  const sizes = (process.env.GROWTH_SIZES ?? '1000,10000,50000').split(',').map(Number)
  await measureReads(200) // warms the code paths, so the first size is not measured cold
  const figures: Figure[] = []
  for (const n of sizes) figures.push(...(await measureReads(n)))
  const overviewSizes = (process.env.GROWTH_GRIDS ?? '200,2000,10000').split(',').map(Number)
  for (const g of overviewSizes) figures.push(...(await measureOverview(g)))
  const cloudSizes = (process.env.GROWTH_CLOUD_GRIDS ?? '200,2000,10000').split(',').filter(Boolean).map(Number)
  const cloud: Row[] = []
  for (const g of cloudSizes) cloud.push(...(await measureCloud(g)))
  cloud.push(...(await cloudGrowthRows()))
  return figures
    .map((f): Row => {
      const base = figures.find((b) => b.read === f.read)!
      return {
        section: 'growth',
        name: `${f.read} at ${f.size.toLocaleString('en')}: CPU vs the smallest size`,
        value: round(f.cpu, 3),
        unit: 'ms',
        against: { name: `at ${base.size.toLocaleString('en')}`, value: round(base.cpu, 3) },
        ratio: round(f.cpu / base.cpu, 2),
        note: f.bytes ? `${f.bytes.toLocaleString('en')} bytes (${round(f.bytes / base.bytes, 2)}×)` : 'no answer',
      }
    })
    .concat(cloud)
}
