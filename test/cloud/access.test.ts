/**
 * Authorization is declared beside each handler (`access`) and enforced by dispatch after validation and
 * before `run`. The full matrix of who may do what is authorization.test.ts; this suite pins the mechanism.
 */
import { z } from 'zod'
import { leaderOf, type Access } from '../../cloud/core/access'
import type { AuthedCtx } from '../../cloud/core/context'
import { dispatch, type Handler } from '../../cloud/core/dispatch'
import { notFound } from '../../cloud/core/errors'
import { FUNCTIONS } from '../../cloud/functions'
import type { ActionName } from '../../types'
import { createHarness, errorOf, NOW, okData, seedGrid, seedProfiles, type Harness } from './helpers'

const handlers = Object.entries(FUNCTIONS).flatMap(([fn, actions]) =>
  Object.entries(actions).map(([action, handler]) => [`${fn}.${action}`, handler] as const),
)

describe('every handler', () => {
  it.each(handlers)('%s declares who may call it', (_name, handler) => {
    const access: unknown = (handler as { access?: unknown }).access
    if (typeof access === 'string') expect(['any', 'profile', 'admin']).toContain(access)
    else if ((access as { kind?: unknown }).kind === 'byTarget') {
      // Chooses a leaderOf or secretaryOf access from the request (checked where the request is known).
      expect(access).toMatchObject({ choose: expect.any(Function) })
    } else if ((access as { kind?: unknown }).kind === 'secretaryOf') {
      expect(access).toMatchObject({
        org: expect.any(Function),
        admins: expect.any(Boolean),
        forbidden: expect.any(String),
      })
      expect((access as { forbidden: string }).forbidden).toMatch(/[\u4e00-\u9fa5]/)
    } else {
      expect(access).toMatchObject({ kind: 'leaderOf', grid: expect.any(Function), forbidden: expect.any(String) })
      expect((access as { forbidden: string }).forbidden).toMatch(/[\u4e00-\u9fa5]/)
    }
  })
})

describe('dispatch enforces access', () => {
  const LEADER = 'o_acc_leader'
  const ADMIN = 'o_acc_admin'
  let h: Harness
  let gridId: string
  beforeEach(async () => {
    h = createHarness({ adminOpenids: [ADMIN] })
    gridId = (await seedGrid(h.store, [LEADER])).id
  })
  afterEach(() => h.close())

  /** One handler with the given access whose run records that it ran. */
  function call(access: Access<{ gridId: string }>, openid: string, data: unknown) {
    const ran: string[] = []
    const handler = {
      schema: z.object({ gridId: z.string().min(1) }).strict(),
      access,
      run: async (req: { gridId: string }) => {
        ran.push(req.gridId)
        return { done: true }
      },
    } as unknown as Handler<ActionName>
    const ctx = { openid, store: h.store, platform: h.platform, config: h.config, now: () => NOW }
    return dispatch({ act: handler }, { action: 'act', data }, ctx).then((answer) => ({ answer, ran }))
  }

  it('lets any signed-in caller through `any`', async () => {
    expect(okData((await call('any', 'o_someone', { gridId })).answer)).toEqual({ done: true })
  })

  it('asks for a profile under `profile`, before running', async () => {
    const refused = await call('profile', 'o_noprofile', { gridId })
    expect(errorOf(refused.answer, 'FORBIDDEN').message).toBe('请先在「我的」里填写姓名等基本信息')
    expect(refused.ran).toEqual([])
    await seedProfiles(h.store, ['o_withprofile'])
    expect((await call('profile', 'o_withprofile', { gridId })).ran).toEqual([gridId])
  })

  it('keeps `admin` to admins', async () => {
    const refused = await call('admin', LEADER, { gridId })
    expect(errorOf(refused.answer, 'FORBIDDEN').message).toBe('只有区团委管理员可以进行这项操作')
    expect(refused.ran).toEqual([])
    expect((await call('admin', ADMIN, { gridId })).ran).toEqual([gridId])
  })

  it('lets leaders of the grid and admins through `leaderOf`, and answers NOT_FOUND for a missing grid', async () => {
    const access = leaderOf<{ gridId: string }>((req) => req.gridId, { forbidden: '只有网格长可以' })
    expect((await call(access, LEADER, { gridId })).ran).toEqual([gridId])
    expect((await call(access, ADMIN, { gridId })).ran).toEqual([gridId])
    const stranger = await call(access, 'o_stranger', { gridId })
    expect(errorOf(stranger.answer, 'FORBIDDEN').message).toBe('只有网格长可以')
    expect(stranger.ran).toEqual([])
    for (const openid of ['o_stranger', ADMIN]) {
      const missing = await call(access, openid, { gridId: 'nosuchgrid' })
      expect(errorOf(missing.answer, 'NOT_FOUND').message).toBe('没有找到这个网格')
    }
  })

  it('treats a null grid as the district (admins only), and a resolver that throws as its answer', async () => {
    const district = leaderOf<{ gridId: string }>(() => null, { district: '全区的事归区团委' })
    expect(errorOf((await call(district, LEADER, { gridId })).answer, 'FORBIDDEN').message).toBe('全区的事归区团委')
    expect((await call(district, ADMIN, { gridId })).ran).toEqual([gridId])
    const gone = leaderOf<{ gridId: string }>(async () => {
      throw notFound('没有找到这条召集令')
    })
    expect(errorOf((await call(gone, ADMIN, { gridId })).answer, 'NOT_FOUND').message).toBe('没有找到这条召集令')
  })

  it('validates first: a bad request never reaches the access check', async () => {
    const resolved: unknown[] = []
    const access = leaderOf<{ gridId: string }>((req: { gridId: string }, _ctx: AuthedCtx) => {
      resolved.push(req)
      return req.gridId
    })
    errorOf((await call(access, 'o_stranger', { gridId: '' })).answer, 'BAD_REQUEST')
    expect(resolved).toEqual([])
  })
})
