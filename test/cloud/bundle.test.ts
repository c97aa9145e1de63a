/**
 * The deployable cloud functions (`npm run build:cloud`), loaded as WeChat Cloud would load them.
 * `wx-server-sdk` cannot run offline, so this suite gives the bundles a STAND-IN SDK: its database is the
 * mingo stand-in of test/support/wxdb-standin.ts, its OpenAPI calls are recorded and answered with the
 * shapes WeChat documents. What runs for real is everything we ship: the bundle, dispatch, validation,
 * roles, the cloud-database adapter and the production platform adapter.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createWxDbStandIn } from '../support/wxdb-standin'

const ROOT = join(__dirname, '..', '..')
const OUT = join(ROOT, 'cloudfunctions')
const NAMES = ['account', 'grids', 'checkin', 'summons', 'plans', 'stats', 'jobs']

const standIn = createWxDbStandIn()
const calls: { api: string; options: Record<string, unknown> }[] = []
const context = { OPENID: 'o_bundle_admin' }
const mockSdk = {
  DYNAMIC_CURRENT_ENV: Symbol('env'),
  init: () => undefined,
  database: () => standIn.db,
  getWXContext: () => context,
  uploadFile: async (options: Record<string, unknown>) => {
    calls.push({ api: 'uploadFile', options })
    return { fileID: `cloud://env/${String(options.cloudPath)}` }
  },
  openapi: {
    wxacode: {
      getUnlimited: async (options: Record<string, unknown>) => {
        calls.push({ api: 'wxacode.getUnlimited', options })
        return { buffer: Buffer.from('89504e47', 'hex'), errCode: 0 }
      },
    },
    security: {
      msgSecCheck: async (options: Record<string, unknown>) => {
        calls.push({ api: 'security.msgSecCheck', options })
        const risky = String(options.content).includes('赌博')
        return { errcode: 0, errmsg: 'ok', result: { suggest: risky ? 'risky' : 'pass', label: risky ? 20001 : 100 } }
      },
    },
    subscribeMessage: {
      send: async (options: Record<string, unknown>) => {
        calls.push({ api: 'subscribeMessage.send', options })
        return { errCode: 0 }
      },
    },
    phonenumber: {
      getPhoneNumber: async (options: Record<string, unknown>) => {
        calls.push({ api: 'phonenumber.getPhoneNumber', options })
        return options.code === 'good-code'
          ? { phoneInfo: { phoneNumber: '13812345678', purePhoneNumber: '13812345678', countryCode: '86' } }
          : Promise.reject(new Error('errcode: 40029 invalid code'))
      },
    },
    updatableMessage: {
      createActivityId: async (options: Record<string, unknown>) => {
        calls.push({ api: 'updatableMessage.createActivityId', options })
        return { activityId: 'activity-1', expirationTime: Math.floor(Date.now() / 1000) + 86400 }
      },
      setUpdatableMsg: async (options: Record<string, unknown>) => {
        calls.push({ api: 'updatableMessage.setUpdatableMsg', options })
        return { errCode: 0 }
      },
    },
  },
}
jest.mock('wx-server-sdk', () => mockSdk, { virtual: true })

type Main = (event: unknown) => Promise<{ ok: boolean; data?: Record<string, unknown>; error?: { code: string } }>
const main = (name: string): Main => require(join(OUT, name, 'index.js')).main

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cloud.js')], { cwd: ROOT, stdio: 'pipe' })
  process.env.ERWEI_SECRET = 'bundle-test-secret'
  process.env.ADMIN_OPENIDS = 'o_bundle_admin'
  process.env.TMPL_SUMMON_REMINDER = 'tmpl-reminder'
}, 60_000)

describe('cloud function bundles', () => {
  it('are plain CommonJS folders with package.json and the OpenAPI permissions they need', () => {
    for (const name of NAMES) {
      const files = readdirSync(join(OUT, name)).sort()
      expect(files).toEqual(['config.json', 'index.js', 'package.json'])
      const pkg = JSON.parse(readFileSync(join(OUT, name, 'package.json'), 'utf8'))
      expect(pkg.dependencies).toHaveProperty('wx-server-sdk')
      const code = readFileSync(join(OUT, name, 'index.js'), 'utf8')
      expect(code).toContain('require("wx-server-sdk")')
      expect(code).not.toMatch(/better-sqlite3|require\("qrcode"\)/)
    }
    const config = (name: string) => JSON.parse(readFileSync(join(OUT, name, 'config.json'), 'utf8'))
    expect(config('grids').permissions.openapi).toEqual(['wxacode.getUnlimited'])
    expect(config('plans').permissions.openapi).toEqual(['security.msgSecCheck', 'subscribeMessage.send'])
    expect(config('account').permissions.openapi).toEqual(['phonenumber.getPhoneNumber'])
    expect(config('summons').permissions.openapi).toEqual([
      'updatableMessage.createActivityId',
      'updatableMessage.setUpdatableMsg',
      'subscribeMessage.send',
    ])
    expect(config('jobs').permissions.openapi).toEqual(['subscribeMessage.send', 'updatableMessage.setUpdatableMsg'])
    expect(config('jobs').triggers[0]).toMatchObject({ type: 'timer' })
    expect(existsSync(join(OUT, 'account', 'index.ts'))).toBe(false)
  })

  it('take the identity from the WeChat context and run a whole flow on the cloud database', async () => {
    context.OPENID = 'o_bundle_admin'
    const profile = await main('account')({
      action: 'updateProfile',
      data: { name: '云端管理员', affiliation: 'league' },
    })
    expect(profile).toMatchObject({ ok: true, data: { name: '云端管理员' } })
    const spoofed = await main('account')({ action: 'me', data: { openid: 'o_someone_else' } })
    expect(spoofed).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })

    const grid = await main('grids')({
      action: 'create',
      data: { name: '云端测试网格', townId: 'xixi', kind: 'building', base: { address: '云端路 1 号' } },
    })
    expect(grid.ok).toBe(true)
    const gridId = grid.data!.id as string

    const poster = await main('grids')({ action: 'posterCode', data: { gridId } })
    expect(poster.data).toMatchObject({ page: 'pages/checkin/index', image: expect.stringMatching(/^cloud:\/\//) })
    const again = await main('grids')({ action: 'posterCode', data: { gridId } })
    expect(again.data!.image).toBe(poster.data!.image)
    expect(calls.filter((c) => c.api === 'wxacode.getUnlimited')).toHaveLength(1) // cached per scene
    expect(calls[0].options).toMatchObject({ scene: poster.data!.scene, page: 'pages/checkin/index', checkPath: false })

    context.OPENID = 'o_bundle_member'
    await main('account')({ action: 'updateProfile', data: { name: '云端青年', affiliation: 'none' } })
    const scan = await main('checkin')({
      action: 'scan',
      data: { code: poster.data!.scene, requestId: 'bundle-req-1' },
    })
    expect(scan).toMatchObject({ ok: true, data: { firstReport: true, duplicate: false, grid: { id: gridId } } })
    const me = await main('account')({ action: 'me', data: {} })
    expect(me.data).toMatchObject({ openid: 'o_bundle_member', grids: [{ id: gridId, name: '云端测试网格' }] })
  })

  it('check ideas with msgSecCheck v2 and send reminders from the timer job', async () => {
    context.OPENID = 'o_bundle_admin'
    const gridId = ((await main('grids')({ action: 'list', data: {} })).data as unknown as { id: string }[])[0].id
    const plan = await main('plans')({ action: 'publish', data: { gridId, title: '云端方案', draft: '草稿' } })
    context.OPENID = 'o_bundle_member'
    const risky = await main('plans')({ action: 'addIdea', data: { planId: plan.data!.id, content: '搞点赌博' } })
    expect(risky).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } })
    expect(calls.find((c) => c.api === 'security.msgSecCheck')!.options).toMatchObject({
      openid: 'o_bundle_member',
      scene: 2,
      version: 2,
    })

    context.OPENID = 'o_bundle_admin'
    const soon = new Date(Date.now() + 30 * 60_000)
    const summon = await main('summons')({
      action: 'publish',
      data: {
        gridId,
        title: '半小时后开始的活动',
        body: '',
        place: '阵地',
        startAt: soon.toISOString(),
        endAt: new Date(soon.getTime() + 3600_000).toISOString(),
      },
    })
    context.OPENID = 'o_bundle_member'
    expect(await main('summons')({ action: 'signUp', data: { summonId: summon.data!.id } })).toMatchObject({
      ok: true,
      data: { status: 'confirmed' },
    })
    const result = (await main('jobs')({})) as unknown as { notices: number }
    expect(result.notices).toBe(1)
    const sent = calls.find((c) => c.api === 'subscribeMessage.send')!.options
    expect(sent).toMatchObject({ touser: 'o_bundle_member', templateId: 'tmpl-reminder', miniprogramState: 'formal' })
    expect(sent.data).toMatchObject({ thing1: { value: '半小时后开始的活动' } })
  })

  it("makes a summon's updatable card with createActivityId, and the sign-up pushes its count with setUpdatableMsg", async () => {
    context.OPENID = 'o_bundle_admin'
    const start = new Date(Date.now() + 48 * 3600_000)
    const summon = await main('summons')({
      action: 'publish',
      data: {
        title: '有名额的活动',
        body: '',
        place: '阵地',
        startAt: start.toISOString(),
        endAt: new Date(start.getTime() + 3600_000).toISOString(),
        capacity: 8,
      },
    })
    context.OPENID = 'o_bundle_member'
    const card = await main('summons')({ action: 'shareCard', data: { summonId: summon.data!.id } })
    expect(card).toMatchObject({
      ok: true,
      data: { activityId: 'activity-1', memberCount: 0, roomLimit: 8, targetState: 0 },
    })
    expect(calls.find((c) => c.api === 'updatableMessage.createActivityId')!.options).toEqual({
      openid: 'o_bundle_member',
    })
    await main('summons')({ action: 'signUp', data: { summonId: summon.data!.id } })
    // Pushed by the summons function itself, before any job run.
    expect(calls.find((c) => c.api === 'updatableMessage.setUpdatableMsg')!.options).toEqual({
      activityId: 'activity-1',
      targetState: 0,
      templateInfo: {
        parameterList: [
          { name: 'member_count', value: '1' },
          { name: 'room_limit', value: '8' },
        ],
      },
    })
  })

  it('reads a phone number with phonenumber.getPhoneNumber (fast verification)', async () => {
    context.OPENID = 'o_bundle_phone'
    expect(await main('account')({ action: 'verifyPhone', data: { code: 'good-code' } })).toEqual({
      ok: true,
      data: { phone: '13812345678' },
    })
    expect(calls.find((c) => c.api === 'phonenumber.getPhoneNumber')!.options).toEqual({ code: 'good-code' })
    expect(await main('account')({ action: 'verifyPhone', data: { code: 'used-code' } })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    })
  })
})
