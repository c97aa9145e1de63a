/**
 * A small world for the authorization matrix and the malformed-input suite: grid G led by `o_leader`,
 * grid H led by `o_other`, an admin from the admins table and one from configuration, a member with a
 * profile and no roles, a newcomer without a profile — and a valid request of every action, aimed at grid G.
 */
import { newId } from '../../cloud/core/ids'
import { signPosterScene } from '../../cloud/domain/codes'
import { FUNCTIONS } from '../../cloud/functions'
import { userIdOf } from '../../cloud/functions/grid-admin'
import type { ActionName, PublishSummonReq, ReqOf } from '../../types'
import { createHarness, NOW, platformWithoutImages, SECRET, seedGrid, seedProfiles, type Harness } from './helpers'

export const OPENIDS = {
  newcomer: 'o_newcomer',
  member: 'o_member',
  otherLeader: 'o_other',
  leader: 'o_leader',
  admin: 'o_admin',
  configAdmin: 'o_config_admin',
} as const

export type SignedInRole = keyof typeof OPENIDS
export type Role = 'anonymous' | SignedInRole
export const ROLES: readonly Role[] = [
  'anonymous',
  'newcomer',
  'member',
  'otherLeader',
  'leader',
  'admin',
  'configAdmin',
]

export const openidOf = (role: Role): string | null => (role === 'anonymous' ? null : OPENIDS[role])

export interface World {
  h: Harness
  gridG: string
  gridH: string
  /** A summon of grid G once summons are built; a placeholder id before. */
  summonId: string
  /** A plan of grid G with an idea by the member and one held for review, once plans are built. */
  planId: string
  ideaId: string
  pendingIdeaId: string
  newInvite(): Promise<string>
  /** Organisation O (secretary `o_leader`, member `o_member`, a join request by `o_applicant`) and P (`o_other`). */
  orgO: string
  orgP: string
  newOrgInvite(): Promise<string>
}

/** Asks to join organisation O in every world (the secretary's decision has a request to decide). */
export const APPLICANT = 'o_applicant'

const HOUR = 3600_000
const DAY = 24 * HOUR
const later = (ms: number) => new Date(NOW.getTime() + ms).toISOString()

/** A summon starting within the hour, so that sign-up is open and the live code is already shown. */
export function summonRequest(gridId?: string): PublishSummonReq {
  return {
    ...(gridId ? { gridId } : {}),
    title: '周末社区志愿服务',
    body: '一起打扫社区公园',
    place: '西湖区青年之家',
    startAt: later(HOUR),
    endAt: later(3 * HOUR),
    signUpDeadline: later(HOUR / 2),
    capacity: 10,
    tags: ['志愿'],
    hours: 2,
  }
}

export async function buildWorld(): Promise<World> {
  const h = createHarness({ adminOpenids: [OPENIDS.configAdmin], platform: platformWithoutImages() })
  await seedProfiles(
    h.store,
    Object.values(OPENIDS).filter((openid) => openid !== OPENIDS.newcomer),
  )
  await h.store.users.addAdmin(OPENIDS.admin)
  const gridG = (await seedGrid(h.store, [OPENIDS.leader], { name: '网格G' })).id
  const gridH = (await seedGrid(h.store, [OPENIDS.otherLeader], { name: '网格H' })).id
  const published = await h.callAs(OPENIDS.leader)('summons.publish', summonRequest(gridG))
  const summonId = published.ok ? published.data.id : 'nosummon'
  const plan = await h.callAs(OPENIDS.leader)('plans.publish', { gridId: gridG, title: '暑期活动方案', draft: '初稿' })
  const planId = plan.ok ? plan.data.id : 'noplan'
  const idea = await h.callAs(OPENIDS.member)('plans.addIdea', { planId, content: '可以加一场读书会' })
  const ideaId = idea.ok ? idea.data.id : 'noidea'
  // The local content check holds texts asking for private contact for review.
  const held = await h.callAs(OPENIDS.member)('plans.addIdea', { planId, content: '有兴趣的私聊我' })
  const pendingIdeaId = held.ok ? held.data.id : 'noidea'
  const newInvite = async () => {
    const code = newId(16)
    await h.store.grids.createInvite(gridG, code, OPENIDS.admin, new Date(NOW.getTime() + DAY))
    return code
  }
  await seedProfiles(h.store, [APPLICANT])
  const orgO = (await h.store.orgs.create({ name: '测试团委O', kind: 'committee', townId: 'xixi' }, NOW)).id
  const orgP = (await h.store.orgs.create({ name: '测试团支部P', kind: 'branch', townId: 'xixi' }, NOW)).id
  const orgInvite = async (orgId: string, role: 'member' | 'secretary') => {
    const code = newId(16)
    await h.store.orgs.createInvite(orgId, role, code, OPENIDS.admin, new Date(NOW.getTime() + DAY))
    return code
  }
  await h.store.orgs.joinByInvite(await orgInvite(orgO, 'secretary'), OPENIDS.leader, NOW)
  await h.store.orgs.joinByInvite(await orgInvite(orgP, 'secretary'), OPENIDS.otherLeader, NOW)
  await h.store.orgs.joinByInvite(await orgInvite(orgO, 'member'), OPENIDS.member, NOW)
  await h.store.orgs.request(orgO, APPLICANT, NOW)
  const newOrgInvite = () => orgInvite(orgO, 'member')
  return { h, gridG, gridH, summonId, planId, ideaId, pendingIdeaId, newInvite, orgO, orgP, newOrgInvite }
}

type RequestMaker<A extends ActionName> = (world: World, caller: string | null) => ReqOf<A> | Promise<ReqOf<A>>

/** A valid request of every action of the contract (the type makes a new action a compile error here). */
export const VALID_REQUESTS: { [A in ActionName]: RequestMaker<A> } = {
  'account.me': () => ({}),
  'account.verifyPhone': () => ({ code: 'local-phone:13812345678' }),
  'account.updateProfile': () => ({ name: '陈晓青', phone: '13812345678', org: '某团支部', affiliation: 'league' }),

  'grids.towns': () => ({}),
  'grids.list': () => ({ townId: 'xixi', q: '网格' }),
  'grids.get': (w) => ({ gridId: w.gridG }),
  'grids.create': () => ({
    name: '新建楼宇网格',
    townId: 'xixi',
    kind: 'building',
    base: { address: '西湖区某路 8 号', lat: 30.28, lng: 120.12, radiusM: 300 },
    online: [{ kind: 'wechat_group', value: '青年群' }],
    project: { name: '乐创汇', summary: '创业沙龙' },
    requireLocation: true,
  }),
  'grids.update': (w) => ({ gridId: w.gridG, name: '改名后的网格', base: { address: '新地址' } }),
  'grids.invite': (w) => ({ gridId: w.gridG }),
  'grids.acceptInvite': async (w) => ({ inviteCode: await w.newInvite() }),
  'grids.inviteInfo': async (w) => ({ inviteCode: await w.newInvite() }),
  'grids.posterCode': (w) => ({ gridId: w.gridG }),
  'grids.removeLeader': (w) => ({ gridId: w.gridG, userId: userIdOf(OPENIDS.leader, SECRET) }),
  'grids.invites': (w) => ({ gridId: w.gridG }),
  'grids.revokeInvite': async (w) => ({ gridId: w.gridG, inviteCode: await w.newInvite() }),
  'grids.members': (w) => ({ gridId: w.gridG }),
  'grids.archive': (w) => ({ gridId: w.gridG, archived: true }),
  'grids.checkins': (w) => ({ gridId: w.gridG }),
  'grids.follow': (w) => ({ gridId: w.gridG, follow: true, subscribed: true }),
  'grids.following': (w) => ({ gridId: w.gridG }),

  'checkin.scan': (w) => ({
    code: signPosterScene(w.gridG, SECRET),
    requestId: `req-${newId(12)}`,
    location: { lat: 30.28, lng: 120.12, accuracy: 20 },
  }),
  'checkin.liveCode': (w) => ({ summonId: w.summonId }),
  'checkin.mine': () => ({}),

  'summons.publish': (w) => summonRequest(w.gridG),
  'summons.list': (w) => ({ scope: 'grid', gridId: w.gridG, limit: 10 }),
  'summons.get': (w) => ({ summonId: w.summonId }),
  'summons.signUp': (w) => ({ summonId: w.summonId }),
  'summons.shareCard': (w) => ({ summonId: w.summonId }),
  'summons.cancel': async (w, caller) => {
    // Cancelling needs a sign-up of one's own first.
    if (caller) await w.h.callAs(caller)('summons.signUp', { summonId: w.summonId })
    return { summonId: w.summonId }
  },
  'summons.roster': (w) => ({ summonId: w.summonId }),
  'summons.withdraw': (w) => ({ summonId: w.summonId, reason: '天气原因' }),
  'summons.update': (w) => ({ summonId: w.summonId, place: '西湖区青年之家二楼', capacity: 12 }),
  'summons.exportRoster': (w) => ({ summonId: w.summonId }),

  'plans.publish': (w) => ({ gridId: w.gridG, title: '暑期活动方案', draft: '初稿内容', ideasUntil: later(5 * DAY) }),
  'plans.list': (w) => ({ gridId: w.gridG }),
  'plans.get': (w) => ({ planId: w.planId, sort: 'likes' }),
  'plans.update': (w) => ({ planId: w.planId, title: '暑期活动方案（二稿）', draft: '二稿', ideasUntil: null }),
  'plans.finalize': (w) => ({ planId: w.planId }),
  'plans.addIdea': (w) => ({ planId: w.planId, content: '建议增加亲子环节' }),
  'plans.likeIdea': (w) => ({ ideaId: w.ideaId, like: true }),
  'plans.replyIdea': (w) => ({ ideaId: w.ideaId, decision: 'adopted', reply: '已采纳，谢谢' }),
  'plans.reviewIdea': (w) => ({ ideaId: w.pendingIdeaId, approve: false, reason: '含有个人联系方式' }),

  'stats.overview': () => ({ townId: 'xixi' }),
  'stats.grids': () => ({ townId: 'xixi', filter: 'all', sort: 'score' }),
  'stats.export': () => ({ kind: 'grids' }),
  'stats.orgs': () => ({ townId: 'xixi', quarter: '2026Q2' }),

  'orgs.list': () => ({ townId: 'xixi', q: '测试' }),
  'orgs.get': (w) => ({ orgId: w.orgO }),
  'orgs.create': (w) => ({ name: '新建团支部', kind: 'branch', townId: 'xixi', parentId: w.orgO }),
  'orgs.update': (w) => ({ orgId: w.orgO, name: '改名后的团委', kind: 'committee' }),
  'orgs.invite': (w) => ({ orgId: w.orgO, role: 'member' }),
  'orgs.join': async (w) => ({ inviteCode: await w.newOrgInvite() }),
  'orgs.decide': (w) => ({ orgId: w.orgO, openid: APPLICANT, accept: true }),
  'orgs.leave': () => ({}),
  'orgs.members': (w) => ({ orgId: w.orgO, quarter: '2026Q2', filter: 'all' }),
  'orgs.receipt': (w) => ({ orgId: w.orgO, openid: OPENIDS.member, quarter: '2026Q2' }),
  'orgs.export': (w) => ({ orgId: w.orgO, quarter: '2026Q2' }),
  'orgs.posterCode': (w) => ({ orgId: w.orgO }),

  'hours.mine': () => ({ year: 2026 }),
  'hours.roster': (w) => ({ summonId: w.summonId }),
  'hours.confirm': (w) => ({ summonId: w.summonId }),
  'hours.makeup': (w) => ({ summonId: w.summonId, openid: OPENIDS.member, hours: 1.5, reason: '忘记签退，现场核实' }),
  'hours.audit': () => ({}),
  'hours.certificate': () => ({ year: 2026 }),
  'hours.verify': () => ({ number: 'H2026-AAAAAAAAAA-AAAA' }),
  'hours.export': (w) => ({ summonId: w.summonId }),
}

/** Every `function.action` the registry serves, so suites that iterate it cover new actions. */
export function registeredActions(): string[] {
  return Object.entries(FUNCTIONS).flatMap(([fn, handlers]) => Object.keys(handlers).map((a) => `${fn}.${a}`))
}

export function validRequest(action: string, world: World, caller: string | null): Promise<unknown> {
  if (!Object.prototype.hasOwnProperty.call(VALID_REQUESTS, action)) {
    throw new Error(`add a valid request for ${action} to test/cloud/world.ts`)
  }
  const make = VALID_REQUESTS[action as ActionName] as RequestMaker<ActionName>
  return Promise.resolve(make(world, caller))
}
