/**
 * The kept figures on the cloud database under faults (issue 16): the scheduled job killed after, or at,
 * every one of its operations, then run again elsewhere; a transient error at each operation of the job and
 * of a `stats.grids` read. Whatever the kill, every page a reader gets in between is wholly one generation's
 * (it equals the same page of that generation's figures, named by its `asOf`), the summary is one
 * generation's, and the rerun leaves the new generation whole (each grid once, none removed still listed).
 */
import type { Ctx } from '../../cloud/core/context'
import { dispatch } from '../../cloud/core/dispatch'
import { gridKeys, pageOfGrids } from '../../cloud/domain/stats'
import { FUNCTIONS } from '../../cloud/functions'
import { refreshFigures, takeStatsSnapshots } from '../../cloud/jobs/snapshots'
import { createLocalPlatform } from '../../cloud/platform/local'
import type { Store } from '../../cloud/store/port'
import { createWxCloudStore } from '../../cloud/store/wxcloud'
import type { Envelope, GridStats, GridsFilter, GridsSort, ResOf } from '../../types'
import { aCheckIn, aGrid, aMember } from '../support/factories'
import { onWxCloud } from '../support/store'
import { createWxDbStandIn, type FaultPlan } from '../support/wxdb-standin'

const cloudOnly = onWxCloud() ? it : it.skip
const ADMIN = 'o_ff_admin'
const T1 = new Date()
const T2 = new Date(T1.getTime() + 10 * 60_000)

type GridsPage = ResOf<'stats.grids'>
type Req = { townId?: string; filter?: GridsFilter; sort?: GridsSort }

const READS: Req[] = [{}, { sort: 'score' }, { filter: 'quiet', sort: 'activity' }, { townId: 'beishan' }]

/**
 * 26 grids in two towns (more than a page), the job run at T1; then activity at some grids, a new grid and
 * a grid renamed, so the job at T2 has rows to write and one grid to add. Answers the figures of both times.
 */
async function world() {
  const standIn = createWxDbStandIn({ seed: 5 })
  const main = createWxCloudStore(standIn.db)
  await main.users.addAdmin(ADMIN)
  const member = (await aMember(main)).openid
  const grids = []
  for (let i = 0; i < 26; i++)
    grids.push(await aGrid(main, { name: `容错网格${String(i).padStart(2, '0')}`, townId: i % 3 ? 'xixi' : 'beishan' }))
  for (const g of grids.slice(0, 8)) await aCheckIn(main, member, g.id, 40 * 86_400_000)
  await takeStatsSnapshots(main, T1)
  const before = await refreshFigures(main, T1, false)
  for (const g of grids.slice(3, 12)) await aCheckIn(main, member, g.id, 60_000)
  await aGrid(main, { name: '容错新网格', townId: 'beishan' })
  await main.grids.update(grids[20].id, { name: '容错改名网格' }, T1)
  const after = await refreshFigures(main, T2, false)
  return {
    standIn,
    main,
    figures: new Map([
      [T1.toISOString(), before.grids],
      [T2.toISOString(), after.grids],
    ]),
  }
}

const callAs = async <T>(store: Store, action: 'grids' | 'overview', data: object): Promise<T> => {
  const ctx: Ctx = {
    openid: ADMIN,
    store,
    platform: createLocalPlatform(),
    config: { secret: 'ff-secret-0123456789', adminOpenids: [ADMIN], liveCodeSeconds: 30 },
    now: () => T2,
  }
  const envelope = (await dispatch(FUNCTIONS.stats, { action, data }, ctx)) as Envelope<T>
  if (!envelope.ok) throw new Error(JSON.stringify(envelope.error))
  return envelope.data
}

/** Reads every page of `req`; each must equal the same page of the generation its asOf names. */
async function expectWholePages(store: Store, figures: Map<string, GridStats[]>, req: Req): Promise<string[]> {
  const sort = req.sort ?? 'incompleteFirst'
  const seen: string[] = []
  let cursor: string | undefined
  let after: (string | number)[] | null = null
  do {
    const page: GridsPage = await callAs(store, 'grids', cursor ? { ...req, cursor } : req)
    const grids = figures.get(page.asOf)
    expect({ req, asOf: page.asOf, known: Boolean(grids) }).toEqual({ req, asOf: page.asOf, known: true })
    const expected = pageOfGrids(grids!, { ...req, filter: req.filter ?? 'all', sort, after, limit: 20 })
    expect({ req, items: page.items.map(({ rank: _r, ...g }) => g) }).toEqual({ req, items: expected.items })
    expect(Boolean(page.nextCursor)).toBe(expected.more)
    seen.push(...page.items.map((g) => g.gridId))
    const last = page.items[page.items.length - 1]
    if (last) after = gridKeys(last, sort)
    cursor = page.nextCursor
  } while (cursor)
  return seen
}

async function expectConsistent(store: Store, figures: Map<string, GridStats[]>) {
  for (const req of READS) await expectWholePages(store, figures, req)
  const summary = await callAs<ResOf<'stats.overview'>>(store, 'overview', { summary: true })
  expect(figures.get(summary.asOf)?.length).toBe(summary.totals.grids)
}

async function expectNewGeneration(store: Store, figures: Map<string, GridStats[]>) {
  const ids = await expectWholePages(store, figures, {})
  expect([...ids].sort()).toEqual(
    figures
      .get(T2.toISOString())!
      .map((g) => g.gridId)
      .sort(),
  )
  const page: GridsPage = await callAs(store, 'grids', {})
  expect(page.asOf).toBe(T2.toISOString())
  const summary = await callAs<ResOf<'stats.overview'>>(store, 'overview', { summary: true })
  expect({ asOf: summary.asOf, grids: summary.totals.grids }).toEqual({ asOf: T2.toISOString(), grids: 27 })
}

/** The job's operations on a fresh instance. */
async function jobOps(): Promise<number> {
  const w = await world()
  const probe = w.standIn.instance()
  await takeStatsSnapshots(createWxCloudStore(probe), T2)
  await expectNewGeneration(w.main, w.figures)
  return probe.ops
}

async function settle(p: Promise<unknown>, ms = 50): Promise<'hung' | 'done'> {
  let timer: NodeJS.Timeout | undefined
  const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), ms)))
  try {
    return await Promise.race([p.then(() => 'done' as const), hung])
  } finally {
    clearTimeout(timer)
  }
}

describe('kept figures on the cloud database under faults', () => {
  let n = 0
  beforeAll(async () => {
    if (onWxCloud()) n = await jobOps()
  }, 120_000)

  cloudOnly.each(['killAfter', 'killAt'] as const)(
    'the job %s every operation: readers get whole generations, a rerun completes the next',
    async (mode) => {
      expect(n).toBeGreaterThan(30)
      const [from, to] = mode === 'killAfter' ? [0, n - 1] : [1, n]
      // Every operation up to the flip and past it (a world per kill: the one before is left half-written).
      const ks = Array.from({ length: to - from + 1 }, (_, i) => from + i)
      for (const k of ks) {
        const w = await world()
        const plan: FaultPlan = { [mode]: k }
        expect(await settle(takeStatsSnapshots(createWxCloudStore(w.standIn.instance(plan)), T2))).toBe('hung')
        await expectConsistent(w.main, w.figures)
        await takeStatsSnapshots(createWxCloudStore(w.standIn.instance({ latencyMs: [0, 2] })), T2)
        await expectNewGeneration(w.main, w.figures)
      }
    },
    600_000,
  )

  cloudOnly(
    'a transient error at any operation of the job is retried: the generation is kept whole',
    async () => {
      for (let k = 1; k <= n; k++) {
        const w = await world()
        await takeStatsSnapshots(createWxCloudStore(w.standIn.instance({ failAt: [k] })), T2)
        await expectNewGeneration(w.main, w.figures)
      }
    },
    600_000,
  )

  cloudOnly('a transient error at any operation of a stats.grids read is retried', async () => {
    const w = await world()
    await takeStatsSnapshots(w.main, T2)
    for (let k = 1; k <= 3; k++) {
      const store = createWxCloudStore(w.standIn.instance({ failAt: [k] }))
      await expectWholePages(store, w.figures, { sort: 'score', townId: 'xixi' })
    }
  })
})
