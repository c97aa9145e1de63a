import type { Ctx } from '../../cloud/core/context'
import { dispatch } from '../../cloud/core/dispatch'
import { FUNCTIONS } from '../../cloud/functions'
import { CHECKIN_PAGE } from '../../cloud/functions/grids'
import { createWxCloudStore } from '../../cloud/store/wxcloud'
import type { WxDb } from '../../cloud/store/wxcloud/db'
import { SCENE_MAX, isValidScene, verifyCode } from '../../cloud/domain/codes'
import { XIHU_TOWNS } from '../../cloud/domain/towns'
import { createWechatPlatform, type WxCloudSdk } from '../../cloud/platform/wechat'
import { DEMO_GRIDS, seedDemo } from '../../cloud/server/seed'
import type { ActionName, Envelope, GridInput, ReqOf, ResOf } from '../../types'
import { onWxCloud, standInFor } from '../support/store'
import {
  createHarness,
  errorOf,
  GRID_INPUT,
  NOW,
  okData,
  platformWithoutImages,
  SECRET,
  seedGrid,
  seedProfiles,
  splitAction,
  type Harness,
} from './helpers'

const ADMIN = 'o_admin'
let h: Harness
beforeEach(async () => {
  h = createHarness()
  await h.store.users.addAdmin(ADMIN)
})
afterEach(() => h.close())

const DAY = 86400_000
const asAdmin = () => h.callAs(ADMIN)
const fieldsOf = (error: { fields?: Record<string, string> }) => Object.keys(error.fields ?? {}).sort()

describe('grids.towns', () => {
  it('always lists the 12 towns and streets of Xihu, even in an unseeded database', async () => {
    const towns = okData(await h.callAs('o_any')('grids.towns'))
    expect(towns).toEqual(XIHU_TOWNS.map((t) => ({ ...t, gridCount: 0 })))
    // The district's current division (10 streets, 西湖街道 among them, and 2 towns), in the order of the
    // statistical division codes.
    expect(towns.map((t) => t.name)).toEqual([
      '北山街道',
      '西溪街道',
      '灵隐街道',
      '翠苑街道',
      '文新街道',
      '古荡街道',
      '西湖街道',
      '留下街道',
      '转塘街道',
      '蒋村街道',
      '三墩镇',
      '双浦镇',
    ])
  })

  it('counts the grids of each town', async () => {
    await seedDemo(h.store, NOW, { history: false })
    const towns = okData(await h.callAs('o_any')('grids.towns'))
    for (const town of towns) {
      expect(town.gridCount).toBe(DEMO_GRIDS.filter((g) => g.townId === town.id).length)
    }
    expect(towns.find((t) => t.id === 'xixi')?.gridCount).toBe(2)
  })
})

describe('grids.list', () => {
  const names = (list: { name: string }[]) => list.map((g) => g.name).sort()
  const list = (data: { townId?: string; q?: string }) => h.callAs('o_any')('grids.list', data)

  beforeEach(() => seedDemo(h.store, NOW, { history: false }))

  it('lists every grid with its four ones and member count', async () => {
    const all = okData(await list({}))
    expect(all).toHaveLength(DEMO_GRIDS.length)
    const lotus = all.find((g) => g.name === '莲花商圈楼宇网格')
    expect(lotus).toMatchObject({
      townId: 'xixi',
      kind: 'building',
      memberCount: 1,
      fourOnes: { leader: true, physicalBase: true, onlineBase: true, project: true },
    })
    const jiangcun = all.find((g) => g.name === '蒋村慢生活圈子网格')
    expect(jiangcun?.fourOnes).toEqual({ leader: false, physicalBase: false, onlineBase: true, project: true })
  })

  it('filters by town', async () => {
    expect(names(okData(await list({ townId: 'xixi' })))).toEqual(['莲花商圈楼宇网格', '西溪谷互联网青年网格'].sort())
    expect(okData(await list({ townId: 'no-such-town' }))).toEqual([])
  })

  it('searches names, combined with the town', async () => {
    expect(names(okData(await list({ q: '楼宇' })))).toEqual(['莲花商圈楼宇网格', '黄龙商圈楼宇网格'].sort())
    expect(names(okData(await list({ q: '楼宇', townId: 'beishan' })))).toEqual(['黄龙商圈楼宇网格'])
    expect(names(okData(await list({ q: '  莲花 ' })))).toEqual(['莲花商圈楼宇网格'])
  })

  it('takes % and _ in a search literally', async () => {
    await seedGrid(h.store, [], { name: '百分百%青年' })
    await seedGrid(h.store, [], { name: '下划线_青年' })
    await seedGrid(h.store, [], { name: '反斜杠\\青年' })
    expect(names(okData(await list({ q: '%' })))).toEqual(['百分百%青年'])
    expect(names(okData(await list({ q: '_' })))).toEqual(['下划线_青年'])
    expect(names(okData(await list({ q: '\\' })))).toEqual(['反斜杠\\青年'])
    expect(names(okData(await list({ q: '%青年' })))).toEqual(['百分百%青年'])
  })
})

describe('grids.get', () => {
  it('answers the grid with its four ones and the viewer flags', async () => {
    await seedDemo(h.store, NOW, { history: false })
    const lotus = okData(await h.callAs('o_any')('grids.list', { q: '莲花' }))[0]
    const viewers = {
      o_demo_member: { isMember: true, isLeader: false, canManage: false },
      o_demo_leader: { isMember: false, isLeader: true, canManage: true },
      // An admin may manage every grid, but leads none of them.
      o_demo_admin: { isMember: false, isLeader: false, canManage: true },
      o_stranger: { isMember: false, isLeader: false, canManage: false },
    }
    for (const [openid, flags] of Object.entries(viewers)) {
      const grid = okData(await h.callAs(openid)('grids.get', { gridId: lotus.id }))
      expect(grid).toMatchObject({ id: lotus.id, townName: '西溪街道', leaders: [{ name: '王磊' }], ...flags })
      expect(grid.fourOnes).toEqual({ leader: true, physicalBase: true, onlineBase: true, project: true })
    }
  })

  it('answers NOT_FOUND for an unknown grid', async () => {
    errorOf(await h.callAs('o_any')('grids.get', { gridId: 'nosuchgrid' }), 'NOT_FOUND')
  })
})

describe('grids.create', () => {
  const located: GridInput = { ...GRID_INPUT, base: { address: '某地', lat: 30.28, lng: 120.12, radiusM: 300 } }

  it('lets an admin create a grid, which get then answers', async () => {
    const input: GridInput = {
      ...located,
      online: [{ kind: 'wechat_group', value: '青年群' }],
      project: { name: '乐创汇', summary: '创业沙龙' },
      requireLocation: true,
    }
    const grid = okData(await asAdmin()('grids.create', input))
    expect(grid).toMatchObject({
      ...input,
      townName: '西溪街道',
      memberCount: 0,
      leaders: [],
      isLeader: false,
      canManage: true,
    })
    expect(grid.fourOnes).toEqual({ leader: false, physicalBase: true, onlineBase: true, project: true })
    expect(okData(await asAdmin()('grids.get', { gridId: grid.id }))).toEqual(grid)
  })

  it('refuses a second grid of the same name in one town, and a blank base address', async () => {
    okData(await asAdmin()('grids.create', GRID_INPUT))
    const twin = errorOf(await asAdmin()('grids.create', { ...GRID_INPUT, name: ` ${GRID_INPUT.name} ` }), 'CONFLICT')
    expect(twin.fields).toEqual({ name: '这个镇街已经有同名的网格了，换个名字吧' })
    // The same name in another town is another grid.
    const other = okData(await asAdmin()('grids.create', { ...GRID_INPUT, townId: 'cuiyuan' }))
    // Renaming or moving onto an existing name is refused too; keeping one's own name is not.
    errorOf(await asAdmin()('grids.update', { gridId: other.id, townId: GRID_INPUT.townId }), 'CONFLICT')
    okData(await asAdmin()('grids.update', { gridId: other.id, name: GRID_INPUT.name, kind: 'park' }))

    const blank = errorOf(
      await asAdmin()('grids.create', { ...GRID_INPUT, name: '空地址网格', base: { address: '   ' } }),
      'BAD_REQUEST',
    )
    expect(fieldsOf(blank)).toEqual(['base.address'])
    errorOf(await asAdmin()('grids.update', { gridId: other.id, base: { address: '' } }), 'BAD_REQUEST')
  })

  it('is for admins only', async () => {
    errorOf(await h.callAs('o_member')('grids.create', GRID_INPUT), 'FORBIDDEN')
    expect(okData(await h.callAs('o_member')('grids.list', {}))).toEqual([])
  })

  it('needs a point on the base before requiring location', async () => {
    const error = errorOf(await asAdmin()('grids.create', { ...GRID_INPUT, requireLocation: true }), 'BAD_REQUEST')
    expect(fieldsOf(error)).toEqual(['requireLocation'])
    okData(await asAdmin()('grids.create', { ...located, requireLocation: true }))
  })

  it('needs lat and lng together', async () => {
    const error = errorOf(
      await asAdmin()('grids.create', { ...GRID_INPUT, base: { address: 'x', lat: 30 } }),
      'BAD_REQUEST',
    )
    expect(fieldsOf(error)).toEqual(['base.lat'])
  })

  it.each([
    ['name', { name: '网' }],
    ['name', { name: '网'.repeat(31) }],
    ['kind', { kind: 'village' }],
    ['base.radiusM', { base: { address: 'x', radiusM: 49 } }],
    ['base.radiusM', { base: { address: 'x', radiusM: 3001 } }],
    ['base.radiusM', { base: { address: 'x', radiusM: 100.5 } }],
    ['base.lat', { base: { address: 'x', lat: 91, lng: 120 } }],
    ['online.0.kind', { online: [{ kind: 'tiktok', value: 'x' }] }],
  ])('names %s when it is bad: %j', async (field, change) => {
    const error = errorOf(await h.rawAs(ADMIN)('grids.create', { ...GRID_INPUT, ...change }), 'BAD_REQUEST')
    expect(fieldsOf(error)).toEqual([field])
  })

  it('refuses an unknown town, naming townId', async () => {
    const error = errorOf(await asAdmin()('grids.create', { ...GRID_INPUT, townId: 'hangzhou' }), 'BAD_REQUEST')
    expect(error.fields).toEqual({ townId: '没有这个镇街' })
  })
})

describe('grids.update', () => {
  let gridId: string
  beforeEach(async () => {
    gridId = (await seedGrid(h.store, ['o_leader'])).id
    await seedGrid(h.store, ['o_other'], { name: '别的网格' })
  })

  it('lets a leader of the grid change it', async () => {
    const grid = okData(await h.callAs('o_leader')('grids.update', { gridId, name: '新名字', project: null }))
    expect(grid).toMatchObject({
      id: gridId,
      name: '新名字',
      project: null,
      isLeader: true,
      canManage: true,
      townId: 'xixi',
    })
    expect(okData(await h.callAs('o_any')('grids.get', { gridId })).name).toBe('新名字')
  })

  it('lets an admin change it', async () => {
    expect(okData(await asAdmin()('grids.update', { gridId, townId: 'sandun' })).townName).toBe('三墩镇')
  })

  it('refuses a leader of another grid and a member', async () => {
    errorOf(await h.callAs('o_other')('grids.update', { gridId, name: '抢走' }), 'FORBIDDEN')
    errorOf(await h.callAs('o_member')('grids.update', { gridId, name: '抢走' }), 'FORBIDDEN')
    expect(okData(await h.callAs('o_any')('grids.get', { gridId })).name).toBe(GRID_INPUT.name)
  })

  it('answers NOT_FOUND for an unknown grid and BAD_REQUEST for an unknown town', async () => {
    errorOf(await asAdmin()('grids.update', { gridId: 'nosuchgrid', name: '名字' }), 'NOT_FOUND')
    const error = errorOf(await h.callAs('o_leader')('grids.update', { gridId, townId: 'nowhere' }), 'BAD_REQUEST')
    expect(fieldsOf(error)).toEqual(['townId'])
  })

  it('keeps location checks consistent with the stored base', async () => {
    const refused = errorOf(
      await h.callAs('o_leader')('grids.update', { gridId, requireLocation: true }),
      'BAD_REQUEST',
    )
    expect(fieldsOf(refused)).toEqual(['requireLocation'])
    const base = { address: '某地', lat: 30.1, lng: 120.1 }
    okData(await h.callAs('o_leader')('grids.update', { gridId, base, requireLocation: true }))
    const dropPoint = await h.callAs('o_leader')('grids.update', { gridId, base: { address: '某地' } })
    expect(fieldsOf(errorOf(dropPoint, 'BAD_REQUEST'))).toEqual(['requireLocation'])
  })
})

describe('leader invites', () => {
  let gridId: string
  const invite = async () => okData(await asAdmin()('grids.invite', { gridId }))
  const accept = (openid: string, inviteCode: string, now?: Date) =>
    h.callAs(openid, { now })('grids.acceptInvite', { inviteCode })

  beforeEach(async () => {
    gridId = (await seedGrid(h.store)).id
  })

  it('an admin invites; accepting makes the caller a leader', async () => {
    const { inviteCode, expiresAt } = await invite()
    expect(inviteCode).toMatch(/^[0-9a-z]{16}$/)
    expect(expiresAt).toBe(new Date(NOW.getTime() + 7 * DAY).toISOString())
    expect(okData(await accept('o_new_leader', inviteCode))).toEqual({ gridId })

    expect(okData(await h.callAs('o_new_leader')('account.me')).roles.leaderOf).toEqual([gridId])
    const grid = okData(await h.callAs('o_new_leader')('grids.get', { gridId }))
    expect(grid.fourOnes.leader).toBe(true)
    expect(grid.isLeader).toBe(true)
    expect(grid.leaders.map((l) => l.name)).toEqual(['未填写姓名'])
  })

  it('is single use; the one who took it may send it again (a lost answer) and stays the only leader', async () => {
    const { inviteCode } = await invite()
    okData(await accept('o_first', inviteCode))
    errorOf(await accept('o_second', inviteCode), 'CONFLICT')
    expect(okData(await accept('o_first', inviteCode))).toMatchObject({ gridId })
    expect(okData(await h.callAs('o_second')('account.me')).roles.leaderOf).toEqual([])
    expect(okData(await h.callAs('o_first')('account.me')).roles.leaderOf).toEqual([gridId])
    expect(okData(await h.callAs('o_any')('grids.get', { gridId })).leaders).toHaveLength(1)
  })

  it('expires after 7 days', async () => {
    const { inviteCode } = await invite()
    errorOf(await accept('o_late', inviteCode, new Date(NOW.getTime() + 7 * DAY)), 'CODE_EXPIRED')
    expect(okData(await h.callAs('o_late')('account.me')).roles.leaderOf).toEqual([])
    okData(await accept('o_on_time', inviteCode, new Date(NOW.getTime() + 7 * DAY - 1000)))
  })

  it('answers NOT_FOUND for an unknown code', async () => {
    errorOf(await accept('o_any', 'nosuchinvitecode'), 'NOT_FOUND')
  })

  it('only admins invite, and only to existing grids', async () => {
    await h.store.grids.addLeader(gridId, 'o_leader', NOW)
    errorOf(await h.callAs('o_leader')('grids.invite', { gridId }), 'FORBIDDEN')
    errorOf(await asAdmin()('grids.invite', { gridId: 'nosuchgrid' }), 'NOT_FOUND')
  })

  it('lets exactly one of 20 concurrent callers take a code', async () => {
    const { inviteCode } = await invite()
    const callers = Array.from({ length: 20 }, (_, i) => `o_racer_${i}`)
    const answers = await Promise.all(callers.map((openid) => accept(openid, inviteCode)))
    expect(answers.filter((a) => a.ok)).toHaveLength(1)
    for (const answer of answers.filter((a) => !a.ok)) errorOf(answer, 'CONFLICT')
    const grid = okData(await asAdmin()('grids.get', { gridId }))
    expect(grid.leaders).toHaveLength(1)
  })
})

describe('grids.posterCode', () => {
  const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  /** Rendering the PNG is slow inside jest's VM (see platformWithoutImages). */
  const PNG_TIMEOUT_MS = 30_000

  it(
    'answers a signed scene, the check-in page and a real PNG',
    async () => {
      const { id: gridId } = await seedGrid(h.store, ['o_leader'])
      const code = okData(await h.callAs('o_leader')('grids.posterCode', { gridId }))
      expect(code.page).toBe('pages/checkin/index')
      expect(code.page).toBe(CHECKIN_PAGE)
      expect(code.scene.length).toBeLessThanOrEqual(SCENE_MAX)
      expect(isValidScene(code.scene)).toBe(true)
      expect(verifyCode(code.scene, SECRET, NOW, 30)).toEqual({ ok: true, kind: 'poster', gridId })

      const [header, base64] = (code.image ?? '').split(',')
      expect(header).toBe('data:image/png;base64')
      const png = Buffer.from(base64, 'base64')
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
      expect(png.length).toBeGreaterThan(500)
    },
    PNG_TIMEOUT_MS,
  )

  it('is the same code every time (a permanent poster)', async () => {
    const fast = createHarness({ platform: platformWithoutImages() })
    const { id: gridId } = await seedGrid(fast.store, ['o_leader'])
    await fast.store.users.addAdmin(ADMIN)
    const first = okData(await fast.callAs('o_leader')('grids.posterCode', { gridId }))
    const second = okData(await fast.callAs(ADMIN)('grids.posterCode', { gridId }))
    expect(second).toEqual({ scene: first.scene, page: CHECKIN_PAGE })
    fast.close()
  })

  it('answers NOT_FOUND for an unknown grid', async () => {
    errorOf(await asAdmin()('grids.posterCode', { gridId: 'nosuchgrid' }), 'NOT_FOUND')
  })

  it('keeps rendered codes by scene in the store (codes.get / codes.save)', async () => {
    expect(await h.store.codes.get('scene-a')).toBeNull()
    await h.store.codes.save('scene-a', { fileID: 'cloud://env/a.png', page: CHECKIN_PAGE }, NOW)
    await h.store.codes.save('scene-b', { fileID: 'cloud://env/b.png', page: CHECKIN_PAGE }, NOW)
    expect(await h.store.codes.get('scene-a')).toEqual({ fileID: 'cloud://env/a.png', page: CHECKIN_PAGE })
    await h.store.codes.save('scene-a', { fileID: 'cloud://env/a2.png', page: 'pages/other' }, NOW)
    expect(await h.store.codes.get('scene-a')).toEqual({ fileID: 'cloud://env/a2.png', page: 'pages/other' })
    expect(await h.store.codes.get('scene-b')).toEqual({ fileID: 'cloud://env/b.png', page: CHECKIN_PAGE })
  })

  it('on WeChat, draws and uploads each scene once, caching it through the store', async () => {
    const made: string[] = []
    const sdk: WxCloudSdk = {
      openapi: {
        wxacode: {
          getUnlimited: async (options) => {
            made.push(String(options.scene))
            return { buffer: Buffer.from('89504e47', 'hex'), errCode: 0 }
          },
        },
        security: { msgSecCheck: async () => ({ errcode: 0, errmsg: 'ok' }) },
        subscribeMessage: { send: async () => ({ errCode: 0 }) },
        phonenumber: { getPhoneNumber: async () => ({}) },
        updatableMessage: {
          createActivityId: async () => ({ activityId: 'unused', expirationTime: 0 }),
          setUpdatableMsg: async () => ({ errCode: 0 }),
        },
      },
      uploadFile: async ({ cloudPath }) => ({ fileID: `cloud://env/${cloudPath}` }),
      getTempFileURL: async ({ fileList }) => ({
        fileList: fileList.map(({ fileID }) => ({ fileID, tempFileURL: `https://tmp.example/${fileID}`, status: 0 })),
      }),
    }
    const platform = createWechatPlatform(sdk, h.store.codes, { templates: {}, envVersion: 'release' }, () => NOW)
    const first = await platform.codeImage('scene-x', CHECKIN_PAGE)
    expect(first).toBe('cloud://env/poster-codes/scene-x.png')
    expect(await platform.codeImage('scene-x', CHECKIN_PAGE)).toBe(first)
    expect(made).toEqual(['scene-x'])
    expect(await h.store.codes.get('scene-x')).toEqual({ fileID: first, page: CHECKIN_PAGE })
  })
})

describe('a renamed and moved grid', () => {
  const LEADER = 'o_mv_leader'
  const MEMBER = 'o_mv_member'
  const OLD = { name: '旧名字网格', townId: 'xixi' }
  const NEW = { name: '新名字网格', townId: 'beishan' }

  it('shows its new name and town on every screen and in every figure', async () => {
    await seedProfiles(h.store, [LEADER, MEMBER])
    const gridId = (await seedGrid(h.store, [LEADER], OLD)).id
    await h.store.grids.addMember(gridId, 'o_mv_other', NOW)
    const scan = (n: number) =>
      h.store.checkins.record(
        {
          openid: MEMBER,
          requestId: `mv-${n}`,
          gridId,
          summonId: null,
          method: 'poster',
          verifiedBy: ['poster'],
        },
        new Date(NOW.getTime() - n * DAY),
        10,
      )
    await scan(1)
    await scan(2)
    const summon = await h.store.summons.create(
      {
        gridId,
        title: '植树',
        body: '',
        place: '阵地',
        startAt: new Date(NOW.getTime() + DAY).toISOString(),
        endAt: new Date(NOW.getTime() + DAY + 3600_000).toISOString(),
        signUpDeadline: null,
        capacity: 10,
        tags: [],
        hours: 2,
        planId: null,
        publishedBy: LEADER,
      },
      NOW,
    )
    const plan = await h.store.plans.create(
      { gridId, title: '方案', draft: '草稿', ideasUntil: null, publishedBy: LEADER },
      NOW,
    )
    // Every screen read once before (warm caches; a snapshot of the overview taken on the cloud adapter).
    const member = h.callAs(MEMBER)
    okData(await member('account.me'))
    okData(await member('summons.get', { summonId: summon.id }))
    okData(await member('checkin.mine', {}))
    okData(await asAdmin()('stats.overview', {}))
    okData(await asAdmin()('stats.overview', { townId: OLD.townId }))
    okData(await asAdmin()('stats.overview', { townId: NEW.townId }))

    okData(await h.callAs(LEADER)('grids.update', { gridId, ...NEW }))

    const me = okData(await member('account.me'))
    expect(me.grids).toEqual([{ id: gridId, name: NEW.name }])
    expect(okData(await h.callAs(LEADER)('account.me')).leading).toEqual([{ id: gridId, name: NEW.name }])
    const listed = okData(await member('grids.list', {}))
    expect(listed.find((g) => g.id === gridId)).toMatchObject({ ...NEW, memberCount: 2 })
    expect(okData(await member('grids.list', { townId: NEW.townId })).map((g) => g.id)).toEqual([gridId])
    expect(okData(await member('grids.list', { townId: OLD.townId }))).toEqual([])
    const towns = okData(await member('grids.towns'))
    expect(towns.find((t) => t.id === NEW.townId)?.gridCount).toBe(1)
    expect(towns.find((t) => t.id === OLD.townId)?.gridCount).toBe(0)
    expect(okData(await member('grids.get', { gridId }))).toMatchObject({
      ...NEW,
      townName: '北山街道',
      memberCount: 2,
    })

    expect(okData(await member('summons.get', { summonId: summon.id })).gridName).toBe(NEW.name)
    const summons = okData(await member('summons.list', { scope: 'grid', gridId }))
    expect(summons.items.map((s) => s.gridName)).toEqual([NEW.name])
    const history = okData(await member('checkin.mine', {}))
    expect(history.items.map((c) => c.gridName)).toEqual([NEW.name, NEW.name])

    const moved = okData(await asAdmin()('stats.overview', { townId: NEW.townId }))
    expect(moved.totals).toMatchObject({ grids: 1, members: 2, checkIns30d: 2 })
    expect(moved.grids.map((g) => [g.name, g.townId, g.members, g.checkIns30d])).toEqual([[NEW.name, NEW.townId, 2, 2]])
    const left = okData(await asAdmin()('stats.overview', { townId: OLD.townId }))
    expect(left.totals).toMatchObject({ grids: 0, members: 0, checkIns30d: 0 })
    expect(left.weeks.every((w) => w.total === 0)).toBe(true)
    const district = okData(await asAdmin()('stats.overview', {}))
    expect(district.grids.find((g) => g.gridId === gridId)).toMatchObject({ ...NEW, members: 2, checkIns30d: 2 })
    expect(district.weeks.reduce((n, w) => n + (w.byTown[NEW.townId] ?? 0), 0)).toBe(2)
    expect(district.weeks.reduce((n, w) => n + (w.byTown[OLD.townId] ?? 0), 0)).toBe(0)
    expect(okData(await member('plans.get', { planId: plan.id })).gridName).toBe(NEW.name)
    expect(okData(await member('plans.list', { gridId })).items.map((p) => p.gridName)).toEqual([NEW.name])
  })

  it("shows a leader's new name once they change it", async () => {
    await seedProfiles(h.store, [LEADER])
    const gridId = (await seedGrid(h.store, [LEADER, 'o_mv_nameless'])).id
    expect(okData(await h.callAs(MEMBER)('grids.get', { gridId })).leaders.map((l) => l.name)).toEqual([
      '测试青年',
      '未填写姓名',
    ])
    okData(await h.callAs(LEADER)('account.updateProfile', { name: '改名青年', affiliation: 'league' }))
    okData(await h.callAs('o_mv_nameless')('account.updateProfile', { name: '新来青年', affiliation: 'none' }))
    expect(okData(await h.callAs(MEMBER)('grids.get', { gridId })).leaders.map((l) => l.name)).toEqual([
      '改名青年',
      '新来青年',
    ])
  })
})

describe('grids.update replaces what it is given', () => {
  it('replaces the base, the online bases and the project as a whole', async () => {
    const { id: gridId } = await seedGrid(h.store, [], {
      base: { address: '某地', lat: 30.1, lng: 120.1, radiusM: 200 },
      online: [
        { kind: 'wechat_group', value: '一群' },
        { kind: 'qq_group', value: '二群' },
      ],
      project: { name: '读书会', summary: '每月一次' },
    })
    okData(
      await asAdmin()('grids.update', {
        gridId,
        base: { address: '新地址' },
        online: [{ kind: 'website', value: 'https://example.org' }],
        project: { name: '夜跑', summary: '' },
      }),
    )
    const grid = okData(await asAdmin()('grids.get', { gridId }))
    expect(grid.base).toEqual({ address: '新地址' })
    expect(grid.online).toEqual([{ kind: 'website', value: 'https://example.org' }])
    expect(grid.project).toEqual({ name: '夜跑', summary: '' })
    okData(await asAdmin()('grids.update', { gridId, project: null, online: [] }))
    const cleared = okData(await asAdmin()('grids.get', { gridId }))
    expect(cleared).toMatchObject({ project: null, online: [], base: { address: '新地址' } })
    expect(cleared.fourOnes).toMatchObject({ onlineBase: false, project: false })
  })
})

describe('many grids', () => {
  it('counts 25 grids of one town (more than an aggregation answers without a limit)', async () => {
    for (let i = 0; i < 25; i++)
      await seedGrid(h.store, [], { name: `灵隐网格${String(i).padStart(2, '0')}`, townId: 'lingyin' })
    await seedGrid(h.store, [], { townId: 'xixi' })
    const towns = okData(await h.callAs('o_any')('grids.towns'))
    expect(towns.find((t) => t.id === 'lingyin')?.gridCount).toBe(25)
    expect(towns.find((t) => t.id === 'xixi')?.gridCount).toBe(1)
    expect(okData(await h.callAs('o_any')('grids.list', { townId: 'lingyin' }))).toHaveLength(25)
  })
})

describe('on the cloud database', () => {
  const wxIt = onWxCloud() ? it : it.skip
  let worlds = 0
  /** A harness over a named stand-in, so other instances (and the operation counter) reach the same data. */
  const world = async () => {
    const file = `grids-world-${++worlds}`
    const w = createHarness({ file, platform: platformWithoutImages() })
    await w.store.users.addAdmin(ADMIN)
    return { w, standIn: standInFor(file) }
  }
  /** Calls a handler on another cloud-function instance (its own store over the same database). */
  const callOn =
    (w: Harness, db: WxDb, openid: string) =>
    <A extends ActionName>(action: A, data: ReqOf<A>): Promise<Envelope<ResOf<A>>> => {
      const ctx: Ctx = { openid, store: createWxCloudStore(db), platform: w.platform, config: w.config, now: () => NOW }
      const { fn, action: local } = splitAction(action)
      return dispatch(FUNCTIONS[fn], { action: local, data }, ctx) as Promise<Envelope<ResOf<A>>>
    }
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

  wxIt('mends an accept whose instance died after any one of its operations', async () => {
    const probe = await world()
    const probeGrid = (await seedGrid(probe.w.store)).id
    const { inviteCode: probeCode } = okData(await probe.w.callAs(ADMIN)('grids.invite', { gridId: probeGrid }))
    const counted = probe.standIn.instance()
    okData(await callOn(probe.w, counted, 'o_taker')('grids.acceptInvite', { inviteCode: probeCode }))
    const n = counted.ops
    expect(n).toBeGreaterThanOrEqual(3)
    probe.w.close()

    // Dead after operation k (k = 0: before any), or dead with operation k applied and its answer lost.
    const plans = [
      ...Array.from({ length: n + 1 }, (_, k) => ({ killAfter: k })),
      ...Array.from({ length: n }, (_, k) => ({ killAt: k + 1 })),
    ]
    for (const k of plans) {
      const { w, standIn } = await world()
      const gridId = (await seedGrid(w.store)).id
      const { inviteCode } = okData(await w.callAs(ADMIN)('grids.invite', { gridId }))
      const dying = callOn(w, standIn.instance(k), 'o_taker')('grids.acceptInvite', { inviteCode })
      await Promise.race([dying, sleep(30)])
      const retried = await callOn(w, standIn.instance(), 'o_taker')('grids.acceptInvite', { inviteCode })
      expect({ k, answer: retried }).toEqual({ k, answer: { ok: true, data: { gridId } } })
      errorOf(await callOn(w, standIn.instance(), 'o_other')('grids.acceptInvite', { inviteCode }), 'CONFLICT')
      const [grid] = standIn.dump('grids')
      expect({ k, leaders: grid.leaders }).toEqual({ k, leaders: ['o_taker'] })
      const [invite] = standIn.dump('invites')
      expect({ k, usedBy: invite.usedBy }).toEqual({ k, usedBy: 'o_taker' })
      w.close()
    }
  })

  wxIt('answers grids.get in at most 2 operations on a warm instance', async () => {
    const { w, standIn } = await world()
    await seedProfiles(w.store, ['o_l1', 'o_l2'])
    const gridId = (await seedGrid(w.store, ['o_l1', 'o_l2'])).id
    await w.store.grids.addMember(gridId, 'o_viewer', NOW)
    const get = () => w.callAs('o_viewer')('grids.get', { gridId })
    okData(await get())
    standIn.resetOps()
    const grid = okData(await get())
    expect(standIn.ops).toBeLessThanOrEqual(2)
    expect(grid).toMatchObject({ isMember: true, isLeader: false, memberCount: 1 })
    expect(grid.leaders.map((l) => l.name)).toEqual(['测试青年', '测试青年'])
    w.close()
  })
})
