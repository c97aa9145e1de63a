/**
 * Database operations per action on the WeChat cloud-database adapter: the real handlers run through
 * `dispatch` over `createWxCloudStore(standIn.db)`, and the stand-in counts every read, write, count and
 * aggregation (a transaction's each). The basic cloud plan allows about 30 database operations a second,
 * so these counts say how many actions a second a deployment can take. Exact counts: no timing involved.
 */
import type { Ctx } from '../cloud/core/context'
import { dispatch } from '../cloud/core/dispatch'
import { liveWindow, signLiveCode, signPosterScene } from '../cloud/domain/codes'
import { FUNCTIONS } from '../cloud/functions'
import { createLocalPlatform } from '../cloud/platform/local'
import { createWxCloudStore } from '../cloud/store/wxcloud'
import type { Envelope, FunctionName } from '../types'
import { createWxDbStandIn } from '../test/support/wxdb-standin'
import { round, type Row } from './lib'

const SECRET = 'bench-secret-0123456789'
const ADMIN = 'o_ops_admin'
const LEADER = 'o_ops_leader'
const QUOTA_PER_SECOND = 30

export async function dbOpsRows(): Promise<Row[]> {
  const standIn = createWxDbStandIn()
  const store = createWxCloudStore(standIn.db)
  const platform = { ...createLocalPlatform(), codeImage: async () => undefined }
  const now = new Date()
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
  const rows: Row[] = []
  /** Runs one action and records the operations it took. */
  const measure = async <T>(label: string, openid: string, name: string, data: unknown): Promise<T> => {
    const before = standIn.ops
    const result = await call<T>(openid, name, data)
    const ops = standIn.ops - before
    rows.push({
      section: 'cloud db ops',
      name: `${label}: ops per action`,
      value: ops,
      unit: 'ops',
      against: { name: `quota ${QUOTA_PER_SECOND} ops/s`, value: QUOTA_PER_SECOND },
      ratio: round(ops / QUOTA_PER_SECOND, 3),
      note: `≈ ${round(QUOTA_PER_SECOND / Math.max(ops, 1), 1)} actions/s on the basic plan`,
    })
    return result
  }

  // A small district: 3 grids, a leader, members with profiles, a summon of capacity 1, a plan.
  const members = ['o_ops_a', 'o_ops_b', 'o_ops_c', 'o_ops_d']
  for (const openid of [ADMIN, LEADER, ...members])
    await call(openid, 'account.updateProfile', { name: '测试青年', affiliation: 'league' })
  const grids: string[] = []
  for (const [i, townId] of ['xixi', 'beishan', 'xixi'].entries()) {
    const grid = await call<{ id: string }>(ADMIN, 'grids.create', {
      name: `测算网格${i + 1}`,
      townId,
      kind: 'building',
      base: { address: `测算路 ${i + 1} 号` },
    })
    grids.push(grid.id)
  }
  await store.grids.addLeader(grids[0], LEADER, now)
  const startAt = new Date(now.getTime() + 3_600_000).toISOString()
  const endAt = new Date(now.getTime() + 3 * 3_600_000).toISOString()
  const summon = await call<{ id: string }>(LEADER, 'summons.publish', {
    gridId: grids[0],
    title: '测算召集令',
    body: '',
    place: '测算地点',
    startAt,
    endAt,
    capacity: 1,
  })
  const plan = await call<{ id: string }>(LEADER, 'plans.publish', {
    gridId: grids[0],
    title: '测算方案',
    draft: '草稿',
  })
  await call(members[3], 'checkin.scan', { code: signPosterScene(grids[1], SECRET), requestId: 'ops-seed-0001' })

  await measure('account.me (member of 1 grid)', members[3], 'account.me', {})
  await measure('grids.get', members[0], 'grids.get', { gridId: grids[0] })
  await measure('summons.signUp, confirmed', members[0], 'summons.signUp', { summonId: summon.id })
  await measure('summons.signUp, waitlisted', members[1], 'summons.signUp', { summonId: summon.id })
  await measure('summons.cancel with promotion', members[0], 'summons.cancel', { summonId: summon.id })
  await measure('checkin.scan poster (first report)', members[2], 'checkin.scan', {
    code: signPosterScene(grids[0], SECRET),
    requestId: 'ops-poster-0001',
  })
  await measure('checkin.scan live (marks attended)', members[1], 'checkin.scan', {
    code: signLiveCode(summon.id, liveWindow(now, 30), SECRET),
    requestId: 'ops-live-00001',
  })
  await measure('checkin.scan, same request id again', members[1], 'checkin.scan', {
    code: signLiveCode(summon.id, liveWindow(now, 30), SECRET),
    requestId: 'ops-live-00001',
  })
  const idea = await measure<{ id: string }>('plans.addIdea', members[2], 'plans.addIdea', {
    planId: plan.id,
    content: '可以增加周末场次',
  })
  await measure('plans.likeIdea', members[3], 'plans.likeIdea', { ideaId: idea.id, like: true })
  await measure('stats.overview (3 grids)', ADMIN, 'stats.overview', {})
  return rows
}
