/**
 * HTTP throughput of the real local server (a child process on 127.0.0.1, temp DATA_DIR, SEED=0):
 * check-in (poster scans, every request a new member × grid pair, so every one writes) and sign-up, with
 * 100 and 200 concurrent clients, beside a bare node:http JSON endpoint measured in the same run; and a
 * contended sign-up (one summon with capacity 100) against an uncontended one (a summon per request).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { signPosterScene } from '../cloud/domain/codes'
import { loadSecret } from '../cloud/server/config'
import { issueToken } from '../cloud/server/tokens'
import { createSqliteStore } from '../cloud/store/sqlite'
import { load, median, ratioOf, round, startChild, type LoadResult, type Row } from './lib'

const MEMBERS = 2000
const GRIDS = 200
const OPEN_SUMMONS = 60
/** Requests per series (issue 16: at least 5,000, so a p99 stands on 50 answers). */
const REQUESTS = Number(process.env.BENCH_HTTP_REQUESTS) || 5000
const CONTENDED_REQUESTS = 600
const RUNS = 3
/** A series stops at this many seconds even short of its requests (its count is in the row's note). */
const MAX_SECONDS = 60
/** `BENCH_HTTP_CLIENTS=100,200` adds the 200-client runs. */
const CLIENTS = (process.env.BENCH_HTTP_CLIENTS ?? '100').split(',').map(Number)
/** `BENCH_HTTP_ONLY=checkin` (or `signup`): that series and the bare one only, no contended run (profiling). */
const ONLY = process.env.BENCH_HTTP_ONLY
const NOW = new Date()
const DAY = 86_400_000

interface World {
  dir: string
  tokens: string[]
  scenes: string[]
  openSummons: string[]
  /** One capacity-100 summon per contended run (warm-up included). */
  contended: string[]
  /** CONTENDED_REQUESTS summons of capacity 100 per uncontended run. */
  spread: string[][]
}

async function seed(): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'erwei-bench-http-'))
  const secret = loadSecret(dir)
  const store = createSqliteStore(join(dir, 'erwei.sqlite'))
  store.db.exec('BEGIN')
  const openids = Array.from({ length: MEMBERS }, (_, i) => `o_bench_${i}`)
  for (const openid of openids) await store.users.saveProfile(openid, { name: '压测青年', affiliation: 'league' }, NOW)
  const scenes: string[] = []
  for (let g = 0; g < GRIDS; g++) {
    const grid = await store.grids.create(
      { name: `压测网格 ${g}`, townId: 'xixi', kind: 'building', base: { address: `压测路 ${g} 号` } },
      NOW,
    )
    scenes.push(signPosterScene(grid.id, secret))
  }
  const summon = async (capacity: number | null) =>
    (
      await store.summons.create(
        {
          gridId: null,
          title: '压测召集令',
          body: '',
          place: '压测地点',
          startAt: new Date(NOW.getTime() + 30 * DAY).toISOString(),
          endAt: new Date(NOW.getTime() + 30 * DAY + 7_200_000).toISOString(),
          signUpDeadline: null,
          capacity,
          tags: [],
          hours: 2,
          planId: null,
          publishedBy: 'o_bench_admin',
        },
        NOW,
      )
    ).id
  const many = async (n: number, capacity: number | null) => {
    const ids: string[] = []
    for (let i = 0; i < n; i++) ids.push(await summon(capacity))
    return ids
  }
  const world: World = {
    dir,
    tokens: openids.map((o) => issueToken(o, secret)),
    scenes,
    openSummons: await many(OPEN_SUMMONS, null),
    contended: await many(RUNS + 1, 100),
    spread: [],
  }
  for (let r = 0; r <= RUNS; r++) world.spread.push(await many(CONTENDED_REQUESTS, 100))
  store.db.exec('COMMIT')
  store.close()
  return world
}

const api = (action: string, data: unknown) => JSON.stringify({ action, data })

interface Series {
  name: string
  port: () => number
  path: string
  /** The body of request i of round r (round 0 is the warm-up). */
  bodyOf: (i: number, r: number) => { body: string; token?: string }
  maxRequests: number
}

/** Runs each series once per round (interleaved, so a noisy neighbour hits all alike); median per series. */
/** CPU milliseconds (user + system) a process has used so far, from /proc (Linux). */
function cpuMsOf(pid: number | undefined): number {
  if (!pid) return NaN
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // utime + stime, in clock ticks of 10 ms
  } catch {
    return NaN
  }
}

type Measured = LoadResult & { cpuPerRequest: number }

async function rounds(
  series: Series[],
  clients: number,
  pids: Record<string, number | undefined> = {},
): Promise<Record<string, Measured>> {
  const results: Record<string, Measured[]> = Object.fromEntries(series.map((s) => [s.name, []]))
  for (let pass = 0; pass <= RUNS; pass++) {
    for (const s of series) {
      const cpu0 = cpuMsOf(pids[s.name])
      const result = await load({
        port: s.port(),
        path: s.path,
        clients,
        bodyOf: (i) => s.bodyOf(i, pass),
        maxRequests: s.maxRequests,
        maxSeconds: MAX_SECONDS,
      })
      if (result.failed) throw new Error(`${s.name}: ${result.failed} of ${result.requests} requests failed`)
      const cpuPerRequest = (cpuMsOf(pids[s.name]) - cpu0) / result.requests
      if (pass > 0) results[s.name].push({ ...result, cpuPerRequest }) // round 0 is the warm-up
    }
  }
  return Object.fromEntries(
    Object.entries(results).map(([name, list]) => [
      name,
      {
        ...list[0],
        perSecond: median(list.map((r) => r.perSecond)),
        p50: median(list.map((r) => r.p50)),
        p99: median(list.map((r) => r.p99)),
        cpuPerRequest: median(list.map((r) => r.cpuPerRequest)),
      },
    ]),
  )
}

export async function httpRows(logDir: string): Promise<Row[]> {
  const world = await seed()
  const app = await startChild(
    'cloud/server/main.ts',
    { DATA_DIR: world.dir, SEED: '0', DEV_LOGIN: '0', STATIC_DIR: join(world.dir, 'h5') },
    join(logDir, 'bench-server.log'),
  )
  const bare = await startChild('bench/bare-server.ts', {}, join(logDir, 'bench-bare.log'))
  const rows: Row[] = []
  try {
    let checkIns = 0
    let signUps = 0
    const checkIn = (): { body: string; token: string } => {
      const k = checkIns++
      const member = k % MEMBERS
      const grid = Math.floor(k / MEMBERS) % GRIDS
      return {
        body: api('scan', { code: world.scenes[grid], requestId: `bench-${k}-${member}` }),
        token: world.tokens[member],
      }
    }
    const signUp = (): { body: string; token: string } => {
      const k = signUps++
      const summon = world.openSummons[Math.floor(k / MEMBERS) % OPEN_SUMMONS]
      return { body: api('signUp', { summonId: summon }), token: world.tokens[k % MEMBERS] }
    }
    const bareBody = () => ({ body: api('scan', { code: 'P.bare.request', requestId: 'bench-bare-0' }) })
    for (const clients of CLIENTS) {
      const r = await rounds(
        [
          { name: 'bare', port: () => bare.port, path: '/api/checkin', bodyOf: bareBody, maxRequests: REQUESTS },
          { name: 'checkin', port: () => app.port, path: '/api/checkin', bodyOf: checkIn, maxRequests: REQUESTS },
          { name: 'signup', port: () => app.port, path: '/api/summons', bodyOf: signUp, maxRequests: REQUESTS },
        ].filter((s) => !ONLY || s.name === 'bare' || s.name === ONLY),
        clients,
        { bare: bare.pid, checkin: app.pid, signup: app.pid },
      )
      for (const [key, label] of [
        ['checkin', 'check-in (poster scan, a write each)'],
        ['signup', 'sign-up (confirmed, no capacity)'],
      ] as const) {
        if (!r[key]) continue
        rows.push({
          section: 'http',
          name: `${label}, ${clients} clients: server CPU per request vs bare`,
          value: round(r[key].cpuPerRequest, 3),
          unit: 'ms',
          against: { name: 'bare CPU per request', value: round(r.bare.cpuPerRequest, 3) },
          ratio: ratioOf(r[key].cpuPerRequest, r.bare.cpuPerRequest),
          note: 'user + system time of the server process over the series (steadier than req/s on a loaded machine)',
        })
        rows.push({
          section: 'http',
          name: `${label}, ${clients} clients: req/s vs bare node:http`,
          value: round(r[key].perSecond, 0),
          unit: 'req/s',
          against: { name: 'bare node:http', value: round(r.bare.perSecond, 0) },
          ratio: ratioOf(r[key].perSecond, r.bare.perSecond),
          note: `median of ${RUNS} series of ${r[key].requests} requests (bare ${r.bare.requests})`,
        })
        rows.push({
          section: 'http',
          name: `${label}, ${clients} clients: p99 latency vs bare`,
          value: round(r[key].p99, 1),
          unit: 'ms',
          against: { name: 'bare p99', value: round(r.bare.p99, 1) },
          ratio: ratioOf(r[key].p99, r.bare.p99),
          note: `p50 ${round(r[key].p50, 1)} ms vs bare ${round(r.bare.p50, 1)} ms`,
        })
      }
    }
    if (ONLY) return rows
    const contended = await rounds(
      [
        {
          name: 'contended',
          port: () => app.port,
          path: '/api/summons',
          bodyOf: (i, r) => ({ body: api('signUp', { summonId: world.contended[r] }), token: world.tokens[i] }),
          maxRequests: CONTENDED_REQUESTS,
        },
        {
          name: 'uncontended',
          port: () => app.port,
          path: '/api/summons',
          bodyOf: (i, r) => ({ body: api('signUp', { summonId: world.spread[r][i] }), token: world.tokens[i] }),
          maxRequests: CONTENDED_REQUESTS,
        },
      ],
      100,
    )
    rows.push({
      section: 'http',
      name: 'sign-up, one summon of capacity 100 (500 waitlisted) vs a summon each, 100 clients: req/s',
      value: round(contended.contended.perSecond, 0),
      unit: 'req/s',
      against: { name: 'uncontended', value: round(contended.uncontended.perSecond, 0) },
      ratio: ratioOf(contended.contended.perSecond, contended.uncontended.perSecond),
      note: `p99 ${round(contended.contended.p99, 1)} vs ${round(contended.uncontended.p99, 1)} ms`,
    })
  } finally {
    await Promise.all([app.stop(), bare.stop()])
    rmSync(world.dir, { recursive: true, force: true })
  }
  return rows
}
