/**
 * 区团委 over a grid's leadership (issue 12): removing a leader (who stays a member), the open leader
 * invites and revoking one. Runs on both engines (`cloud` SQLite, `cloud-wx` the cloud adapter).
 */
import { userIdOf } from '../../cloud/functions/grid-admin'
import { createHarness, errorOf, NOW, okData, SECRET, seedGrid, seedProfiles, type Harness } from './helpers'

const ADMIN = 'o_ga_admin'
const OTHER_ADMIN = 'o_ga_admin2'
const LEADER = 'o_ga_leader'
const SECOND = 'o_ga_second'
const DAY = 86400_000
let h: Harness
let gridId: string

beforeEach(async () => {
  h = createHarness()
  await seedProfiles(h.store, [ADMIN, OTHER_ADMIN, LEADER, SECOND])
  await h.store.users.addAdmin(ADMIN)
  await h.store.users.addAdmin(OTHER_ADMIN)
  gridId = (await seedGrid(h.store, [LEADER, SECOND])).id
})
afterEach(() => h.close())

const admin = () => h.callAs(ADMIN)

describe('grids.removeLeader', () => {
  it('names leaders by an opaque id, never their openid', async () => {
    const grid = okData(await h.callAs('o_ga_passer')('grids.get', { gridId }))
    expect(grid.leaders.map((l) => l.userId)).toEqual([userIdOf(LEADER, SECRET), userIdOf(SECOND, SECRET)])
    expect(JSON.stringify(grid)).not.toContain(LEADER)
    expect(grid.leaders[0].userId).toMatch(/^u[0-9a-f]{24}$/)
  })

  it('ends the leadership; the person stays a member, a repeat changes nothing', async () => {
    const userId = userIdOf(LEADER, SECRET)
    const after = okData(await admin()('grids.removeLeader', { gridId, userId }))
    expect(after.leaders.map((l) => l.userId)).toEqual([userIdOf(SECOND, SECRET)])
    expect(await h.store.grids.isLeader(gridId, LEADER)).toBe(false)
    expect(await h.store.grids.isMember(gridId, LEADER)).toBe(true)
    const seen = okData(await h.callAs(LEADER)('grids.get', { gridId }))
    expect([seen.isLeader, seen.isMember, seen.canManage]).toEqual([false, true, false])
    errorOf(await h.callAs(LEADER)('grids.posterCode', { gridId }), 'FORBIDDEN')
    expect(okData(await h.callAs(LEADER)('account.me')).leading).toEqual([])
    // A repeat (its answer lost) answers the grid as it stands.
    expect(okData(await admin()('grids.removeLeader', { gridId, userId })).leaders).toHaveLength(1)
  })

  it('may remove the last leader: the grid then has none', async () => {
    okData(await admin()('grids.removeLeader', { gridId, userId: userIdOf(LEADER, SECRET) }))
    const after = okData(await admin()('grids.removeLeader', { gridId, userId: userIdOf(SECOND, SECRET) }))
    expect(after.leaders).toEqual([])
    expect(after.fourOnes.leader).toBe(false)
  })

  it('is for district admins only, and says so of a missing grid', async () => {
    const userId = userIdOf(SECOND, SECRET)
    errorOf(await h.callAs(LEADER)('grids.removeLeader', { gridId, userId }), 'FORBIDDEN')
    expect(errorOf(await admin()('grids.removeLeader', { gridId: 'nogrid', userId }), 'NOT_FOUND').message).toBe(
      '没有找到这个网格',
    )
  })
})

describe('leader invites: listing and revoking', () => {
  const invite = async (by = ADMIN) => okData(await h.callAs(by)('grids.invite', { gridId })).inviteCode

  it('lists the open invites with who made them and when they expire', async () => {
    const mine = await invite()
    const theirs = await invite(OTHER_ADMIN)
    const used = await invite()
    okData(await h.callAs('o_ga_taker')('grids.acceptInvite', { inviteCode: used }))
    await h.store.grids.createInvite(gridId, 'expiredcode00001', ADMIN, new Date(NOW.getTime() - DAY))
    const { items } = okData(await admin()('grids.invites', { gridId }))
    expect(items.map((i) => i.inviteCode).sort()).toEqual([mine, theirs].sort())
    expect(items.find((i) => i.inviteCode === mine)).toEqual({
      inviteCode: mine,
      invitedBy: '测试青年（区团委）',
      mine: true,
      expiresAt: new Date(NOW.getTime() + 7 * DAY).toISOString(),
    })
    expect(items.find((i) => i.inviteCode === theirs)?.mine).toBe(false)
  })

  it('revokes an open invite: it then fails inviteInfo and acceptInvite with a clear reason', async () => {
    const code = await invite(OTHER_ADMIN)
    // Any admin may revoke it, not only the one who made it.
    expect(okData(await admin()('grids.revokeInvite', { gridId, inviteCode: code }))).toEqual({
      inviteCode: code,
      revoked: true,
    })
    expect(okData(await h.callAs('o_ga_taker')('grids.inviteInfo', { inviteCode: code })).state).toBe('revoked')
    const refused = errorOf(await h.callAs('o_ga_taker')('grids.acceptInvite', { inviteCode: code }), 'CLOSED')
    expect(refused.message).toBe('这个邀请已被区团委撤销，请向区团委重新索取')
    expect(await h.store.grids.isLeader(gridId, 'o_ga_taker')).toBe(false)
    expect(okData(await admin()('grids.invites', { gridId })).items).toEqual([])
    // A repeat answers the same.
    okData(await admin()('grids.revokeInvite', { gridId, inviteCode: code }))
  })

  it('refuses to revoke a used invite, or one of another grid', async () => {
    const code = await invite()
    okData(await h.callAs('o_ga_taker')('grids.acceptInvite', { inviteCode: code }))
    errorOf(await admin()('grids.revokeInvite', { gridId, inviteCode: code }), 'CONFLICT')
    const other = (await seedGrid(h.store, [], { name: '别的网格' })).id
    errorOf(await admin()('grids.revokeInvite', { gridId: other, inviteCode: await invite() }), 'NOT_FOUND')
    errorOf(await h.callAs(LEADER)('grids.revokeInvite', { gridId, inviteCode: await invite() }), 'FORBIDDEN')
    errorOf(await h.callAs(LEADER)('grids.invites', { gridId }), 'FORBIDDEN')
  })

  it('a revocation racing an acceptance: exactly one of them wins', async () => {
    for (let n = 0; n < 6; n++) {
      const code = await invite()
      const taker = `o_ga_race${n}`
      const [revoked, accepted] = await Promise.all([
        admin()('grids.revokeInvite', { gridId, inviteCode: code }),
        h.callAs(taker)('grids.acceptInvite', { inviteCode: code }),
      ])
      expect([revoked.ok, accepted.ok].filter(Boolean)).toHaveLength(1)
      expect(await h.store.grids.isLeader(gridId, taker)).toBe(accepted.ok)
    }
  })
})
