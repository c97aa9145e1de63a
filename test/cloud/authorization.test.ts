/**
 * The authorization matrix: every action × every role, a valid request aimed at grid G, and the exact
 * outcome. Rows are data, one per action (and per variant of a request).
 */
import type { ActionName, ErrorCode } from '../../types'
import { outcomeOf } from './helpers'
import {
  buildWorld,
  openidOf,
  registeredActions,
  ROLES,
  summonRequest,
  validRequest,
  type Role,
  type SignedInRole,
  type World,
} from './world'

type Outcome = 'ok' | ErrorCode
/**
 * The outcome for each signed-in role but the configuration admin, who always matches `admin`, and the
 * newcomer (signed in, no profile yet), who matches `member` unless the row says otherwise.
 */
type Row = Record<Exclude<SignedInRole, 'configAdmin' | 'newcomer'>, Outcome> & { newcomer?: Outcome }

const ANY: Row = { member: 'ok', otherLeader: 'ok', leader: 'ok', admin: 'ok' }
const ADMIN_ONLY: Row = { member: 'FORBIDDEN', otherLeader: 'FORBIDDEN', leader: 'FORBIDDEN', admin: 'ok' }
const LEADER_OF_G: Row = { member: 'FORBIDDEN', otherLeader: 'FORBIDDEN', leader: 'ok', admin: 'ok' }
/** Organisation O's secretary is `o_leader` (the `leader` role), P's is `o_other`; O's member is `member`. */
const SECRETARY_OF_O_OR_ADMIN: Row = LEADER_OF_G
const SECRETARY_OF_O: Row = { member: 'FORBIDDEN', otherLeader: 'FORBIDDEN', leader: 'ok', admin: 'FORBIDDEN' }
/** Any signed-in user with a profile: a newcomer is asked to fill one in first. */
const ANY_WITH_PROFILE: Row = { ...ANY, newcomer: 'FORBIDDEN' }

interface MatrixRow {
  action: ActionName
  variant?: string
  /** Overrides the action's valid request from world.ts. */
  request?: (world: World) => unknown
  expect: Row
}

/** One row per action (and per variant of its request): the outcome for each role. */
const MATRIX: MatrixRow[] = [
  { action: 'account.me', expect: ANY },
  { action: 'account.updateProfile', expect: ANY },
  { action: 'account.verifyPhone', expect: ANY },

  { action: 'grids.towns', expect: ANY },
  { action: 'grids.list', expect: ANY },
  { action: 'grids.get', expect: ANY },
  { action: 'grids.create', expect: ADMIN_ONLY },
  { action: 'grids.update', expect: LEADER_OF_G },
  { action: 'grids.invite', expect: ADMIN_ONLY },
  { action: 'grids.acceptInvite', expect: ANY },
  { action: 'grids.inviteInfo', expect: ANY },
  { action: 'grids.removeLeader', expect: ADMIN_ONLY },
  { action: 'grids.invites', expect: ADMIN_ONLY },
  { action: 'grids.revokeInvite', expect: ADMIN_ONLY },
  { action: 'grids.posterCode', expect: LEADER_OF_G },
  { action: 'grids.members', expect: LEADER_OF_G },
  { action: 'grids.archive', expect: ADMIN_ONLY },
  { action: 'grids.checkins', expect: LEADER_OF_G },
  { action: 'grids.follow', expect: ANY },
  { action: 'grids.following', expect: ANY },

  { action: 'checkin.scan', expect: ANY },
  { action: 'checkin.liveCode', expect: LEADER_OF_G },
  { action: 'checkin.mine', expect: ANY },

  { action: 'summons.publish', expect: LEADER_OF_G },
  { action: 'summons.publish', variant: 'district-wide', request: () => summonRequest(), expect: ADMIN_ONLY },
  {
    action: 'summons.publish',
    variant: "organisation O's 二维召集令 at grid G",
    request: (w) => ({ ...summonRequest(w.gridG), orgId: w.orgO }),
    expect: SECRETARY_OF_O_OR_ADMIN,
  },
  { action: 'summons.list', expect: ANY },
  { action: 'summons.list', variant: 'scope org', request: () => ({ scope: 'org' }), expect: ANY },
  { action: 'summons.get', expect: ANY },
  { action: 'summons.shareCard', expect: ANY },
  { action: 'summons.signUp', expect: ANY_WITH_PROFILE },
  // The newcomer could not sign up first, so there is nothing to cancel.
  { action: 'summons.cancel', expect: { ...ANY, newcomer: 'CONFLICT' } },
  { action: 'summons.roster', expect: LEADER_OF_G },
  { action: 'summons.exportRoster', expect: LEADER_OF_G },
  { action: 'summons.withdraw', expect: LEADER_OF_G },
  { action: 'summons.update', expect: LEADER_OF_G },

  { action: 'plans.publish', expect: LEADER_OF_G },
  { action: 'plans.list', expect: ANY },
  { action: 'plans.get', expect: ANY },
  { action: 'plans.addIdea', expect: ANY_WITH_PROFILE },
  { action: 'plans.likeIdea', expect: ANY },
  { action: 'plans.replyIdea', expect: LEADER_OF_G },
  { action: 'plans.update', expect: LEADER_OF_G },
  { action: 'plans.finalize', expect: LEADER_OF_G },
  // A held idea is invisible to all but its author (the member here) and the managers of its grid.
  { action: 'plans.reviewIdea', expect: { ...LEADER_OF_G, otherLeader: 'NOT_FOUND', newcomer: 'NOT_FOUND' } },
  {
    action: 'plans.reviewIdea',
    variant: 'approve',
    request: (w) => ({ ideaId: w.pendingIdeaId, approve: true }),
    expect: { ...LEADER_OF_G, otherLeader: 'NOT_FOUND', newcomer: 'NOT_FOUND' },
  },

  { action: 'stats.overview', expect: ADMIN_ONLY },
  { action: 'stats.grids', expect: ADMIN_ONLY },
  { action: 'stats.export', expect: ADMIN_ONLY },
  { action: 'stats.orgs', expect: ADMIN_ONLY },

  { action: 'orgs.list', expect: ANY },
  { action: 'orgs.get', expect: ANY },
  { action: 'orgs.create', expect: ADMIN_ONLY },
  { action: 'orgs.update', expect: SECRETARY_OF_O_OR_ADMIN },
  { action: 'orgs.invite', expect: SECRETARY_OF_O_OR_ADMIN },
  { action: 'orgs.join', expect: ANY_WITH_PROFILE },
  { action: 'orgs.decide', expect: SECRETARY_OF_O },
  { action: 'orgs.leave', expect: ANY },
  { action: 'orgs.members', expect: SECRETARY_OF_O },
  // The member asks for their own receipt; O's secretary for any member's.
  { action: 'orgs.receipt', expect: { ...SECRETARY_OF_O, member: 'ok', newcomer: 'FORBIDDEN' } },
  {
    action: 'orgs.receipt',
    variant: 'own, no openid',
    request: (w) => ({ orgId: w.orgO, quarter: '2026Q2' }),
    // Anyone may ask for their own: the newcomer has no profile to name on it.
    expect: { ...ANY, newcomer: 'NOT_FOUND' },
  },
  { action: 'orgs.export', expect: SECRETARY_OF_O_OR_ADMIN },
  { action: 'orgs.posterCode', expect: SECRETARY_OF_O_OR_ADMIN },

  { action: 'hours.mine', expect: ANY },
  { action: 'hours.roster', expect: LEADER_OF_G },
  { action: 'hours.export', expect: LEADER_OF_G },
  // Access is checked first; the world's summon has not ended (confirm) nor started (make-up) yet.
  { action: 'hours.confirm', expect: { ...LEADER_OF_G, leader: 'CLOSED', admin: 'CLOSED' } },
  { action: 'hours.makeup', expect: { ...LEADER_OF_G, leader: 'CLOSED', admin: 'CLOSED' } },
  { action: 'hours.audit', expect: ADMIN_ONLY },
  // A certificate names the member: a newcomer has no name yet.
  { action: 'hours.certificate', expect: { ...ANY, newcomer: 'CONFLICT' } },
  { action: 'hours.verify', expect: ANY },
]

function expected(row: MatrixRow, role: Role): Outcome {
  if (role === 'anonymous') return 'UNAUTHENTICATED'
  if (role === 'newcomer') return row.expect.newcomer ?? row.expect.member
  return row.expect[role === 'configAdmin' ? 'admin' : role]
}

const CELLS = MATRIX.flatMap((row) =>
  ROLES.map((role) => ({
    name: `${row.action}${row.variant ? ` (${row.variant})` : ''} as ${role} → ${expected(row, role)}`,
    row,
    role,
  })),
)

describe(`authorization matrix: ${MATRIX.length} requests × ${ROLES.length} roles = ${CELLS.length} cells`, () => {
  it('has a row for every action the registry serves', () => {
    const covered = new Set(MATRIX.map((row) => row.action))
    expect(registeredActions().filter((action) => !covered.has(action as ActionName))).toEqual([])
  })

  it.each(CELLS)('$name', async ({ row, role }) => {
    // A fresh world per cell: accepting an invite or publishing changes it.
    const world = await buildWorld()
    try {
      const openid = openidOf(role)
      const data = row.request ? row.request(world) : await validRequest(row.action, world, openid)
      const envelope = await world.h.rawAs(openid)(row.action, data)
      expect(outcomeOf(envelope)).toBe(expected(row, role))
    } finally {
      world.h.close()
    }
  })
})
