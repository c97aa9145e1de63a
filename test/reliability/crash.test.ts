/**
 * Crash safety of the local server: a burst of sign-ups (one summon with a capacity), cancellations and
 * poster check-ins with unique request ids; the server is killed with SIGKILL in the middle of the burst
 * (twice), restarted on the same data each time, and then:
 * - every acknowledged write (a 200 answer received before the kill) is there;
 * - every request that was in flight is sent again with the same request id and takes effect exactly once;
 * - requests never sent left nothing behind;
 * - the capacity is never exceeded, waitlist positions run 1..n, counters equal the rows they count;
 * - SQLite's integrity_check is ok and foreign_key_check is empty.
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ADMIN, call, freePort, login, must, pool, startServer, type Answer, type ChildServer } from './server'

const MEMBERS = 120
const GRIDS = 3
const CAPACITY = 25
const CLIENTS = 48
/** The server is killed when this share of all requests has been acknowledged (one kill per entry). */
const KILL_AT = [0.3, 0.65]

type Kind = 'signUp' | 'cancel' | 'scan'
type State = 'unsent' | 'inflight' | 'acked'

interface Req {
  member: number
  kind: Kind
  grid?: number
  requestId?: string
  state: State
  /** The data of the acknowledged answer (or of the answer to the re-sent request). */
  answer?: unknown
  /** After a restart: whether the re-sent in-flight request found its first attempt committed. */
  committedBeforeKill?: boolean
}

interface ScanData {
  checkIn: { id: string; gridId: string }
  duplicate: boolean
}

interface SummonDetail {
  counts: { confirmed: number; waitlisted: number }
  mine?: { status: 'confirmed' | 'waitlisted' | 'cancelled'; position?: number }
}

/** Each member's requests, sent in order: sign up, scan the posters; every sixth member also cancels. */
function chainOf(member: number): Req[] {
  const scan = (grid: number): Req => ({
    member,
    kind: 'scan',
    grid,
    requestId: `rel-${member}-${grid}-${(member * 7919 + grid).toString(36)}`,
    state: 'unsent',
  })
  const chain: Req[] = [{ member, kind: 'signUp', state: 'unsent' }, scan(0)]
  if (member % 6 === 0) chain.push({ member, kind: 'cancel', state: 'unsent' })
  for (let g = 1; g < GRIDS; g++) chain.push(scan(g))
  return chain
}

describe('a server killed with SIGKILL mid-burst', () => {
  let dataDir: string
  let port: number
  let server: ChildServer | null = null
  let adminToken: string
  const tokens: string[] = []
  const gridIds: string[] = []
  const scenes: string[] = []
  let summonId: string
  const openidOf = (member: number) => `o_rel_m${member}`

  const body = (req: Req): [string, unknown] => {
    if (req.kind === 'scan') return ['checkin.scan', { code: scenes[req.grid!], requestId: req.requestId }]
    return [`summons.${req.kind}`, { summonId }]
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'erwei-reliability-'))
    port = await freePort()
    server = await startServer(dataDir, port, 'crash-server.log')
    const { baseUrl } = server
    adminToken = await login(baseUrl, ADMIN)
    await must(baseUrl, adminToken, 'account.updateProfile', { name: '区团委', affiliation: 'league' })
    for (let g = 0; g < GRIDS; g++) {
      const grid = await must<{ id: string }>(baseUrl, adminToken, 'grids.create', {
        name: `可靠性网格${g + 1}`,
        townId: 'xixi',
        kind: 'building',
        base: { address: `测试路 ${g + 1} 号` },
      })
      gridIds.push(grid.id)
      scenes.push((await must<{ scene: string }>(baseUrl, adminToken, 'grids.posterCode', { gridId: grid.id })).scene)
    }
    const start = Date.now() + 86_400_000
    const summon = await must<{ id: string }>(baseUrl, adminToken, 'summons.publish', {
      gridId: gridIds[0],
      title: '可靠性测试召集令',
      body: '',
      place: '测试地点',
      startAt: new Date(start).toISOString(),
      endAt: new Date(start + 7_200_000).toISOString(),
      capacity: CAPACITY,
    })
    summonId = summon.id
    await pool(
      Array.from({ length: MEMBERS }, (_, i) => i),
      16,
      async (member) => {
        tokens[member] = await login(baseUrl, openidOf(member))
        await must(baseUrl, tokens[member], 'account.updateProfile', { name: `青年${member}`, affiliation: 'league' })
      },
    )
  })

  afterAll(async () => {
    await server?.stop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it('keeps every acknowledged write, doubles nothing and stays consistent', async () => {
    const chains = Array.from({ length: MEMBERS }, (_, m) => chainOf(m))
    const all = chains.flat()
    const refused: string[] = []
    const resent: { req: Req; answer: Answer }[] = []
    const started = Date.now()

    for (const [round, share] of KILL_AT.entries()) {
      const live = server!
      const killAfter = Math.floor(all.length * share)
      let killed = false
      await pool(chains, CLIENTS, async (chain) => {
        for (const req of chain) {
          if (killed) return
          if (req.state !== 'unsent') continue
          req.state = 'inflight'
          const [name, data] = body(req)
          let answer: Answer
          try {
            answer = await call(live.baseUrl, tokens[req.member], name, data)
          } catch {
            return // no answer: the request stays in flight, and so does the rest of this member's chain
          }
          if (!answer.ok) {
            refused.push(`${name} of member ${req.member}: ${answer.status} ${answer.code}`)
            return
          }
          req.state = 'acked'
          req.answer = answer.data
          if (!killed && all.filter((r) => r.state === 'acked').length >= killAfter) {
            killed = true
            live.kill9()
          }
        }
      })
      expect(killed).toBe(true)
      await live.exited
      server = await startServer(dataDir, port, 'crash-server.log')
      // Every request that was in flight is sent again, with the same request id where it has one.
      for (const req of all.filter((r) => r.state === 'inflight')) {
        const [name, data] = body(req)
        const answer = await call(server.baseUrl, tokens[req.member], name, data)
        resent.push({ req, answer })
        if (req.kind === 'cancel' && answer.code === 'CONFLICT') {
          req.committedBeforeKill = true // the first attempt cancelled already
        } else {
          expect(answer).toMatchObject({ status: 200, ok: true })
          if (req.kind === 'scan') req.committedBeforeKill = (answer.data as ScanData).duplicate
        }
        req.state = 'acked'
        req.answer = answer.data
      }
      console.log(
        `crash round ${round + 1}: killed after ${killAfter} acknowledged writes; ` +
          `${resent.filter((r) => r.req.committedBeforeKill !== undefined).length} re-sent so far`,
      )
    }
    expect(refused).toEqual([])

    const baseUrl = server!.baseUrl
    // An acknowledged check-in answers again as a duplicate of itself.
    for (const req of all.filter((r) => r.kind === 'scan' && r.state === 'acked')) {
      const [name, data] = body(req)
      const again = await must<ScanData>(baseUrl, tokens[req.member], name, data)
      expect(again.duplicate).toBe(true)
      expect(again.checkIn.id).toBe((req.answer as ScanData).checkIn.id)
    }
    // Each member's sign-up as the server tells it, against what it acknowledged.
    const details: SummonDetail[] = []
    for (let member = 0; member < MEMBERS; member++) {
      const detail = await must<SummonDetail>(baseUrl, tokens[member], 'summons.get', { summonId })
      details.push(detail)
      const signUp = chains[member].find((r) => r.kind === 'signUp')!
      const cancel = chains[member].find((r) => r.kind === 'cancel')
      if (signUp.state === 'unsent') {
        expect(detail.mine).toBeUndefined()
      } else if (cancel?.state === 'acked') {
        expect(detail.mine?.status).toBe('cancelled')
      } else if ((signUp.answer as { status: string }).status === 'confirmed') {
        expect(detail.mine?.status).toBe('confirmed')
      } else {
        expect(['waitlisted', 'confirmed']).toContain(detail.mine?.status)
      }
    }
    const counts = details[details.length - 1].counts
    expect(counts.confirmed).toBeLessThanOrEqual(CAPACITY)
    const positions = details
      .map((d) => d.mine?.position)
      .filter((p): p is number => p !== undefined)
      .sort((a, b) => a - b)
    expect(positions).toEqual(Array.from({ length: counts.waitlisted }, (_, i) => i + 1))
    expect(details.filter((d) => d.mine?.status === 'confirmed')).toHaveLength(counts.confirmed)

    await server!.stop()
    server = null
    const db = new Database(join(dataDir, 'erwei.sqlite'), { readonly: true })
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(db.pragma('foreign_key_check')).toEqual([])
      const summon = db.prepare('SELECT confirmed, waitlisted, capacity FROM summons WHERE id = ?').get(summonId) as {
        confirmed: number
        waitlisted: number
        capacity: number
      }
      const rows = db.prepare('SELECT openid, status, wait_seq FROM signups WHERE summon_id = ?').all(summonId) as {
        openid: string
        status: string
        wait_seq: number | null
      }[]
      const waiting = rows.filter((r) => r.status === 'waitlisted')
      expect(summon.confirmed).toBe(rows.filter((r) => r.status === 'confirmed').length)
      expect(summon.waitlisted).toBe(waiting.length)
      expect(summon.confirmed).toBeLessThanOrEqual(CAPACITY)
      if (waiting.length > 0) expect(summon.confirmed).toBe(CAPACITY) // no free place while someone waits
      expect(new Set(waiting.map((r) => r.wait_seq)).size).toBe(waiting.length)
      expect(waiting.every((r) => r.wait_seq !== null)).toBe(true)
      expect(rows.filter((r) => r.status !== 'waitlisted').every((r) => r.wait_seq === null)).toBe(true)

      const checkIns = db.prepare('SELECT id, openid, request_id, grid_id, first_report FROM checkins').all() as {
        id: string
        openid: string
        request_id: string
        grid_id: string
        first_report: number
      }[]
      const byRequest = new Map(checkIns.map((c) => [`${c.openid}|${c.request_id}`, c]))
      for (const req of all.filter((r) => r.kind === 'scan')) {
        const row = byRequest.get(`${openidOf(req.member)}|${req.requestId}`)
        if (req.state === 'unsent') {
          expect(row).toBeUndefined()
          continue
        }
        expect(row?.id).toBe((req.answer as ScanData).checkIn.id)
        expect(row?.grid_id).toBe(gridIds[req.grid!])
      }
      const perTarget = new Map<string, number>()
      for (const c of checkIns)
        perTarget.set(`${c.openid}|${c.grid_id}`, (perTarget.get(`${c.openid}|${c.grid_id}`) ?? 0) + 1)
      expect([...perTarget.values()].every((n) => n === 1)).toBe(true)
      // Members join a grid only by their first poster check-in there: one membership per first report.
      for (const gridId of gridIds) {
        const members = (
          db.prepare('SELECT count(*) AS n FROM grid_members WHERE grid_id = ?').get(gridId) as { n: number }
        ).n
        expect(members).toBe(checkIns.filter((c) => c.grid_id === gridId && c.first_report === 1).length)
        expect(members).toBe(checkIns.filter((c) => c.grid_id === gridId).length)
      }

      const acked = all.filter((r) => r.state === 'acked')
      console.log(
        [
          `crash suite: ${all.length} requests, ${KILL_AT.length} kills, ${acked.length - resent.length} acknowledged before a kill,`,
          `${resent.length} in flight and re-sent (${resent.filter((r) => r.req.committedBeforeKill).length} had committed before the kill,`,
          `${resent.filter((r) => r.req.committedBeforeKill === false).length} took effect on the re-send), ${all.length - acked.length} never sent;`,
          `${checkIns.length} check-ins, sign-ups ${summon.confirmed} confirmed / ${summon.waitlisted} waitlisted / capacity ${summon.capacity};`,
          `integrity ok, foreign keys ok; ${((Date.now() - started) / 1000).toFixed(1)} s`,
        ].join(' '),
      )
    } finally {
      db.close()
    }
  })
})
