import Taro from '@tarojs/taro'
import gcoord from 'gcoord'
import { setupPageHarness } from './harness'

jest.setTimeout(30_000)

const h = setupPageHarness()

const MANAGE = 'admin/pages/grid-manage/index'

async function gridIdOf(q: string): Promise<string> {
  const [grid] = await h.store.grids.list({ q })
  return grid.id
}

async function openManage(q: string, openid = 'o_demo_admin') {
  const id = await gridIdOf(q)
  h.signInAs(openid)
  await h.renderPage(MANAGE, { id })
  await h.findByText('保存四个一')
  return id
}

const onlineInputs = () => Array.from(h.page().querySelectorAll('.manage-online__value input'))

describe('网格管理', () => {
  it('adds an online base and saves it to the store: the 四个一 turns complete for that part', async () => {
    const id = await openManage('翠苑一区')
    expect((await h.store.grids.get(id))?.fourOnes.onlineBase).toBe(false)
    await h.findByText('还没有网络阵地，添加一个微信群、QQ 群或公众号。')

    await h.click('添加网络阵地')
    const input = await h.waitUntil(() => onlineInputs()[0] ?? Promise.reject(new Error('no row')))
    await h.type(input, '翠苑青年邻里群')
    await h.click('保存四个一')
    await h.findByText('已保存')

    const saved = await h.store.grids.get(id)
    expect(saved?.online).toEqual([{ kind: 'wechat_group', value: '翠苑青年邻里群' }])
    expect(saved?.fourOnes.onlineBase).toBe(true)
    // The rest of the grid stays as it was.
    expect(saved?.base.address).toBe('翠苑一区社区活动室')
    expect(saved?.project).toEqual({ name: '首善爱心汇', summary: '邻里互助' })
    // The header shows the new state.
    await h.waitUntil(() => expect(h.page().querySelector('.manage-head')?.textContent).not.toContain('缺网络'))
  })

  it('edits an existing online base and removes another', async () => {
    const id = await openManage('莲花商圈')
    await h.click('添加网络阵地')
    await h.waitUntil(() => expect(onlineInputs()).toHaveLength(2))
    await h.type(onlineInputs()[1], '莲花青年公众号')
    await h.type(onlineInputs()[0], '莲花商圈青年二群')
    await h.click('保存四个一')
    await h.findByText('已保存')
    expect((await h.store.grids.get(id))?.online).toEqual([
      { kind: 'wechat_group', value: '莲花商圈青年二群' },
      { kind: 'wechat_group', value: '莲花青年公众号' },
    ])

    await h.click(h.page().querySelectorAll('.manage-online__remove')[0])
    await h.waitUntil(() => expect(onlineInputs()).toHaveLength(1))
    await h.click('保存四个一')
    await h.waitUntil(async () =>
      expect((await h.store.grids.get(id))?.online).toEqual([{ kind: 'wechat_group', value: '莲花青年公众号' }]),
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
      await openManage('蒋村慢生活')
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
      await openManage('古荡湾')
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
    const id = await openManage('蒋村慢生活')
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
    await openManage('莲花商圈')
    await h.findByText('王磊', '.manage-leader *')
    const id = await openManage('古荡湾')
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
    await openManage('莲花商圈', 'o_demo_leader')
    expect(h.queryByText('邀请网格长')).toBeNull()
    h.signInAs('o_demo_member')
    await h.renderPage(MANAGE, { id: await gridIdOf('莲花商圈') })
    await h.findByText('你不能管理这个网格')
    expect(h.queryByText('保存四个一')).toBeNull()
  })
})
