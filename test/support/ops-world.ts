/**
 * Cloud-database operations per action, measured on a warm instance (one that has served an earlier call
 * for the same grid, summon or organisation, and the member's `account.me`, which the app calls at launch): the real handlers through `dispatch` over `createWxCloudStore` on the
 * stand-in, which counts every read, write, count and aggregation (a transaction's each). Shared by the
 * budget test (test/cloud/budgets.test.ts) and the benchmark report (bench/dbops.ts). Exact counts, no timing.
 */
import type { Ctx } from '../../cloud/core/context'
import { dispatch } from '../../cloud/core/dispatch'
import { liveWindow, shortLiveCode, signLiveCode, signPosterScene } from '../../cloud/domain/codes'
import { FUNCTIONS } from '../../cloud/functions'
import { userIdOf } from '../../cloud/functions/grid-admin'
import { foldMemberTotals } from '../../cloud/jobs/memberTotals'
import { takeStatsSnapshots } from '../../cloud/jobs/snapshots'
import { createLocalPlatform } from '../../cloud/platform/local'
import { createWxCloudStore } from '../../cloud/store/wxcloud'
import type { Envelope, FunctionName } from '../../types'
import { createWxDbStandIn } from './wxdb-standin'

const SECRET = 'ops-secret-0123456789'
const ADMIN = 'o_ops_admin'
const LEADER = 'o_ops_leader'
/** plans.reviewIdea: the idea, its plan and the caller's standing (read once for access and run), the write, the idea read back. */
const REVIEW_BUDGET = 6

export interface Measured {
  action: string
  ops: number
  /** The budget of issue 11's table, where it names one. */
  budget?: number
}

export interface OpsWorldOptions {
  /** Ideas on the measured plan (plans.get pages them). */
  ideas?: number
  /** Grids in the district (stats.overview). */
  grids?: number
}

/**
 * The job's operations besides one write per grid whose figures changed (issue 16): the snapshots' 36
 * (budgeted 37 before), then the kept figures' head read and flip (2), one read per 1,000 records of the
 * slot written (1), and one summary per scope (the district and 13 towns). stats.grids: the head and the
 * page (the admin check is the instance's), whatever the number of grids.
 */
const JOB_FIRST_RUN_BUDGET = 36 + 2 + 1 + 14

export async function measureActions({ ideas = 500, grids = 200 }: OpsWorldOptions = {}): Promise<Measured[]> {
  const standIn = createWxDbStandIn()
  const store = createWxCloudStore(standIn.db)
  const platform = { ...createLocalPlatform(), codeImage: async () => undefined }
  const now = new Date('2026-06-01T02:00:00.000Z')
  const ctxOf = (openid: string): Ctx => ({
    openid,
    store,
    platform,
    config: { secret: SECRET, adminOpenids: [ADMIN], liveCodeSeconds: 30 },
    now: () => now,
  })
  const call = async <T>(openid: string, name: string, data: unknown): Promise<T> => {
    const [fn, action] = name.split('.') as [FunctionName, string]
    const envelope = (await dispatch(FUNCTIONS[fn], { action, data }, ctxOf(openid))) as Envelope<T>
    if (!envelope.ok) throw new Error(`${name}: ${JSON.stringify(envelope.error)}`)
    return envelope.data
  }
  const results: Measured[] = []
  const measure = async <T>(
    action: string,
    budget: number | undefined,
    openid: string,
    name: string,
    data: unknown,
  ) => {
    const before = standIn.ops
    const result = await call<T>(openid, name, data)
    results.push({ action, ops: standIn.ops - before, budget })
    return result
  }

  const members = Array.from({ length: 6 }, (_, i) => `o_ops_m${i}`)
  for (const openid of [ADMIN, LEADER, ...members])
    await call(openid, 'account.updateProfile', { name: '测试青年', affiliation: 'league' })
  const gridIds: string[] = []
  for (let i = 0; i < grids; i++) {
    const grid = await call<{ id: string }>(ADMIN, 'grids.create', {
      name: `测算网格${i + 1}`,
      townId: i % 2 ? 'beishan' : 'xixi',
      kind: 'building',
      base: { address: `测算路 ${i + 1} 号` },
    })
    gridIds.push(grid.id)
  }
  const gridId = gridIds[0]
  await store.grids.addLeader(gridId, LEADER, now)
  const summon = await call<{ id: string }>(LEADER, 'summons.publish', {
    gridId,
    title: '测算召集令',
    body: '',
    place: '测算地点',
    startAt: new Date(now.getTime() + 3_600_000).toISOString(),
    endAt: new Date(now.getTime() + 3 * 3_600_000).toISOString(),
    capacity: 1,
  })
  const plan = await call<{ id: string }>(LEADER, 'plans.publish', { gridId, title: '测算方案', draft: '草稿' })
  for (let i = 0; i < ideas; i++)
    await store.plans.addIdea(
      { planId: plan.id, openid: `o_ops_author${i}`, content: `建议 ${i + 1}`, status: 'visible' },
      now,
      { max: 1000, windowMinutes: 1 },
    )
  const [a, b, c, d, e] = members
  // An organisation with its secretary (the leader) and every member, joined by a member invite.
  const org = await call<{ id: string }>(ADMIN, 'orgs.create', { name: '测算团委', kind: 'committee', townId: 'xixi' })
  const secretaryInvite = await call<{ inviteCode: string }>(ADMIN, 'orgs.invite', { orgId: org.id, role: 'secretary' })
  await call(LEADER, 'orgs.join', { inviteCode: secretaryInvite.inviteCode })
  const memberInvite = await call<{ inviteCode: string }>(LEADER, 'orgs.invite', { orgId: org.id, role: 'member' })
  for (const openid of members) await call(openid, 'orgs.join', { inviteCode: memberInvite.inviteCode })
  for (const openid of members) await call(openid, 'account.me', {})
  await call(e, 'orgs.get', { orgId: org.id })
  // Warm the instance for the grid, the summon and the plan (another member's reads).
  await call(e, 'grids.get', { gridId })
  await call(e, 'summons.get', { summonId: summon.id })
  await call(e, 'plans.get', { planId: plan.id })
  await call(e, 'checkin.scan', { code: signPosterScene(gridId, SECRET), requestId: 'ops-warm-00001' })
  await call(ADMIN, 'stats.overview', {})

  const poster = signPosterScene(gridId, SECRET)
  const live = signLiveCode(summon.id, liveWindow(now, 30), SECRET)
  await measure('checkin.scan poster, first report', 3, a, 'checkin.scan', { code: poster, requestId: 'ops-poster-01' })
  await measure('checkin.scan, same requestId again', 1, a, 'checkin.scan', {
    code: poster,
    requestId: 'ops-poster-01',
  })
  await measure('summons.signUp, confirmed', 3, b, 'summons.signUp', { summonId: summon.id })
  await measure('summons.signUp, waitlisted', 5, c, 'summons.signUp', { summonId: summon.id })
  await measure('checkin.scan live, signed-up member', 4, b, 'checkin.scan', { code: live, requestId: 'ops-live-0001' })
  await measure('summons.cancel with promotion', 4, b, 'summons.cancel', { summonId: summon.id })
  // A leader raising the capacity by one with one member waiting: promoted in the same update.
  await call(e, 'summons.signUp', { summonId: summon.id })
  await measure('summons.update, capacity raised (one promoted)', 5, LEADER, 'summons.update', {
    summonId: summon.id,
    capacity: 2,
  })
  await measure('summons.update, place changed (two told)', 6, LEADER, 'summons.update', {
    summonId: summon.id,
    place: '测算地点二楼',
  })
  // A leader reading the grid's members and check-in history, a page each.
  await measure('grids.members (one page)', 3, LEADER, 'grids.members', { gridId })
  await measure('grids.checkins (one page)', 3, LEADER, 'grids.checkins', { gridId })
  // A member opening the plan's page (the page's counts are the instance's for 10 s; see wxcloud/plans.ts).
  await measure(`plans.get (${ideas} ideas, first page)`, 3, a, 'plans.get', { planId: plan.id })
  const idea = await measure<{ id: string }>('plans.addIdea', 5, d, 'plans.addIdea', {
    planId: plan.id,
    content: '可以增加周末场次',
  })
  await measure('plans.likeIdea', 3, a, 'plans.likeIdea', { ideaId: idea.id, like: true })
  // The grid's leader deciding two ideas held for review (issue 12: the author is told either way).
  const held = async (content: string) =>
    (
      await store.plans.addIdea({ planId: plan.id, openid: e, content, status: 'pending_review' }, now, {
        max: 1000,
        windowMinutes: 1,
      })
    ).ok
  await held('待审核的建议一')
  await held('待审核的建议二')
  const heldIds = (await store.plans.ideas(plan.id, LEADER))
    .filter((i) => i.status === 'pending_review')
    .map((i) => i.id)
  await measure('plans.reviewIdea, approved (author told)', REVIEW_BUDGET, LEADER, 'plans.reviewIdea', {
    ideaId: heldIds[0],
    approve: true,
  })
  await measure('plans.reviewIdea, rejected with a reason (author told)', REVIEW_BUDGET, LEADER, 'plans.reviewIdea', {
    ideaId: heldIds[1],
    approve: false,
    reason: '含有个人联系方式',
  })
  // The member-total fold (cloud/jobs/memberTotals.ts) on the timer: its first run over a district written
  // before it (no join 10 minutes old yet: every grid moved at once), then a run with one grid's joins in
  // its window (9: the mark, the window, grids never folded, the next 5 to audit, the window's grid records,
  // its update, the audited grids' count, moving the rest, the mark). grids.get below reads the folded
  // total plus the joins since.
  const job = async (action: string, budget: number | undefined, at: Date) => {
    const before = standIn.ops
    await foldMemberTotals(standIn.db, at)
    results.push({ action, ops: standIn.ops - before, budget })
  }
  await job(`member totals fold job, first run (${grids} grids never folded)`, 4, now)
  await job('member totals fold job, one grid with joins since', 9, new Date(now.getTime() + 15 * 60_000))
  await measure('grids.get', 2, a, 'grids.get', { gridId })
  await measure('summons.get', 2, a, 'summons.get', { summonId: summon.id })
  await measure('account.me', 3, a, 'account.me', {})
  await measure(`stats.overview (${grids} grids)`, 2, ADMIN, 'stats.overview', {})
  const quarter = '2026Q2'
  // +1 each for the confirmed hours credited (issue 15: `service_hours`, one query).
  await measure('orgs.members (one page)', 5, LEADER, 'orgs.members', { orgId: org.id, quarter })
  await measure('orgs.receipt (by the secretary)', 5, LEADER, 'orgs.receipt', { orgId: org.id, openid: b, quarter })
  await measure('orgs.receipt (own)', 4, b, 'orgs.receipt', { orgId: org.id, quarter })

  // 志愿时长 (issue 15): an ended service summon (made in the store: publishing refuses a past start).
  const service = await store.summons.create(
    {
      gridId,
      title: '测算志愿服务',
      body: '',
      place: '测算地点',
      startAt: new Date(now.getTime() - 3 * 3_600_000).toISOString(),
      endAt: new Date(now.getTime() - 3_600_000).toISOString(),
      signUpDeadline: null,
      capacity: null,
      tags: [],
      hours: 2,
      planId: null,
      publishedBy: LEADER,
    },
    now,
  )
  const window = liveWindow(now, 30)
  const serviceIn = signLiveCode(service.id, window, SECRET)
  const serviceOut = signLiveCode(service.id, window, SECRET, 'out')
  await call(a, 'summons.get', { summonId: service.id })
  for (const [i, openid] of members.entries())
    await call(openid, 'checkin.scan', { code: serviceIn, requestId: `ops-in-${String(i).padStart(6, '0')}` })
  await call(e, 'checkin.scan', { code: serviceOut, requestId: 'ops-out-warm01' })
  await measure('checkin.scan sign-out (签退)', 3, a, 'checkin.scan', { code: serviceOut, requestId: 'ops-out-00001' })
  await measure('checkin.scan sign-out, again at the same time', 3, a, 'checkin.scan', {
    code: serviceOut,
    requestId: 'ops-out-00002',
  })
  await measure('checkin.scan typed 6-digit sign-out', undefined, b, 'checkin.scan', {
    code: shortLiveCode(service.id, window, SECRET, 'out'),
    summonId: service.id,
    requestId: 'ops-out-00003',
  })
  await measure('hours.roster', undefined, LEADER, 'hours.roster', { summonId: service.id })
  await measure('hours.makeup', undefined, LEADER, 'hours.makeup', {
    summonId: service.id,
    openid: c,
    hours: 1.5,
    reason: '忘记签退，现场核实',
  })
  await measure(`hours.confirm (${members.length} members)`, undefined, LEADER, 'hours.confirm', {
    summonId: service.id,
  })
  await measure('hours.mine, first page', 2, a, 'hours.mine', {})
  const cert = await measure<{ number: string }>('hours.certificate', undefined, a, 'hours.certificate', {})
  await measure('hours.verify', undefined, b, 'hours.verify', { number: cert.number })
  await measure('hours.audit', undefined, ADMIN, 'hours.audit', {})
  await measure('hours.export', undefined, LEADER, 'hours.export', { summonId: service.id })

  // The scheduled job (cloud/wx/main.ts) over the district: the service summon above has ended with six
  // walk-ins (现场签到), counted in the same pipeline as its attendance, at no extra operation.
  // Issue 16: the job also keeps each grid's figures as a record (written only when they changed) and
  // each scope's summary: the first run writes every grid; a later one only the grids that moved.
  const beforeJob = standIn.ops
  await takeStatsSnapshots(store, now)
  results.push({
    action: `stats snapshot job (${grids} grids, 2 towns with grids), first run`,
    ops: standIn.ops - beforeJob,
    budget: JOB_FIRST_RUN_BUDGET + grids,
  })
  await call(a, 'checkin.scan', { code: poster, requestId: 'ops-poster-job' })
  // Twice: the second run writes the other slot, which the first never held (then steady state).
  await takeStatsSnapshots(store, now)
  await call(b, 'checkin.scan', { code: poster, requestId: 'ops-poster-job2' })
  const beforeRerun = standIn.ops
  await takeStatsSnapshots(store, now)
  results.push({
    action: `stats snapshot job (${grids} grids), one grid changed since the slot was written`,
    ops: standIn.ops - beforeRerun,
    budget: JOB_FIRST_RUN_BUDGET + 1,
  })
  await measure(`stats.overview summary (${grids} grids)`, 2, ADMIN, 'stats.overview', { summary: true })
  const first = await measure<{ nextCursor?: string }>(
    `stats.grids (${grids} grids), first page`,
    2,
    ADMIN,
    'stats.grids',
    {},
  )
  await measure(`stats.grids (${grids} grids), next page`, 2, ADMIN, 'stats.grids', {
    cursor: first.nextCursor,
    sort: 'incompleteFirst',
  })
  await measure(`stats.grids (${grids} grids), quiet by score`, 2, ADMIN, 'stats.grids', {
    filter: 'quiet',
    sort: 'score',
  })

  // A shared summon (动态消息): the sign-up that pushes 「已报名 x/y」 reads the count once more; the next
  // ones inside the push window (cloud/jobs/shareCards.ts PUSH_WINDOW_MS) cost what a plain sign-up costs.
  const shared = await call<{ id: string }>(LEADER, 'summons.publish', {
    gridId,
    title: '测算分享召集令',
    body: '',
    place: '测算地点',
    startAt: new Date(now.getTime() + 3_600_000).toISOString(),
    endAt: new Date(now.getTime() + 3 * 3_600_000).toISOString(),
    capacity: 10,
  })
  await call(e, 'summons.shareCard', { summonId: shared.id })
  await call(e, 'summons.get', { summonId: shared.id })
  await measure('summons.signUp, confirmed, pushing the share card', 4, a, 'summons.signUp', { summonId: shared.id })
  await measure('summons.signUp, confirmed, share card in its push window', 3, b, 'summons.signUp', {
    summonId: shared.id,
  })
  // 区团委 over the grid's leadership (issue 12): two open invites, one revoked; a second leader removed.
  for (let i = 0; i < 2; i++) await call(ADMIN, 'grids.invite', { gridId })
  const open = await measure<{ items: { inviteCode: string }[] }>(
    'grids.invites (two open)',
    2,
    ADMIN,
    'grids.invites',
    {
      gridId,
    },
  )
  await measure('grids.revokeInvite', 1, ADMIN, 'grids.revokeInvite', { gridId, inviteCode: open.items[0].inviteCode })
  await store.grids.addLeader(gridId, a, now)
  await measure('grids.removeLeader', 7, ADMIN, 'grids.removeLeader', { gridId, userId: userIdOf(a, SECRET) })
  if (standIn.warnings.length) throw new Error(`queries without an index: ${JSON.stringify(standIn.warnings)}`)
  return results
}
