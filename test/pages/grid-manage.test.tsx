import Taro from '@tarojs/taro'
import gcoord from 'gcoord'
import { aGrid, aMember, anAdmin } from '../support/factories'
import { setupPageHarness, type TestStore } from './harness'
import { ADMIN, ADMIN_NAME, LEADER, LEADER_NAME, MEMBER, MEMBER_NAME } from './summon-fixtures'

jest.setTimeout(30_000)

const LED = '测试楼宇网格'
const NO_ONLINE = '测试社区网格'
const NO_COORDS = '测试圈子网格'
const LEADERLESS = '测试待建网格'

/**
 * The cast, and four grids: LED (LEADER leads it, MEMBER is in it, one wechat group), NO_ONLINE (no online
 * base), NO_COORDS (a base without coordinates) and LEADERLESS (nobody leads it yet).
 */
async function world(store: TestStore) {
  await anAdmin(store, ADMIN_NAME, ADMIN)
  await aMember(store, { name: LEADER_NAME }, LEADER)
  await aMember(store, { name: MEMBER_NAME }, MEMBER)
  const at = { lat: 30.2845, lng: 120.1205, radiusM: 300 }
  await aGrid(store, {
    name: LED,
    kind: 'building',
    base: { address: '测试大厦 1 楼青年之家', ...at },
    online: [{ kind: 'wechat_group', value: '测试楼宇青年群' }],
    leaders: [LEADER],
    members: [MEMBER],
  })
  await aGrid(store, {
    name: NO_ONLINE,
    base: { address: '测试社区活动室', ...at },
    online: [],
    project: { name: '测试邻里汇', summary: '邻里互助' },
  })
  await aGrid(store, { name: NO_COORDS, kind: 'circle', base: { address: '' } })
  await aGrid(store, { name: LEADERLESS, base: { address: '测试社区服务站', ...at }, project: null })
}

const h = setupPageHarness({ fixture: world })

const MANAGE = 'admin/pages/grid-manage/index'

async function gridIdOf(q: string): Promise<string> {
  const [grid] = await h.store.grids.list({ q })
  return grid.id
}

async function openManage(q: string, openid = ADMIN) {
  const id = await gridIdOf(q)
  h.signInAs(openid)
  await h.renderPage(MANAGE, { id })
  await h.findByText('保存四个一')
  return id
}

const onlineInputs = () => Array.from(h.page().querySelectorAll('.manage-online__value input'))

describe('网格管理', () => {
  it('adds an online base and saves it to the store: the 四个一 turns complete for that part', async () => {
    const id = await openManage(NO_ONLINE)
    expect((await h.store.grids.get(id))?.fourOnes.onlineBase).toBe(false)
    await h.findByText('还没有网络阵地，添加一个微信群、QQ 群或公众号。')

    await h.click('添加网络阵地')
    const input = await h.waitUntil(() => onlineInputs()[0] ?? Promise.reject(new Error('no row')))
    await h.type(input, '测试邻里群')
    await h.click('保存四个一')
    await h.findByText('已保存')

    const saved = await h.store.grids.get(id)
    expect(saved?.online).toEqual([{ kind: 'wechat_group', value: '测试邻里群' }])
    expect(saved?.fourOnes.onlineBase).toBe(true)
    // The rest of the grid stays as it was.
    expect(saved?.base.address).toBe('测试社区活动室')
    expect(saved?.project).toEqual({ name: '测试邻里汇', summary: '邻里互助' })
    // The header shows the new state.
    await h.waitUntil(() => expect(h.page().querySelector('.manage-head')?.textContent).not.toContain('缺网络'))
  })

  it('edits an existing online base and removes another', async () => {
    const id = await openManage(LED)
    await h.click('添加网络阵地')
    await h.waitUntil(() => expect(onlineInputs()).toHaveLength(2))
    await h.type(onlineInputs()[1], '测试青年公众号')
    await h.type(onlineInputs()[0], '测试楼宇青年二群')
    await h.click('保存四个一')
    await h.findByText('已保存')
    expect((await h.store.grids.get(id))?.online).toEqual([
      { kind: 'wechat_group', value: '测试楼宇青年二群' },
      { kind: 'wechat_group', value: '测试青年公众号' },
    ])

    await h.click(h.page().querySelectorAll('.manage-online__remove')[0])
    await h.waitUntil(() => expect(onlineInputs()).toHaveLength(1))
    await h.click('保存四个一')
    await h.waitUntil(async () =>
      expect((await h.store.grids.get(id))?.online).toEqual([{ kind: 'wechat_group', value: '测试青年公众号' }]),
    )
  })

  it('用当前位置 takes the browser’s WGS-84 reading and fills in GCJ-02 (H5 refuses gcj02)', async () => {
    const [lng, lat] = gcoord.transform([120.1205, 30.2845], gcoord.GCJ02, gcoord.WGS84)
    const spy = jest
      .spyOn(Taro, 'getLocation')
      .mockImplementation(((options: { type?: string }) =>
        options?.type === 'gcj02'
          ? Promise.reject(new Error('getLocation:fail gcj02 is not supported in H5'))
          : Promise.resolve({ latitude: lat, longitude: lng, accuracy: 15 })) as never)
    try {
      await openManage(NO_COORDS)
      await h.click('用当前位置')
      const latInput = (await h.findBySelector('.manage-lat')).querySelector('input') as HTMLInputElement
      await h.waitUntil(() => expect(Number(latInput.value)).toBeCloseTo(30.2845, 4))
    } finally {
      spy.mockRestore()
    }
  })

  it('复制邀请链接 copies an absolute link (H5) that opens the invite page, with one toast', async () => {
    const copied: string[] = []
    const spy = jest
      .spyOn(Taro, 'setClipboardData')
      .mockImplementation(((options: { data: string }) => (copied.push(options.data), Promise.resolve())) as never)
    try {
      await openManage(LEADERLESS)
      await h.click(await h.findBySelector('.invite-panel__create'))
      const code = (await h.findBySelector('.invite-panel__code')).textContent ?? ''
      await h.click('复制邀请链接')
      await h.waitUntil(() => expect(copied).toHaveLength(1))
      expect(copied[0]).toBe(
        `${window.location.origin}${window.location.pathname}#/member/pages/invite/index?code=${code}`,
      )
      // The platform says 内容已复制 itself; the page adds no second toast.
      expect(h.queryByText('邀请链接已复制')).toBeNull()
    } finally {
      spy.mockRestore()
    }
  })

  it('shows the server’s field errors on the fields', async () => {
    const id = await openManage(NO_COORDS)
    // An empty online row, and location checks on a base without coordinates.
    await h.click('添加网络阵地')
    await h.waitUntil(() => expect(onlineInputs()).toHaveLength(2))
    await h.click(h.page().querySelector('.manage-form__switch .nut-switch')!)
    await h.click('保存四个一')
    const error = await h.findBySelector('.manage-online .field-error')
    const update = h.calls.find((c) => c.action === 'update')
    expect(update?.envelope).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(error.textContent).toBe('不能为空')
    expect((await h.store.grids.get(id))?.online).toHaveLength(1)
  })

  it('lists the leaders by name and invites a new one with a QR code of the invite link', async () => {
    await openManage(LED)
    await h.findByText(LEADER_NAME, '.manage-leader *')
    const id = await openManage(LEADERLESS)
    await h.findByText('还没有网格长')
    await h.click(await h.findBySelector('.invite-panel__create'))
    const code = (await h.findBySelector('.invite-panel__code')).textContent ?? ''
    expect(code).toMatch(/\S{6,}/)
    const qr = await h.findBySelector('.invite-panel__qr')
    const src = qr.getAttribute('src') ?? qr.querySelector('img')?.getAttribute('src')
    expect(src).toMatch(/^data:image\/gif;base64,/)
    await h.findByText('复制邀请链接')
    // The invite is real and single use: a newcomer accepting it leads the grid.
    await h.callAs('o_new_leader', 'grids.acceptInvite', { inviteCode: code })
    expect(await h.store.grids.isLeader(id, 'o_new_leader')).toBe(true)
  })

  it('lets a leader edit their grid without the invite, and keeps members out', async () => {
    await openManage(LED, LEADER)
    expect(h.queryByText('邀请网格长')).toBeNull()
    h.signInAs(MEMBER)
    await h.renderPage(MANAGE, { id: await gridIdOf(LED) })
    await h.findByText('你不能管理这个网格')
    expect(h.queryByText('保存四个一')).toBeNull()
  })
})
