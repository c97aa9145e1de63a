/**
 * Operation budgets of the hot actions on the cloud database (issue 11's table): each measured on a warm
 * instance, exactly (the stand-in counts operations; no timing). The basic plan allows about 30 operations a
 * second for the whole environment, so these numbers decide how long a 300-person entrance takes.
 */
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
    'stats snapshot job',
  ])('%s stays within its budget', (action) => {
    const m = measured.find((x) => x.action.startsWith(action))!
    expect(m).toBeDefined()
    expect({ action: m.action, ops: m.ops }).toEqual({ action: m.action, ops: Math.min(m.ops, m.budget!) })
  })
})
