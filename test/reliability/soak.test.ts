/**
 * Soak: SOAK_SECONDS (default 120) of mixed traffic from a few concurrent clients against the real
 * server (a child process): me, lists, details, sign-up/cancel, poster check-ins, plans and likes. The
 * server's resident memory (VmRSS) is read at the start (after a warm-up) and at the end. Fails on any
 * 5xx, any request without an answer, or a clear leak (more than SOAK_MAX_GROWTH_MB, default 100 MB).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ADMIN, call, freePort, login, must, pool, rssMb, sleep, startServer, type ChildServer } from './server'

const SOAK_SECONDS = Number(process.env.SOAK_SECONDS) || 120
const MAX_GROWTH_MB = Number(process.env.SOAK_MAX_GROWTH_MB) || 100
const WARMUP_SECONDS = Math.min(10, Math.max(2, Math.floor(SOAK_SECONDS / 10)))
const MEMBERS = 40
const CLIENTS = 8
/** A hard cap on requests, whatever the time limit. */
const MAX_REQUESTS = 2_000_000

jest.setTimeout((SOAK_SECONDS + 120) * 1000)

describe('soak', () => {
  let dataDir: string
  let server: ChildServer | null = null

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'erwei-soak-'))
    server = await startServer(dataDir, await freePort(), 'soak-server.log')
  })

  afterAll(async () => {
    await server?.stop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it(`serves ${SOAK_SECONDS} s of mixed traffic without 5xx or a memory leak`, async () => {
    const { baseUrl, pid } = server!
    const admin = await login(baseUrl, ADMIN)
    await must(baseUrl, admin, 'account.updateProfile', { name: '区团委', affiliation: 'league' })
    const grids: string[] = []
    const scenes: string[] = []
    for (let g = 0; g < 3; g++) {
      const grid = await must<{ id: string }>(baseUrl, admin, 'grids.create', {
        name: `浸泡网格${g + 1}`,
        townId: g ? 'beishan' : 'xixi',
        kind: 'community',
        base: { address: `浸泡路 ${g + 1} 号` },
      })
      grids.push(grid.id)
      scenes.push((await must<{ scene: string }>(baseUrl, admin, 'grids.posterCode', { gridId: grid.id })).scene)
    }
    const start = Date.now() + 86_400_000
    const summons: string[] = []
    for (const capacity of [5, 20, undefined]) {
      const summon = await must<{ id: string }>(baseUrl, admin, 'summons.publish', {
        gridId: grids[0],
        title: '浸泡测试召集令',
        body: '长时间混合请求',
        place: '测试地点',
        startAt: new Date(start).toISOString(),
        endAt: new Date(start + 7_200_000).toISOString(),
        ...(capacity ? { capacity } : {}),
      })
      summons.push(summon.id)
    }
    const plan = await must<{ id: string }>(baseUrl, admin, 'plans.publish', {
      gridId: grids[0],
      title: '浸泡测试方案',
      draft: '征集大家的建议',
    })
    const tokens: string[] = []
    await pool(
      Array.from({ length: MEMBERS }, (_, i) => i),
      8,
      async (m) => {
        tokens[m] = await login(baseUrl, `o_soak_${m}`)
        await must(baseUrl, tokens[m], 'account.updateProfile', { name: `青年${m}`, affiliation: 'league' })
      },
    )
    const idea = await must<{ id: string }>(baseUrl, tokens[0], 'plans.addIdea', { planId: plan.id, content: '第一条' })

    let sequence = 0
    const pick = <T>(list: T[]) => list[sequence % list.length]
    const mixes: ((m: number) => [string, unknown])[] = [
      () => ['account.me', {}],
      () => ['summons.list', {}],
      () => ['summons.get', { summonId: pick(summons) }],
      () => ['summons.signUp', { summonId: pick(summons) }],
      () => ['summons.cancel', { summonId: pick(summons) }],
      (m) => ['checkin.scan', { code: pick(scenes), requestId: `soak-${m}-${sequence}` }],
      () => ['grids.list', {}],
      () => ['grids.get', { gridId: pick(grids) }],
      () => ['plans.get', { planId: plan.id }],
      () => ['plans.addIdea', { planId: plan.id, content: `建议 ${sequence}` }],
      () => ['plans.likeIdea', { ideaId: idea.id, like: sequence % 2 === 0 }],
      () => ['checkin.mine', {}],
    ]
    const statuses = new Map<number, number>()
    const serverErrors: string[] = []
    const noAnswer: string[] = []
    let requests = 0
    let rssStart = 0
    let rssPeak = 0
    const began = Date.now()
    const end = began + SOAK_SECONDS * 1000
    const samples: number[] = []
    const sampler = setInterval(() => {
      const rss = rssMb(pid)
      samples.push(rss)
      rssPeak = Math.max(rssPeak, rss)
      if (!rssStart && Date.now() - began >= WARMUP_SECONDS * 1000) rssStart = rss
    }, 1000)
    try {
      await pool(
        Array.from({ length: CLIENTS }, (_, c) => c),
        CLIENTS,
        async (client) => {
          while (Date.now() < end && requests < MAX_REQUESTS) {
            const n = sequence++
            const member = (n * 13 + client) % MEMBERS
            const [name, data] = mixes[n % mixes.length](member)
            requests++
            try {
              const answer = await call(baseUrl, tokens[member], name, data)
              statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1)
              if (answer.status >= 500) serverErrors.push(`${name}: ${answer.status} ${answer.code}`)
            } catch (err) {
              noAnswer.push(`${name}: ${String(err)}`)
              if (noAnswer.length > 20) return
            }
          }
        },
      )
    } finally {
      clearInterval(sampler)
    }
    await sleep(500)
    const rssEnd = rssMb(pid)
    const seconds = (Date.now() - began) / 1000
    const growth = rssEnd - rssStart
    console.log(
      `soak: ${requests} requests in ${seconds.toFixed(0)} s (${(requests / seconds).toFixed(0)} req/s, ${CLIENTS} clients); ` +
        `statuses ${JSON.stringify(Object.fromEntries(statuses))}; RSS ${rssStart.toFixed(1)} MB after ${WARMUP_SECONDS} s warm-up → ` +
        `${rssEnd.toFixed(1)} MB at the end (growth ${growth.toFixed(1)} MB, peak ${rssPeak.toFixed(1)} MB); ` +
        `RSS at each quarter: ${[1, 2, 3, 4].map((q) => samples[Math.max(0, Math.floor((samples.length * q) / 4) - 1)]?.toFixed(1)).join(' → ')} MB`,
    )
    expect(serverErrors).toEqual([])
    expect(noAnswer).toEqual([])
    expect(rssStart).toBeGreaterThan(0)
    expect(growth).toBeLessThan(MAX_GROWTH_MB)
    expect(requests).toBeGreaterThan(SOAK_SECONDS) // it really served traffic, at least 1 req/s
  })
})
