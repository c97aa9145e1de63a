/**
 * 网格一张图 under random activity (issue 16): the same seeded sequence of writes — poster and live scans
 * (walk-ins among them), sign-ups, cancellations, summons published and withdrawn, ideas written and
 * answered, grids created, edited and given leaders, the clock moving on by seconds to minutes — is applied
 * to BOTH adapters (real SQLite and the cloud adapter over the stand-in). After each step:
 * - SQLite's answer (a kept snapshot while nothing it counts changed) equals a full recomputation at its
 *   `asOf`; a write the snapshot missed would show here as a stale figure;
 * - every few steps the two adapters' fresh figures agree, grid by grid (ids differ; names do not);
 * - (stats.grids, issue 16) each page SQLite answers equals the same page of a full recomputation at its
 *   `asOf` (`pageOfGrids` over it, after the previous page's last row), in a random order and filter, and
 *   the summary's totals and towns equal the recomputation's; every few steps the cloud's job keeps the
 *   figures and every page of every order the cloud answers equals the same page of its own recomputation.
 */
import type { Ctx } from '../../cloud/core/context'
import { dispatch } from '../../cloud/core/dispatch'
import { FUNCTIONS } from '../../cloud/functions'
import { createLocalPlatform } from '../../cloud/platform/local'
import type { Store } from '../../cloud/store/port'
import { createSqliteStore } from '../../cloud/store/sqlite'
import { createWxCloudStore } from '../../cloud/store/wxcloud'
import type { Envelope, GridInput, ResOf } from '../../types'
import { createWxDbStandIn } from '../support/wxdb-standin'
import { gridKeys, pageOfGrids, townStatsOf } from '../../cloud/domain/stats'
import { takeStatsSnapshots } from '../../cloud/jobs/snapshots'

type Overview = ResOf<'stats.overview'>
type GridsPage = ResOf<'stats.grids'>
type GridsReq = {
  townId?: string
  filter?: 'all' | 'incomplete' | 'quiet'
  sort?: 'incompleteFirst' | 'score' | 'activity'
}

const ADMIN = 'o_eq_admin'
const START = new Date('2026-06-01T02:00:00.000Z')
const MINUTE = 60_000
const DAY = 86_400_000
const TOWNS = ['xixi', 'beishan', 'lingyin']
const PEOPLE = Array.from({ length: 12 }, (_, i) => `o_eq_m${i}`)

function prng(seed: number) {
  let s = seed
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31
    return Math.floor((s / 2 ** 31) * n) // the high bits: an LCG's low bits repeat
  }
}

interface World {
  store: Store
  grids: string[]
  summons: string[]
  ideas: string[]
  plans: string[]
}

/** Pages answered from figures kept earlier (not computed for that very request). */
let keptPages = 0

const ctxOf = (w: World, now: Date): Ctx => ({
  openid: ADMIN,
  store: w.store,
  platform: createLocalPlatform(),
  config: { secret: 'eq-secret-0123456789', adminOpenids: [ADMIN], liveCodeSeconds: 30 },
  now: () => now,
})

const gridsOf = async (w: World, now: Date, data: GridsReq & { cursor?: string }): Promise<GridsPage> => {
  const envelope = (await dispatch(FUNCTIONS.stats, { action: 'grids', data }, ctxOf(w, now))) as Envelope<GridsPage>
  if (!envelope.ok) throw new Error(JSON.stringify(envelope.error))
  return envelope.data
}

/**
 * Walks every page of `req` and checks each against the same page of a full recomputation at its `asOf`
 * (`recompute`), with ranks counting on; answers how many pages.
 */
async function checkPages(
  w: World,
  now: Date,
  req: GridsReq,
  recompute: (asOf: Date) => Promise<Overview>,
  k: number,
): Promise<number> {
  const sort = req.sort ?? 'incompleteFirst'
  let cursor: string | undefined
  let after: (string | number)[] | null = null
  let rank = 0
  let pages = 0
  do {
    const page = await gridsOf(w, now, cursor ? { ...req, cursor } : req)
    if (page.asOf !== now.toISOString()) keptPages++
    const fresh = await recompute(new Date(page.asOf))
    const expected = pageOfGrids(fresh.grids, { ...req, filter: req.filter ?? 'all', sort, after, limit: 20 })
    expect({ k, req, page: pages, items: page.items }).toEqual({
      k,
      req,
      page: pages,
      items: expected.items.map((g, i) => ({ ...g, rank: rank + i + 1 })),
    })
    expect(Boolean(page.nextCursor)).toBe(expected.more)
    rank += page.items.length
    const last = page.items[page.items.length - 1]
    after = last ? gridKeys(last, sort) : after
    cursor = page.nextCursor
    pages++
  } while (cursor)
  return pages
}

const overviewOf = async (
  w: World,
  now: Date,
  data: { townId?: string; fresh?: boolean; summary?: true },
): Promise<Overview> => {
  const ctx: Ctx = {
    openid: ADMIN,
    store: w.store,
    platform: createLocalPlatform(),
    config: { secret: 'eq-secret-0123456789', adminOpenids: [ADMIN], liveCodeSeconds: 30 },
    now: () => now,
  }
  const envelope = (await dispatch(FUNCTIONS.stats, { action: 'overview', data }, ctx)) as Envelope<Overview>
  if (!envelope.ok) throw new Error(JSON.stringify(envelope.error))
  return envelope.data
}

/** The towns an overview's grids are in, by id, for the expected per-town summary. */
const townsOf = (o: Overview) => (o.towns ?? []).map((t) => ({ id: t.townId, name: t.name }))

/** The figures without ids or the time they were taken: grids by name. */
const figuresOf = (o: Overview) => ({
  totals: o.totals,
  weeks: o.weeks,
  grids: o.grids.map(({ gridId: _id, ...g }) => g).sort((a, b) => a.name.localeCompare(b.name)),
})

const gridInput = (i: number, townId: string): GridInput => ({
  name: `随机网格${String(i).padStart(2, '0')}`,
  townId,
  kind: 'community',
  base: { address: i % 3 ? `随机路 ${i} 号` : '' },
  online: i % 2 ? [{ kind: 'wechat_group', value: '青年群' }] : [],
  ...(i % 4 ? { project: { name: '读书会', summary: '每月一次' } } : {}),
})

/** One step of activity, the same on every world (each world's ids are its own, picked by position). */
async function step(w: World, pick: (n: number) => number, k: number, now: Date) {
  const person = PEOPLE[pick(PEOPLE.length)]
  const grid = w.grids[pick(w.grids.length)]
  const summon = w.summons.length ? w.summons[pick(w.summons.length)] : null
  const kind = pick(12)
  if (kind <= 2) {
    await w.store.checkins.record(
      { openid: person, requestId: `eq-${k}`, gridId: grid, summonId: null, method: 'poster', verifiedBy: ['poster'] },
      now,
      10,
    )
  } else if (kind === 3 && summon) {
    // A live scan: attendance for a signed-up member, a walk-in for anyone else.
    const record = await w.store.summons.get(summon)
    // The handler refuses a scan at a withdrawn summon before the store sees it.
    if (record?.withdrawnAt) return
    await w.store.checkins.record(
      {
        openid: person,
        requestId: `eq-${k}`,
        gridId: record?.gridId ?? null,
        summonId: summon,
        method: 'live',
        verifiedBy: ['live'],
      },
      now,
      10,
    )
  } else if (kind === 4 && summon) {
    await w.store.summons.signUp(summon, person, now)
  } else if (kind === 5 && summon) {
    await w.store.summons.cancel(summon, person, now)
  } else if (kind === 6) {
    // Some start hours ago and end within minutes to hours, so summons end as the clock moves on.
    const start = now.getTime() + (pick(48) - 36) * 30 * MINUTE
    const created = await w.store.summons.create(
      {
        gridId: grid,
        title: `活动${k}`,
        body: '',
        place: '阵地',
        startAt: new Date(start).toISOString(),
        endAt: new Date(start + (1 + pick(6)) * 30 * MINUTE).toISOString(),
        signUpDeadline: null,
        capacity: pick(3) ? 2 + pick(4) : null,
        tags: [],
        hours: 0,
        planId: null,
        publishedBy: 'o_eq_leader',
      },
      new Date(now.getTime() - pick(40) * DAY),
    )
    w.summons.push(created.id)
  } else if (kind === 7 && summon && pick(3) === 0) {
    await w.store.summons.withdraw(summon, '天气原因', now)
  } else if (kind === 8) {
    if (!w.plans.length || pick(3) === 0) {
      const plan = await w.store.plans.create(
        { gridId: grid, title: `方案${k}`, draft: '草稿', ideasUntil: null, publishedBy: 'o_eq_leader' },
        now,
      )
      w.plans.push(plan.id)
    }
    const added = await w.store.plans.addIdea(
      {
        planId: w.plans[pick(w.plans.length)],
        openid: person,
        content: `建议${k}`,
        status: pick(4) ? 'visible' : 'pending_review',
      },
      now,
      { max: 999, windowMinutes: 1 },
    )
    if (added.ok) w.ideas.push(added.idea.id)
  } else if (kind === 9 && w.ideas.length) {
    const decisions = ['adopted', 'partial', 'declined'] as const
    await w.store.plans.decide(w.ideas[pick(w.ideas.length)], decisions[pick(3)], '谢谢', now)
  } else if (kind === 10) {
    const r = pick(3)
    if (r === 0) w.grids.push((await w.store.grids.create(gridInput(w.grids.length, TOWNS[pick(3)]), now)).id)
    else if (r === 1) await w.store.grids.addLeader(grid, `o_eq_leader${pick(3)}`, now)
    else await w.store.grids.update(grid, { townId: TOWNS[pick(3)], online: [] }, now)
  } else {
    await w.store.grids.addMember(grid, person, now)
  }
}

describe('stats.overview under random activity, on both adapters', () => {
  const worlds: World[] = []
  const FILTERS = ['all', 'incomplete', 'quiet'] as const
  const SORTS = ['incompleteFirst', 'score', 'activity'] as const
  afterEach(() => {
    for (const w of worlds.splice(0)) w.store.close()
  })

  it.each([1, 2, 3])('answers the figures a full recomputation gives (seed %i)', async (seed) => {
    const sqlite = createSqliteStore(':memory:')
    const wx = createWxCloudStore(createWxDbStandIn({ seed }).db)
    for (const store of [sqlite, wx]) {
      await store.users.addAdmin(ADMIN)
      const w: World = { store, grids: [], summons: [], ideas: [], plans: [] }
      // 45 grids: more than two pages of stats.grids, so cursors are walked.
      for (let i = 0; i < 45; i++)
        w.grids.push((await store.grids.create(gridInput(i, TOWNS[i % 3]), new Date(START.getTime() - 90 * DAY))).id)
      worlds.push(w)
    }
    const [local, cloud] = worlds
    let now = START
    let answeredFromSnapshot = 0
    for (let k = 0; k < 120; k++) {
      // The same choices on both worlds: each gets a generator from the same seed for this step.
      const stepSeed = seed * 1000 + k
      for (const w of worlds) await step(w, prng(stepSeed), k, now)
      now = new Date(now.getTime() + [0, 5_000, 30_000, 59_000, 61_000, 20 * MINUTE][prng(stepSeed + 7)(6)])
      const townId = k % 4 === 0 ? TOWNS[k % 3] : undefined
      const answer = await overviewOf(local, now, townId ? { townId } : {})
      if (answer.asOf !== now.toISOString()) answeredFromSnapshot++
      const recomputed = await overviewOf(
        local,
        new Date(answer.asOf),
        townId ? { townId, fresh: true } : { fresh: true },
      )
      expect({ k, ...figuresOf(answer) }).toEqual({ k, ...figuresOf(recomputed) })
      // A read with nothing written since answers the snapshot just taken.
      const again = await overviewOf(local, now, townId ? { townId } : {})
      expect(again.asOf).toBe(answer.asOf)
      // The summary and the pages (issue 16), each against a recomputation at its own asOf.
      const scope = townId ? { townId } : {}
      const summary = await overviewOf(local, now, { ...scope, summary: true })
      const atSummary = await overviewOf(local, new Date(summary.asOf), { ...scope, fresh: true })
      expect({ k, totals: summary.totals, weeks: summary.weeks, grids: summary.grids }).toEqual({
        k,
        totals: atSummary.totals,
        weeks: atSummary.weeks,
        grids: [],
      })
      expect(summary.towns).toEqual(townStatsOf(atSummary.grids, townsOf(atSummary)))
      const pick = prng(stepSeed + 11)
      const req: GridsReq = { ...scope, filter: FILTERS[pick(3)], sort: SORTS[pick(3)] }
      const recompute = (asOf: Date) => overviewOf(local, asOf, { fresh: true })
      await checkPages(local, now, req, recompute, k)
      if (k % 10 === 9) {
        const [a, b] = await Promise.all([
          overviewOf(local, now, { fresh: true }),
          overviewOf(cloud, now, { fresh: true }),
        ])
        expect({ k, ...figuresOf(b) }).toEqual({ k, ...figuresOf(a) })
        // The cloud's job keeps the figures; with nothing written since, its pages are its recomputation's.
        await takeStatsSnapshots(cloud.store, now)
        for (const sort of SORTS)
          for (const filter of FILTERS)
            for (const t of [undefined, TOWNS[k % 3]])
              await checkPages(cloud, now, { ...(t ? { townId: t } : {}), filter, sort }, () => Promise.resolve(b), k)
        const cloudSummary = await overviewOf(cloud, now, { summary: true })
        expect({ k, totals: cloudSummary.totals, asOf: cloudSummary.asOf }).toEqual({
          k,
          totals: b.totals,
          asOf: now.toISOString(),
        })
      }
    }
    // Some answers came from a kept snapshot (no write in between), so the comparison above meant something.
    expect(answeredFromSnapshot).toBeGreaterThan(0)
    expect(keptPages).toBeGreaterThan(0)
    const final = await overviewOf(local, now, { fresh: true })
    expect(final.totals.walkins).toBeGreaterThan(0)
  })
})
