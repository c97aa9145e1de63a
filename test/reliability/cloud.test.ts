/**
 * The crash and soak runs on the cloud adapter. There the database outlives the function instances, so a
 * crash is an instance that stops answering in the middle of a call (the stand-in's `killAfter`, as at the
 * platform's 3 s time-out) while the others go on; the client gives up on it and sends the same request
 * to another instance. In process: the stand-in of the cloud database with several instances, each with
 * latency, two of them killed mid-burst. Afterwards:
 * - every acknowledged write is there, and every re-sent request took effect once;
 * - the capacity is never exceeded, waitlist positions run 1..n, no free place while someone waits;
 * - the summon's counters equal its maps; one check-in per member and grid; memberships match them.
 * Then CLOUD_SOAK_SECONDS (default 20) of mixed traffic over four instances: no INTERNAL, no hung call,
 * and the heap does not keep growing.
 */
import type { Ctx } from '../../cloud/core/context'
import { dispatch } from '../../cloud/core/dispatch'
import { signPosterScene } from '../../cloud/domain/codes'
import { FUNCTIONS } from '../../cloud/functions'
import { createLocalPlatform } from '../../cloud/platform/local'
import type { Store } from '../../cloud/store/port'
import { createWxCloudStore } from '../../cloud/store/wxcloud'
import type { Envelope, FunctionName } from '../../types'
import { createWxDbStandIn, type FaultPlan, type StandIn } from '../support/wxdb-standin'

const SECRET = 'reliability-cloud-secret-01'
const ADMIN = 'o_relc_admin'
const NOW = new Date('2026-06-01T02:00:00.000Z')
const MEMBERS = 120
const GRIDS = 3
const CAPACITY = 25
/** Far above a healthy call even on a loaded machine; a killed instance never answers at all. */
const CLIENT_TIMEOUT_MS = 1500
const SOAK_SECONDS = Number(process.env.CLOUD_SOAK_SECONDS) || 20

interface Node {
  store: Store
  dead: boolean
}

function fleetOf(standIn: StandIn, plans: FaultPlan[]): Node[] {
  return plans.map((plan) => ({ store: createWxCloudStore(standIn.instance(plan)), dead: false }))
}

async function callOn<T>(node: Node, openid: string, name: string, data: unknown): Promise<Envelope<T> | 'hung'> {
  const platform = { ...createLocalPlatform(), codeImage: async () => undefined }
  const ctx: Ctx = {
    openid,
    store: node.store,
    platform,
    config: { secret: SECRET, adminOpenids: [ADMIN], liveCodeSeconds: 30 },
    now: () => NOW,
  }
  const [fn, action] = name.split('.') as [FunctionName, string]
  let timer: NodeJS.Timeout | undefined
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), CLIENT_TIMEOUT_MS)
  })
  try {
    return await Promise.race([dispatch(FUNCTIONS[fn], { action, data }, ctx) as Promise<Envelope<T>>, hung])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Sends a request to live instances in turn until one answers; an instance that hangs is given up and the
 * same request goes to the next. A re-sent cancel may find that its first attempt took effect before the
 * instance died (CONFLICT, 你还没有报名), as in the SQLite crash suite: that counts as done.
 */
async function send<T>(nodes: Node[], openid: string, name: string, data: unknown, turn: number): Promise<T> {
  let resent = false
  for (let attempt = 0; attempt < nodes.length * 2; attempt++) {
    const live = nodes.filter((n) => !n.dead)
    const node = live[(turn + attempt) % live.length]
    const answer = await callOn<T>(node, openid, name, data)
    if (answer === 'hung') {
      node.dead = true
      resent = true
      continue
    }
    if (!answer.ok && resent && name === 'summons.cancel' && answer.error.code === 'CONFLICT') return {} as T
    if (!answer.ok) throw new Error(`${name} by ${openid}: ${JSON.stringify(answer.error)}`)
    return answer.data
  }
  throw new Error(`${name} by ${openid}: no instance answered`)
}

async function seed(standIn: StandIn) {
  const [node] = fleetOf(standIn, [{}])
  const must = <T>(openid: string, name: string, data: unknown) => send<T>([node], openid, name, data, 0)
  await must(ADMIN, 'account.updateProfile', { name: '区团委', affiliation: 'league' })
  const gridIds: string[] = []
  for (let g = 0; g < GRIDS; g++) {
    const grid = await must<{ id: string }>(ADMIN, 'grids.create', {
      name: `云端可靠性网格${g + 1}`,
      townId: g ? 'beishan' : 'xixi',
      kind: 'community',
      base: { address: `可靠路 ${g + 1} 号` },
    })
    gridIds.push(grid.id)
  }
  const summon = await must<{ id: string }>(ADMIN, 'summons.publish', {
    gridId: gridIds[0],
    title: '云端可靠性召集令',
    body: '',
    place: '测试地点',
    startAt: new Date(NOW.getTime() + 3 * 3_600_000).toISOString(),
    endAt: new Date(NOW.getTime() + 5 * 3_600_000).toISOString(),
    capacity: CAPACITY,
  })
  const openids = Array.from({ length: MEMBERS }, (_, m) => `o_relc_m${m}`)
  for (const openid of openids) await must(openid, 'account.updateProfile', { name: '可靠青年', affiliation: 'none' })
  return { gridIds, summonId: summon.id, openids, must }
}

/**
 * The live heap: after a full collection where the run exposes it (`npm run test:reliability` runs jest
 * with `--expose-gc`), so the figure is what is kept, not where the collector happened to be.
 */
function liveHeapMb(): number {
  ;(globalThis as { gc?: () => void }).gc?.()
  return process.memoryUsage().heapUsed / 2 ** 20
}

describe('the cloud adapter with instances killed mid-burst', () => {
  it('keeps every acknowledged write and every invariant', async () => {
    const standIn = createWxDbStandIn({ seed: 11 })
    const { gridIds, summonId, openids, must } = await seed(standIn)
    const latency: [number, number] = [0, 3]
    // Six instances; two of them stop answering part-way through the burst.
    const nodes = fleetOf(standIn, [
      { latencyMs: latency },
      { latencyMs: latency, killAfter: 60 },
      { latencyMs: latency },
      { latencyMs: latency, killAfter: 200 },
      { latencyMs: latency },
      { latencyMs: latency },
    ])
    const scans = new Map<string, string>()
    const cancelled = new Set<string>()
    let turn = 0
    await Promise.all(
      openids.map(async (openid, m) => {
        await send(nodes, openid, 'summons.signUp', { summonId }, turn++)
        for (let g = 0; g < GRIDS; g++) {
          const requestId = `relc-${m}-${g}-scan`
          const answer = await send<{ checkIn: { id: string } }>(
            nodes,
            openid,
            'checkin.scan',
            { code: signPosterScene(gridIds[g], SECRET), requestId },
            turn++,
          )
          scans.set(`${openid}/${g}`, answer.checkIn.id)
          if (g === 0 && m % 6 === 0) {
            await send(nodes, openid, 'summons.cancel', { summonId }, turn++)
            cancelled.add(openid)
          }
        }
      }),
    )
    // The two killed instances were given up (a slow healthy one may have been too: its requests moved on).
    expect([nodes[1].dead, nodes[3].dead]).toEqual([true, true])

    // Every acknowledged check-in is stored, once per member and grid.
    const checkins = standIn.dump('checkins')
    expect(checkins).toHaveLength(MEMBERS * GRIDS)
    expect(new Set(checkins.map((c) => c._id))).toEqual(new Set(scans.values()))
    expect(standIn.dump('grid_members')).toHaveLength(MEMBERS * GRIDS)
    // The summon: counters equal maps, capacity, FIFO, cancellations kept.
    const record = standIn.dump('summons').find((d) => d._id === summonId)!
    const seats = Object.keys(record.seats as object)
    const waiting = Object.keys(record.waiting as object)
    expect(record.confirmed).toBe(seats.length)
    expect(record.waitlisted).toBe(waiting.length)
    expect(seats.length).toBe(CAPACITY)
    expect(seats.length + waiting.length).toBe(MEMBERS - cancelled.size)
    const roster = await must<{ items: { openid: string; status: string; position?: number }[] }>(
      ADMIN,
      'summons.roster',
      { summonId },
    )
    const positions = roster.items.filter((e) => e.status === 'waitlisted').map((e) => e.position)
    expect(positions).toEqual(Array.from({ length: waiting.length }, (_, i) => i + 1))
    for (const openid of cancelled) expect(roster.items.find((e) => e.openid === openid)?.status).toBe('cancelled')
  })

  it(`serves ${SOAK_SECONDS} s of mixed traffic over four instances without an error or a growing heap`, async () => {
    const standIn = createWxDbStandIn({ seed: 12 })
    const { gridIds, summonId, openids } = await seed(standIn)
    const nodes = fleetOf(
      standIn,
      Array.from({ length: 4 }, () => ({ latencyMs: [0, 2] as [number, number] })),
    )
    const began = Date.now()
    const heap: number[] = []
    let requests = 0
    let turn = 0
    const client = async (c: number) => {
      for (let i = 0; Date.now() - began < SOAK_SECONDS * 1000 && i < 200_000; i++) {
        const openid = openids[(c * 31 + i) % openids.length]
        const pick = i % 6
        if (pick === 0) await send(nodes, openid, 'summons.signUp', { summonId }, turn++)
        else if (pick === 1) await send(nodes, openid, 'summons.cancel', { summonId }, turn++).catch(() => undefined)
        else if (pick === 2)
          await send(
            nodes,
            openid,
            'checkin.scan',
            {
              code: signPosterScene(gridIds[i % GRIDS], SECRET),
              requestId: `soak-${c}-${i}`,
            },
            turn++,
          )
        else if (pick === 3) await send(nodes, openid, 'summons.get', { summonId }, turn++)
        else if (pick === 4) await send(nodes, openid, 'summons.list', {}, turn++)
        else await send(nodes, openid, 'account.me', {}, turn++)
        requests++
        if (requests % 500 === 0) heap.push(liveHeapMb())
      }
    }
    await Promise.all(Array.from({ length: 8 }, (_, c) => client(c)))
    expect(nodes.some((n) => n.dead)).toBe(false)
    expect(requests).toBeGreaterThan(1000)
    // No clear leak: the last quarter's heap is within 100 MB of the first quarter's.
    const quarter = Math.max(1, Math.floor(heap.length / 4))
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
    expect(mean(heap.slice(-quarter)) - mean(heap.slice(0, quarter))).toBeLessThan(100)
    console.log(
      `cloud soak: ${requests} requests in ${SOAK_SECONDS} s, heap ${heap.map((h) => h.toFixed(0)).join(' ')} MB`,
    )
  })
})
