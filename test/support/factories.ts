/**
 * Factories: tests build the people, grids, summons and plans they need through the store primitives the
 * handlers use, instead of leaning on the demo's names and counts (cloud/server/seed*.ts), which change
 * whenever the demo learns a new story. Every factory takes what matters to the test and defaults the rest.
 */
import type { Decision, GridInput, Id, Profile } from '../../types'
import { DAY_MS, HOUR_MS } from '../../types/rules'
import type { GridRecord, OrgFields, OrgRecord, Store, SummonRecord } from '../../cloud/store/port'

let serial = 0
/** A fresh openid (or name suffix) for this test run. */
export const uniqueId = (prefix = 'f') => `o_${prefix}_${(serial += 1).toString(36).padStart(4, '0')}`

/** A member with a profile. */
export async function aMember(store: Store, profile: Partial<Profile> = {}, openid = uniqueId('member')) {
  const saved = await store.users.saveProfile(
    openid,
    { name: '测试青年', affiliation: 'league', ...profile },
    new Date(Date.now() - 30 * DAY_MS),
  )
  return { openid, profile: saved }
}

/** A district admin (with a profile). */
export async function anAdmin(store: Store, name = '测试管理员', openid = uniqueId('admin')) {
  const admin = await aMember(store, { name }, openid)
  await store.users.addAdmin(admin.openid)
  return admin
}

export interface GridSpec extends Partial<GridInput> {
  leaders?: string[]
  members?: string[]
}

/** A grid with all of 四个一 unless told otherwise (`online: []`, `project: null`, a blank address, no leaders). */
export async function aGrid(store: Store, spec: GridSpec = {}): Promise<GridRecord> {
  const { leaders = [], members = [], ...input } = spec
  const now = new Date()
  const grid = await store.grids.create(
    {
      name: `测试网格${uniqueId('g').slice(-4)}`,
      townId: 'xixi',
      kind: 'community',
      base: { address: '测试路 1 号青年之家' },
      online: [{ kind: 'wechat_group', value: '测试青年群' }],
      project: { name: '测试项目', summary: '测试用的网格项目' },
      ...input,
    },
    now,
  )
  for (const openid of leaders) await store.grids.addLeader(grid.id, openid, now)
  for (const openid of members) await store.grids.addMember(grid.id, openid, now)
  return grid
}

/**
 * A poster check-in of `openid` at `gridId` (it also reports them to the grid), `agoMs` before now; with
 * `creditOrg`, credited to the member's organisation as the handler credits it.
 */
export async function aCheckIn(store: Store, openid: string, gridId: Id, agoMs = HOUR_MS, { creditOrg = false } = {}) {
  return store.checkins.record(
    {
      openid,
      requestId: uniqueId('req'),
      gridId,
      summonId: null,
      ...(creditOrg ? { orgId: await store.orgs.creditOrg(openid) } : {}),
      method: 'poster',
      verifiedBy: ['poster'],
    },
    new Date(Date.now() - agoMs),
    10,
  )
}

export interface OrgSpec extends Partial<OrgFields> {
  /** Secretaries (each also a member), through a secretary invite. */
  secretaries?: string[]
  /** Members, through a member invite (joining moves them out of any other organisation). */
  members?: string[]
  /** Members asking to join, waiting for a secretary. */
  requests?: string[]
}

/** An organisation (a committee in 西溪 unless told otherwise) with its secretaries, members and requests. */
export async function anOrg(store: Store, spec: OrgSpec = {}): Promise<OrgRecord> {
  const { secretaries = [], members = [], requests = [], ...fields } = spec
  const since = new Date(Date.now() - 20 * DAY_MS)
  const org = await store.orgs.create(
    { name: `测试组织${uniqueId('o').slice(-4)}`, kind: 'committee', townId: 'xixi', ...fields },
    since,
  )
  const expires = new Date(Date.now() + 7 * DAY_MS)
  const join = async (role: 'member' | 'secretary', openid: string) => {
    const code = uniqueId(role === 'member' ? 'mem' : 'sec').replace(/^o_/, '')
    await store.orgs.createInvite(org.id, role, code, openid, expires)
    const outcome = await store.orgs.joinByInvite(code, openid, since)
    if (!outcome.ok) throw new Error(`${openid} could not join: ${outcome.reason}`)
  }
  for (const openid of secretaries) await join('secretary', openid)
  for (const openid of members) await join('member', openid)
  for (const openid of requests) await store.orgs.request(org.id, openid, new Date(Date.now() - DAY_MS))
  return org
}

export interface SummonSpec {
  gridId: Id | null
  publishedBy: string
  title?: string
  /** Start relative to now (negative: in the past); it lasts two hours. */
  startsInMs?: number
  capacity?: number | null
  signUps?: string[]
  /** Of `signUps`, those who came (a live check-in ten minutes in). */
  attended?: string[]
}

/** A summon with sign-ups (taken a day before it starts) and, for one that began, attendance. */
export async function aSummon(store: Store, spec: SummonSpec): Promise<SummonRecord> {
  const start = Date.now() + (spec.startsInMs ?? 3 * DAY_MS)
  const publishedAt = new Date(start - 5 * DAY_MS)
  const summon = await store.summons.create(
    {
      gridId: spec.gridId,
      title: spec.title ?? `测试召集令 ${uniqueId('s').slice(-4)}`,
      body: '测试用的召集令。',
      place: '测试路 1 号',
      startAt: new Date(start).toISOString(),
      endAt: new Date(start + 2 * HOUR_MS).toISOString(),
      signUpDeadline: null,
      capacity: spec.capacity ?? null,
      tags: [],
      hours: 2,
      planId: null,
      publishedBy: spec.publishedBy,
    },
    publishedAt,
  )
  for (const [i, openid] of (spec.signUps ?? []).entries())
    await store.summons.signUp(summon.id, openid, new Date(start - DAY_MS + i * 60_000))
  for (const openid of spec.attended ?? [])
    await store.checkins.record(
      {
        openid,
        requestId: uniqueId('live'),
        gridId: spec.gridId,
        summonId: summon.id,
        method: 'live',
        verifiedBy: ['live'],
        summon: { title: summon.title, hours: summon.hours },
      },
      new Date(start + 10 * 60_000),
      10,
    )
  return (await store.summons.get(summon.id)) ?? summon
}

export interface IdeaSpec {
  by: string
  content?: string
  pending?: boolean
  decision?: Decision
  /** The leader's reply to the decision ('谢谢建议' unless told). */
  reply?: string
  /** Members who like it (each a minute after the idea). */
  likedBy?: string[]
  /** When it was added, before now (a day unless told); a decision comes six hours later. */
  agoMs?: number
}

export interface PlanSpec {
  gridId: Id
  publishedBy: string
  title?: string
  /** The current draft (version 1, or version 2 when there is a `firstDraft`). */
  draft?: string
  /** A first version, edited into `draft` a day after publication. */
  firstDraft?: string
  /** The end of the ideas window (a week ahead unless told; null: none). */
  ideasUntil?: string | null
  /** When it was published, before now (two days unless told). */
  createdAgoMs?: number
  ideas?: IdeaSpec[]
  /** Finalized an hour ago, after its ideas. */
  finalized?: boolean
}

/** A plan collecting ideas for a week more, with the given ideas (decided ones answered at once). */
export async function aPlan(store: Store, spec: PlanSpec) {
  const now = Date.now()
  const createdAt = now - (spec.createdAgoMs ?? 2 * DAY_MS)
  const draft = spec.draft ?? '测试用的方案草稿。'
  const plan = await store.plans.create(
    {
      gridId: spec.gridId,
      title: spec.title ?? `测试方案 ${uniqueId('p').slice(-4)}`,
      draft: spec.firstDraft ?? draft,
      ideasUntil: spec.ideasUntil === undefined ? new Date(now + 7 * DAY_MS).toISOString() : spec.ideasUntil,
      publishedBy: spec.publishedBy,
    },
    new Date(createdAt),
  )
  if (spec.firstDraft !== undefined) {
    const edited = await store.plans.update(plan.id, { draft }, new Date(createdAt + DAY_MS))
    if (!edited.ok) throw new Error('the first draft could not be edited')
  }
  for (const idea of spec.ideas ?? []) {
    const at = now - (idea.agoMs ?? DAY_MS)
    const outcome = await store.plans.addIdea(
      {
        planId: plan.id,
        openid: idea.by,
        content: idea.content ?? '测试建议',
        status: idea.pending ? 'pending_review' : 'visible',
      },
      new Date(at),
      { max: Number.MAX_SAFE_INTEGER, windowMinutes: 1 },
    )
    if (!outcome.ok) throw new Error(`the idea was refused: ${outcome.reason}`)
    for (const [i, openid] of (idea.likedBy ?? []).entries())
      await store.plans.like(outcome.idea.id, openid, true, new Date(at + (i + 1) * 60_000))
    if (idea.decision) {
      const decidedAt = idea.agoMs === undefined ? now - HOUR_MS : at + 6 * HOUR_MS
      await store.plans.decide(outcome.idea.id, idea.decision, idea.reply ?? '谢谢建议', new Date(decidedAt))
    }
  }
  if (spec.finalized) await store.plans.finalize(plan.id, new Date(now - HOUR_MS))
  return plan
}
