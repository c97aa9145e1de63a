/**
 * Operation budgets of the hot actions on the cloud database (issue 11's table): each measured on a warm
 * instance, exactly (the stand-in counts operations; no timing). The basic plan allows about 30 operations a
 * second for the whole environment, so these numbers decide how long a 300-person entrance takes.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EXPORT_LIMIT } from '../../cloud/functions/stats'
import { exportFileOf } from '../../cloud/platform/exportFiles'
import { createLocalPlatform } from '../../cloud/platform/local'
import { exportOn, exportWorld, EXPORT_NOW } from '../support/export-world'
import { measureActions, type Measured } from '../support/ops-world'

let measured: Measured[]

beforeAll(async () => {
  measured = await measureActions()
}, 120_000)

describe('cloud database operations per action', () => {
  it('measures every budgeted action', () => {
    expect(measured.filter((m) => m.budget !== undefined).length).toBeGreaterThanOrEqual(20)
  })

  it.each([
    'checkin.scan poster, first report',
    'checkin.scan, same requestId again',
    'checkin.scan live, signed-up member',
    'summons.signUp, confirmed',
    'summons.signUp, waitlisted',
    'summons.cancel with promotion',
    'summons.signUp, confirmed, pushing the share card',
    'summons.signUp, confirmed, share card in its push window',
    'summons.update, capacity raised',
    'summons.update, place changed',
    'grids.members (one page)',
    'grids.checkins (one page)',
    'plans.likeIdea',
    'plans.addIdea',
    'plans.reviewIdea, approved',
    'plans.reviewIdea, rejected with a reason',
    'grids.get',
    'grids.invites (two open)',
    'grids.revokeInvite',
    'grids.removeLeader',
    'summons.get',
    'account.me',
    'plans.get',
    'stats.overview',
    'orgs.members',
    'orgs.receipt (by the secretary)',
    'orgs.receipt (own)',
    'checkin.scan sign-out (签退)',
    'checkin.scan sign-out, again at the same time',
    'hours.mine, first page',
    'member totals fold job, first run',
    'member totals fold job, one grid with joins since',
    'stats snapshot job (200 grids, 2 towns with grids), first run',
    'stats snapshot job (200 grids), one grid changed',
    'stats.overview summary',
    'stats.grids (200 grids), first page',
    'stats.grids (200 grids), next page',
    'stats.grids (200 grids), quiet by score',
  ])('%s stays within its budget', (action) => {
    const m = measured.find((x) => x.action.startsWith(action))!
    expect(m).toBeDefined()
    expect({ action: m.action, ops: m.ops }).toEqual({ action: m.action, ops: Math.min(m.ops, m.budget!) })
  })
})

/**
 * 20,000-row exports on the cloud database (issue 16), in operations and in modelled database time: the
 * stand-in's clock (MODELLED_LATENCY: 30 ms an operation and 0.05 ms a record answered, operations sent
 * together overlapping) must leave a third of a cloud function's default 3 s limit for the CSV and the
 * upload. Before: 200 queries of 100 records one after another, plus the members 100 at a time, about 220
 * operations and 7.7 s modelled (killed at 3 s).
 */
describe('20,000-row exports on the cloud database', () => {
  const FUNCTION_LIMIT_MS = 3_000
  let world: Awaited<ReturnType<typeof exportWorld>>
  beforeAll(async () => {
    world = await exportWorld({ members: 2_000, grids: 40, summons: 210, checkins: 20_500, perSummon: 100 })
  }, 120_000)

  it.each([
    ['checkins', 25],
    ['signups', 26],
  ] as const)(
    'stats.export %s: within %i operations and two thirds of the time limit',
    async (kind, budget) => {
      const db = world.instance()
      const platform = createLocalPlatform({ exportsDir: mkdtempSync(join(tmpdir(), 'erwei-budget-')) })
      const envelope = await exportOn(db, platform)(kind)
      if (!envelope.ok) throw new Error(JSON.stringify(envelope.error))
      expect(envelope.data.url).toBeDefined()
      const file = exportFileOf(platform.exportsDir, envelope.data.url!.split('/')[2], EXPORT_NOW)!
      expect(readFileSync(file, 'utf8').trimEnd().split('\r\n')).toHaveLength(EXPORT_LIMIT + 1)
      expect({ kind, ops: db.ops }).toEqual({ kind, ops: Math.min(db.ops, budget) })
      expect(db.modelledMs).toBeLessThanOrEqual((FUNCTION_LIMIT_MS * 2) / 3)
      expect(world.warnings).toEqual([])
    },
    120_000,
  )
})
