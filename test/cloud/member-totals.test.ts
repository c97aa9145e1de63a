/**
 * The cloud adapter's member count (issue 16): `grids.get`, `grids.list` and the overview answer a grid's
 * folded `memberTotal` plus its joins after `countedAt` (cloud/jobs/memberTotals.ts), and that sum equals
 * the grid's `grid_members` records at every step: before any fold, between folds, with joins racing the
 * fold, with folds overlapping, killed anywhere or failing transiently. Runs on the stand-in directly (the
 * store's reads, the poster check-in and the fold), so it belongs to the `cloud` project.
 */
import { signPosterScene } from '../../cloud/domain/codes'
import { foldMemberTotals as foldWithAudit, MEMBER_TOTALS_MARK } from '../../cloud/jobs/memberTotals'
import { createWxCloudStore } from '../../cloud/store/wxcloud'
import type { Store } from '../../cloud/store/port'
import { settleWithin } from '../support/fleet'
import { createWxDbStandIn, type FaultPlan, type StandIn, type StandInDb } from '../support/wxdb-standin'
import { GRID_INPUT, NOW, okData, SECRET } from './helpers'
import { dispatch } from '../../cloud/core/dispatch'
import { FUNCTIONS } from '../../cloud/functions'
import { createLocalPlatform } from '../../cloud/platform/local'

const MIN = 60_000
/** The fold as the timer runs it, auditing one grid a run (of three: the others take the window path). */
const foldMemberTotals = (db: StandInDb, now: Date) => foldWithAudit(db, now, { audit: 1 })
const at = (minutes: number) => new Date(NOW.getTime() + minutes * MIN)

let standIn: StandIn
let store: Store
let grids: string[]
let joined = 0

beforeEach(async () => {
  standIn = createWxDbStandIn({ seed: 11 })
  store = createWxCloudStore(standIn.db)
  grids = []
  for (let i = 0; i < 3; i++) grids.push((await store.grids.create({ ...GRID_INPUT, name: `计数网格${i}` }, NOW)).id)
})
afterEach(() => {
  expect(standIn.warnings).toEqual([])
})

/** The truth: the grid's membership records. */
const truth = (gridId: string) => standIn.dump('grid_members').filter((m) => m.gridId === gridId).length

async function join(gridId: string, when: Date, n = 1): Promise<string[]> {
  const openids: string[] = []
  for (let i = 0; i < n; i++) {
    const openid = `o_mt_${String(++joined).padStart(5, '0')}`
    await store.grids.addMember(gridId, openid, when)
    openids.push(openid)
  }
  return openids
}

/** Every read of every grid (get, get as a member, the list, the overview's activity) agrees with the truth. */
async function expectExact(on: Store = store) {
  for (const gridId of grids) {
    expect({ gridId, n: (await on.grids.get(gridId))!.memberCount }).toEqual({ gridId, n: truth(gridId) })
  }
  const listed = await on.grids.list({ townId: GRID_INPUT.townId })
  expect(Object.fromEntries(listed.map((g) => [g.id, g.memberCount]))).toEqual(
    Object.fromEntries(grids.map((id) => [id, truth(id)])),
  )
  const activity = await on.stats.gridActivity(at(60 * 24), undefined)
  expect(Object.fromEntries(activity.map((g) => [g.gridId, g.members]))).toEqual(
    Object.fromEntries(grids.map((id) => [id, truth(id)])),
  )
}

const countedAtOf = (gridId: string) => standIn.dump('grids').find((g) => g._id === gridId)?.countedAt

describe('member totals on the cloud adapter', () => {
  it('reads agree with the records before the first fold and after every fold', async () => {
    // A new grid is counted in full until the first fold (its joins may be stamped before it, as a seed's are).
    expect(countedAtOf(grids[0])).toBeUndefined()
    await expectExact()
    await join(grids[0], at(1), 5)
    await join(grids[1], at(2), 2)
    await expectExact()
    // A fold 5 minutes later counts nothing yet (the joins are within the margin), 11 minutes later all.
    await foldMemberTotals(standIn.db, at(7))
    await expectExact()
    const outcome = await foldMemberTotals(standIn.db, at(13))
    // The two grids with joins, and the one audited (grids[0] or another; counted anew either way).
    expect(outcome.foldedTo).toBe(at(3).toISOString())
    expect(outcome.counted).toBeGreaterThanOrEqual(2)
    expect(standIn.dump('grids').find((g) => g._id === grids[0])).toMatchObject({
      memberTotal: 5,
      countedAt: at(3).toISOString(),
    })
    await expectExact()
    // Joins after the fold, and some stamped inside its margin, then the next folds.
    await join(grids[0], at(12), 1)
    await join(grids[0], at(14), 3)
    await join(grids[2], at(15), 4)
    await expectExact()
    for (const minute of [20, 26, 40]) {
      await foldMemberTotals(standIn.db, at(minute))
      await expectExact()
    }
    // Every grid now shares the last fold's time (the quiet ones were moved without a recount).
    expect(new Set(grids.map(countedAtOf))).toEqual(new Set([at(30).toISOString()]))
  })

  it('folding again, or with an older mark, changes nothing', async () => {
    await join(grids[0], at(1), 4)
    await foldMemberTotals(standIn.db, at(20))
    const before = standIn.dump('grids')
    expect(await foldMemberTotals(standIn.db, at(20))).toEqual({ counted: 0, moved: 0, foldedTo: at(10).toISOString() })
    expect(await foldMemberTotals(standIn.db, at(15))).toMatchObject({ counted: 0, moved: 0 })
    expect(standIn.dump('grids')).toEqual(before)
    await expectExact()
  })

  it('joins racing overlapping folds from several instances stay counted once', async () => {
    const instances = Array.from({ length: 4 }, () => standIn.instance({ latencyMs: [0, 2] }))
    let seed = 5
    const pause = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return new Promise((resolve) => setTimeout(resolve, seed % 12))
    }
    // Joins stamped up to 4 minutes before the folds' clocks (an instance behind, or a slow request),
    // sent at random moments while three folds with different clocks run.
    const scan = async (db: StandInDb, gridId: string, openid: string, when: Date) => {
      await pause()
      await createWxCloudStore(db).grids.addMember(gridId, openid, when)
    }
    const fold = async (db: StandInDb, now: Date) => {
      await pause()
      await foldMemberTotals(db, now)
    }
    for (let round = 0; round < 8; round++) {
      const t = 12 + round * 4
      await Promise.all([
        ...Array.from({ length: 15 }, (_, i) =>
          scan(instances[i % 4], grids[i % 3], `o_race_${round}_${i}`, at(t - 4 + (i % 5))),
        ),
        fold(instances[0], at(t)),
        fold(instances[1], at(t + 1)),
        fold(instances[2], at(t - 3)),
      ])
      await expectExact(createWxCloudStore(instances[3]))
    }
    await foldMemberTotals(standIn.db, at(200))
    await expectExact()
  })

  it('a fold killed after or at any operation leaves every read exact, and the next run finishes it', async () => {
    // A district with a history, the first fold done, then a window of joins in every grid.
    await join(grids[0], at(1), 6)
    await join(grids[1], at(2), 3)
    await foldMemberTotals(standIn.db, at(15))
    await join(grids[0], at(16), 2)
    await join(grids[2], at(17), 5)
    const probe = standIn.instance()
    const snapshot = { grids: standIn.dump('grids'), marks: standIn.dump('job_marks') }
    await foldMemberTotals(probe, at(40))
    const n = probe.ops
    expect(n).toBeGreaterThanOrEqual(5)
    const restore = async () => {
      // Back to the state before the fold: each grid's fields and the mark as they were.
      for (const g of snapshot.grids)
        await standIn.db
          .collection('grids')
          .doc(g._id)
          .update({ data: { memberTotal: g.memberTotal, countedAt: g.countedAt } })
      for (const { _id, ...m } of snapshot.marks) await standIn.db.collection('job_marks').doc(_id).set({ data: m })
    }
    for (const mode of ['killAfter', 'killAt'] as const) {
      const [first, last] = mode === 'killAfter' ? [0, n - 1] : [1, n]
      for (let k = first; k <= last; k++) {
        await restore()
        const plan: FaultPlan = { [mode]: k }
        expect(await settleWithin(foldMemberTotals(standIn.instance(plan), at(40)))).toBe('hung')
        await expectExact()
        await join(grids[k % 3], at(41), 1)
        await foldMemberTotals(standIn.instance(), at(60))
        await expectExact()
      }
    }
  }, 60_000)

  it('a transient error at any operation fails the run or is retried; reads stay exact either way', async () => {
    await join(grids[0], at(1), 3)
    await foldMemberTotals(standIn.db, at(15))
    await join(grids[1], at(16), 2)
    const probe = standIn.instance()
    await foldMemberTotals(probe, at(30))
    const n = probe.ops
    for (let k = 1; k <= n; k++) {
      await join(grids[k % 3], at(30 + k), 1)
      const outcome = await foldMemberTotals(standIn.instance({ failAt: [k, k + 1] }), at(40 + k)).then(
        () => 'ok',
        (err: Error) => err.message,
      )
      if (outcome !== 'ok') expect(outcome).toMatch(/injected fault/)
      await expectExact()
    }
    await foldMemberTotals(standIn.db, at(200))
    await expectExact()
  })

  it('grids written before the fold are counted in full until their first fold, then folded', async () => {
    await join(grids[0], at(1), 4)
    await join(grids[1], at(1), 1)
    // Records of an earlier version: no total, no time.
    await standIn.db
      .collection('grids')
      .where({ townId: GRID_INPUT.townId })
      .update({ data: { memberTotal: standIn.db.command.remove(), countedAt: standIn.db.command.remove() } })
    expect(standIn.dump('grids').some((g) => 'countedAt' in g)).toBe(false)
    await expectExact()
    // The first run counts the two with members and moves the third (no join yet) at total 0.
    expect(await foldMemberTotals(standIn.db, at(20))).toMatchObject({ counted: 2, moved: 1 })
    expect(standIn.dump('grids').map((g) => g.countedAt)).toEqual([at(10), at(10), at(10)].map((d) => d.toISOString()))
    await expectExact()
    // One more written by an old instance after the mark exists: found by the next run.
    await standIn.db
      .collection('grids')
      .doc(grids[0])
      .update({ data: { memberTotal: standIn.db.command.remove(), countedAt: standIn.db.command.remove() } })
    await expectExact()
    await foldMemberTotals(standIn.db, at(30))
    expect(countedAtOf(grids[0])).toBe(at(20).toISOString())
    await expectExact()
    expect(standIn.dump('job_marks')).toMatchObject([{ _id: MEMBER_TOTALS_MARK, foldedTo: at(20).toISOString() }])
  })

  it('a total gone wrong (a join written with a clock far behind) is mended by the audit', async () => {
    await join(grids[0], at(1), 3)
    await foldMemberTotals(standIn.db, at(15))
    // Stamped at minute 2, written after the fold had counted up to minute 5: outside the design's margin.
    await join(grids[0], at(2), 1)
    await join(grids[0], at(16), 1)
    await foldMemberTotals(standIn.db, at(30))
    const off = (await store.grids.get(grids[0]))!.memberCount
    // The window path adds the new join only, unless grids[0] was the one audited in that run.
    expect([truth(grids[0]) - 1, truth(grids[0])]).toContain(off)
    // One grid a run: three runs reach every grid.
    for (const minute of [45, 60, 75]) await foldMemberTotals(standIn.db, at(minute))
    await expectExact()
  })

  it('first poster reports count as members, and the viewer is told they are one', async () => {
    const platform = { ...createLocalPlatform(), codeImage: async () => undefined }
    const as = (openid: string, now: Date) => (name: string, data: unknown) => {
      const [fn, action] = name.split('.') as ['grids' | 'checkin', string]
      return dispatch(
        FUNCTIONS[fn],
        { action, data },
        { openid, store, platform, config: { secret: SECRET, adminOpenids: [], liveCodeSeconds: 30 }, now: () => now },
      )
    }
    const code = signPosterScene(grids[0], SECRET)
    for (let i = 0; i < 5; i++)
      okData(await as(`o_scan_${i}`, at(i))('checkin.scan', { code, requestId: `mt-${i}-0001` }))
    await foldMemberTotals(standIn.db, at(13))
    // Folded up to minute 3: four of the five; the fifth is a join after `countedAt`.
    expect(standIn.dump('grids').find((g) => g._id === grids[0])).toMatchObject({ memberTotal: 4 })
    const member = okData(await as('o_scan_0', at(14))('grids.get', { gridId: grids[0] })) as {
      memberCount: number
      isMember: boolean
    }
    expect(member).toMatchObject({ memberCount: 5, isMember: true })
    const latest = okData(await as('o_scan_4', at(14))('grids.get', { gridId: grids[0] }))
    expect(latest).toMatchObject({ memberCount: 5, isMember: true })
    const stranger = okData(await as('o_stranger', at(14))('grids.get', { gridId: grids[0] }))
    expect(stranger).toMatchObject({ memberCount: 5, isMember: false })
  })

  it('first poster reports killed after or at any operation, retried elsewhere between folds, count once', async () => {
    const platform = { ...createLocalPlatform(), codeImage: async () => undefined }
    const scan = (db: StandInDb, openid: string, now: Date, requestId: string) =>
      dispatch(
        FUNCTIONS.checkin,
        { action: 'scan', data: { code: signPosterScene(grids[1], SECRET), requestId } },
        {
          openid,
          store: createWxCloudStore(db),
          platform,
          config: { secret: SECRET, adminOpenids: [], liveCodeSeconds: 30 },
          now: () => now,
        },
      )
    const probe = standIn.instance()
    okData(await scan(probe, 'o_probe', at(0), 'mt-probe-0001'))
    const n = probe.ops
    let minute = 1
    for (const mode of ['killAfter', 'killAt'] as const) {
      for (let k = mode === 'killAfter' ? 0 : 1; k <= (mode === 'killAfter' ? n - 1 : n); k++) {
        const openid = `o_poster_${mode}_${k}`
        const requestId = `mt-${mode}-${k}-0001`
        expect(await settleWithin(scan(standIn.instance({ [mode]: k }), openid, at(minute), requestId))).toBe('hung')
        await foldMemberTotals(standIn.instance(), at(minute + 11))
        await expectExact()
        // The member's app sends the request again later, from another instance.
        okData(await scan(standIn.instance({ latencyMs: [0, 2] }), openid, at(minute + 12), requestId))
        await expectExact()
        await foldMemberTotals(standIn.instance(), at(minute + 25))
        await expectExact()
        minute += 30
      }
    }
    expect(truth(grids[1])).toBe(1 + 2 * n)
  }, 60_000)

  it('an instance counts the joins while it reads the record when the fold time is the one it last saw', async () => {
    await join(grids[0], at(1), 3)
    await foldMemberTotals(standIn.db, at(15))
    const db = standIn.instance()
    const reader = createWxCloudStore(db)
    const read = async (gridId: string) => {
      const [ops, ms] = [db.ops, db.modelledMs]
      const n = (await reader.grids.get(gridId, 'o_nobody'))!.memberCount
      expect(n).toBe(truth(gridId))
      return { ops: db.ops - ops, ms: Math.round(db.modelledMs - ms) }
    }
    // First read: the record, then the joins after its time (two round trips); then both at once.
    expect(await read(grids[0])).toEqual({ ops: 2, ms: 60 })
    expect(await read(grids[1])).toEqual({ ops: 2, ms: 30 })
    await join(grids[0], at(16), 2)
    expect(await read(grids[0])).toEqual({ ops: 2, ms: 30 })
    // After the next fold the guess is stale once: the count is sent again with the record's time.
    await foldMemberTotals(standIn.db, at(30))
    expect(await read(grids[0])).toEqual({ ops: 3, ms: 60 })
    expect(await read(grids[0])).toEqual({ ops: 2, ms: 30 })
    await join(grids[2], at(31), 1)
    expect(await read(grids[2])).toEqual({ ops: 2, ms: 30 })
  })

  it('grids.get reads the joins since the fold, not the grid (records the database examines)', async () => {
    let viewerId = ''
    const examinedByGet = async () => {
      const db = standIn.instance()
      const viewer = createWxCloudStore(db)
      expect((await viewer.grids.get(grids[0], viewerId))?.viewer?.isMember).toBe(true)
      return { ops: db.ops, examined: db.examined }
    }
    const sizes = [50, 500]
    const before: number[] = []
    const after: number[] = []
    for (const size of sizes) {
      const added = await join(grids[0], at(1), size - truth(grids[0]))
      viewerId ||= added[0]
      await standIn.db
        .collection('grids')
        .doc(grids[0])
        .update({ data: { memberTotal: standIn.db.command.remove(), countedAt: standIn.db.command.remove() } })
      before.push((await examinedByGet()).examined)
      await foldMemberTotals(standIn.db, at(100 * size))
      await join(grids[0], at(100 * size), 3)
      const folded = await examinedByGet()
      expect(folded.ops).toBe(2)
      after.push(folded.examined)
      await expectExact()
    }
    // The grid record, then every member (before) or the 3 joins since the fold and the viewer's own (after).
    expect(before).toEqual([1 + 50, 1 + 500])
    expect(after).toEqual([1 + 3 + 1, 1 + 3 + 1])
  })
})
