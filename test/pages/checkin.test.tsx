/**
 * 扫码报到 over the real check-in handlers: a page opened with a poster's `scene` checks in at once, a
 * scan that cannot reach the server waits as 待上传 and is sent again with the same request id, a grid
 * that requires location gets one, and 报到记录 lists what was recorded.
 */
import Taro from '@tarojs/taro'
import gcoord from 'gcoord'
import * as callModule from '../../src/services/call'
import type { Transport } from '../../src/services/call'
import { setupPageHarness, type TestStore } from './harness'
import { LOCATION_CONSENT_TEXT } from '../../src/hooks/useCheckin'
import { aGrid, aMember } from '../support/factories'
import { LEADER, LEADER_NAME, MEMBER, MEMBER_NAME } from './summon-fixtures'

// The harness installs its in-process transport through setTransport: keep a handle on it, so that a
// test can put a failing network in front of it.
let realTransport: Transport | null = null
const setTransport = callModule.setTransport
jest.spyOn(callModule, 'setTransport').mockImplementation((next: Transport) => {
  realTransport ??= next
  setTransport(next)
})

/** The member's own grid, with a base at (30.2845, 120.1205) and a 300 m fence; LEADER leads both grids. */
const HOME_GRID = '测试楼宇网格'
const HOME_PROJECT = '测试创业沙龙'
/** A grid the member has not joined. */
const OTHER_GRID = '测试园区网格'

async function world(store: TestStore) {
  await aMember(store, { name: LEADER_NAME }, LEADER)
  await aMember(store, { name: MEMBER_NAME }, MEMBER)
  await aGrid(store, {
    name: HOME_GRID,
    kind: 'building',
    base: { address: '测试大厦 1 楼青年之家', lat: 30.2845, lng: 120.1205, radiusM: 300 },
    project: { name: HOME_PROJECT, summary: '每月一期，楼宇青年创业交流' },
    leaders: [LEADER],
    members: [MEMBER],
  })
  await aGrid(store, { name: OTHER_GRID, kind: 'park', leaders: [LEADER] })
}

const h = setupPageHarness({ fixture: world })

async function gridId(name: string): Promise<string> {
  const grid = (await h.store.grids.list({ q: name }))[0]
  if (!grid) throw new Error(`no grid ${name}`)
  return grid.id
}

/** The poster scene of a grid, made by the real grids.posterCode as its leader (LEADER). */
async function posterScene(name: string): Promise<string> {
  const { scene } = await h.callAs(LEADER, 'grids.posterCode', { gridId: await gridId(name) })
  return scene
}

const scanRequests = (): string[] =>
  h.calls
    .filter((c) => c.fn === 'checkin' && c.action === 'scan')
    .map((c) => (c.data as { requestId: string }).requestId)

let locationSpy: jest.SpyInstance | null = null
let consentSpy: jest.SpyInstance | null = null
/** The location's own consent (a modal), answered `agree`. */
const answerConsent = (agree: boolean) => {
  consentSpy = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: agree, cancel: !agree } as never)
  return consentSpy
}
/**
 * A browser's position, as Taro's H5 getLocation gives it: WGS-84 only (it rejects `type: 'gcj02'`).
 * `latitude`/`longitude` are the GCJ-02 point the member stands on (what the server compares), handed out
 * as the WGS-84 reading a browser would report there.
 */
const fakeLocation = (latitude: number, longitude: number, accuracy: number) => {
  if (!consentSpy) answerConsent(true)
  const [lng, lat] = gcoord.transform([longitude, latitude], gcoord.GCJ02, gcoord.WGS84)
  locationSpy = jest
    .spyOn(Taro, 'getLocation')
    .mockImplementation(((options: { type?: string }) =>
      options?.type === 'gcj02'
        ? Promise.reject(new Error('getLocation:fail gcj02 is not supported in H5'))
        : Promise.resolve({ latitude: lat, longitude: lng, accuracy })) as never)
  return locationSpy
}

afterEach(() => {
  if (realTransport) setTransport(realTransport)
  Taro.removeStorageSync('erwei.pendingScans')
  locationSpy?.mockRestore()
  locationSpy = null
  consentSpy?.mockRestore()
  consentSpy = null
})

describe('扫码报到', () => {
  it('opened with a poster scene (iOS-encoded), checks in at once and joins the grid', async () => {
    const scene = await posterScene(OTHER_GRID)
    h.signInAs(MEMBER)
    // iOS hands the page the scene still URL-encoded ("." as %2E); Android hands it plain.
    await h.renderPage('pages/checkin/index', { scene: scene.replace(/\./g, '%2E') })
    await h.findByText('报到成功')
    await h.findByText(OTHER_GRID)
    await h.findByText('首次报到 · 已加入网格')
    await h.findByText('扫海报码')
    const mine = await h.store.checkins.mine(MEMBER, undefined, 20)
    expect(mine.items).toHaveLength(1)
    expect(mine.items[0]).toMatchObject({ gridName: OTHER_GRID, method: 'poster' })
  })

  it('a second scan of the same poster within minutes says 已报到过 and records nothing new', async () => {
    const scene = await posterScene(HOME_GRID)
    h.signInAs(MEMBER)
    await h.renderPage('pages/checkin/index', { scene })
    await h.findByText('报到成功')
    await h.renderPage('pages/checkin/index', { scene, again: '1' })
    await h.findByText('已报到过')
    expect(h.queryByText('首次报到 · 已加入网格')).toBeNull()
    expect((await h.store.checkins.mine(MEMBER, undefined, 20)).items).toHaveLength(1)
  })

  it('keeps a scan that failed for the network as 待上传 and sends it again with the same request id', async () => {
    const scene = await posterScene(OTHER_GRID)
    h.signInAs(MEMBER)
    const sent: string[] = []
    let failures = 0
    callModule.setTransport(async (fn, action, data) => {
      if (fn === 'checkin' && action === 'scan') {
        sent.push((data as { requestId: string }).requestId)
        if (failures++ === 0) throw new TypeError('Failed to fetch')
      }
      if (!realTransport) throw new Error('no harness transport')
      return realTransport(fn, action, data)
    })

    await h.renderPage('pages/checkin/index', { scene })
    await h.findByText('已记下，待上传')
    await h.findByText('现在重试')
    expect((await h.store.checkins.mine(MEMBER, undefined, 20)).items).toHaveLength(0)

    // The page shows again (the member came back to the tab): the kept scan goes out by itself.
    await h.renderPage('pages/checkin/index')
    await h.findByText('报到成功')
    expect(sent).toHaveLength(2)
    expect(sent[1]).toBe(sent[0])
    expect(scanRequests()).toEqual([sent[0]])
    expect((await h.store.checkins.mine(MEMBER, undefined, 20)).items).toHaveLength(1)
    expect(h.queryByText('待上传')).toBeNull()
  })

  it('asks for the location when the grid requires it and retries the same scan with it', async () => {
    const id = await gridId(HOME_GRID)
    await h.callAs(LEADER, 'grids.update', { gridId: id, requireLocation: true })
    const scene = await posterScene(HOME_GRID)
    const getLocation = fakeLocation(30.2846, 120.1206, 20)
    h.signInAs(MEMBER)
    await h.renderPage('pages/checkin/index', { scene })
    await h.findByText('报到成功')
    await h.findByText('扫海报码 · 位置已核验')
    // H5 asks the browser for WGS-84 and sends GCJ-02, the system the server compares in.
    expect(getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'wgs84' }))
    expect(consentSpy).toHaveBeenCalledWith(expect.objectContaining({ content: LOCATION_CONSENT_TEXT }))
    const ids = scanRequests()
    expect(ids).toHaveLength(2)
    expect(ids[1]).toBe(ids[0])
    const sentAt = h.calls.filter((c) => c.action === 'scan')[1].data as { location: { lat: number; lng: number } }
    expect(sentAt.location.lat).toBeCloseTo(30.2846, 4)
    expect(sentAt.location.lng).toBeCloseTo(120.1206, 4)
  })

  it('gets no position when the member declines the location’s consent', async () => {
    const id = await gridId(HOME_GRID)
    await h.callAs(LEADER, 'grids.update', { gridId: id, requireLocation: true })
    const scene = await posterScene(HOME_GRID)
    answerConsent(false)
    const getLocation = fakeLocation(30.2846, 120.1206, 20)
    h.signInAs(MEMBER)
    await h.renderPage('pages/checkin/index', { scene })
    await h.findByText('不在签到范围内')
    expect(getLocation).not.toHaveBeenCalled()
    expect(scanRequests()).toHaveLength(1)
  })

  it('checks in a member under 14 at a fenced grid without asking the position', async () => {
    const id = await gridId(HOME_GRID)
    await h.callAs(LEADER, 'grids.update', { gridId: id, requireLocation: true })
    const scene = await posterScene(HOME_GRID)
    await h.callAs('o_young_child', 'account.updateProfile', {
      name: '小青',
      affiliation: 'none',
      minor: true,
      guardian: { name: '青妈妈', consent: true },
    })
    const getLocation = fakeLocation(30.2846, 120.1206, 20)
    h.signInAs('o_young_child')
    await h.renderPage('pages/checkin/index', { scene })
    await h.findByText('报到成功')
    expect(consentSpy).not.toHaveBeenCalled()
    expect(getLocation).not.toHaveBeenCalled()
    expect(scanRequests()).toHaveLength(1)
  })

  it('explains a refusal when the member is too far away', async () => {
    const id = await gridId(HOME_GRID)
    await h.callAs(LEADER, 'grids.update', { gridId: id, requireLocation: true })
    const scene = await posterScene(HOME_GRID)
    fakeLocation(30.3, 120.2, 10)
    h.signInAs(MEMBER)
    await h.renderPage('pages/checkin/index', { scene })
    await h.findByText('不在签到范围内')
    await h.findByText('请到网格阵地附近，打开手机定位并允许获取位置后，再扫一次。')
    expect((await h.store.checkins.mine(MEMBER, undefined, 20)).items).toHaveLength(0)
  })

  it('typing a forged code (手动输入) answers in plain words', async () => {
    h.signInAs(MEMBER)
    await h.renderPage('pages/checkin/index')
    await h.type(await h.findBySelector('.checkin-manual__input'), 'P.abc123.AAAAAAAAAAAA')
    await h.click('报到')
    await h.findByText('这个码不能报到')
    await h.findByText('这不是有效的二维报到码，请确认后再扫')
    // The text stays, so one wrong character can be corrected instead of typing it all again.
    const field = (await h.findBySelector('.checkin-manual__input')).querySelector('input') as HTMLInputElement
    expect(field.value).toBe('P.abc123.AAAAAAAAAAAA')
  })

  it('a pasted invite link opens the invite page instead of failing as a check-in code', async () => {
    h.signInAs(MEMBER)
    await h.renderPage('pages/checkin/index')
    await h.type(
      await h.findBySelector('.checkin-manual__input'),
      'http://localhost/#/member/pages/invite/index?code=abcDEF123456',
    )
    await h.click('报到')
    await h.navigatedTo('/member/pages/invite/index?code=abcDEF123456')
  })

  it('an invite link sent before the invite page moved to the member subpackage still opens it', async () => {
    h.signInAs(MEMBER)
    await h.renderPage('pages/checkin/index')
    await h.type(
      await h.findBySelector('.checkin-manual__input'),
      'http://localhost/#/pages/invite/index?code=oldLINK12345',
    )
    await h.click('报到')
    await h.navigatedTo('/member/pages/invite/index?code=oldLINK12345')
  })

  it('报到记录 lists the check-ins with grid and method, or an empty state', async () => {
    h.signInAs(MEMBER)
    await h.renderPage('member/pages/checkins/index')
    await h.findByText('还没有报到记录')

    const scene = await posterScene(OTHER_GRID)
    await h.callAs(MEMBER, 'checkin.scan', { code: scene, requestId: 'req-history-0001' })
    await h.renderPage('member/pages/checkins/index', { again: '1' })
    await h.findByText(OTHER_GRID)
    await h.findByText('网格报到')
    await h.findByText('没有更早的记录了')
  })

  it('the leader poster shows the grid, its code and 四个一', async () => {
    h.signInAs(LEADER)
    await h.renderPage('leader/pages/poster/index', { gridId: await gridId(HOME_GRID) })
    await h.findByText(HOME_GRID)
    await h.findByText('扫码报到 加入网格')
    const scene = await h.findByText('报到码：P.', '.print-poster__scene')
    expect(scene.textContent).toMatch(/^报到码：P\.[0-9a-z]+\.[\w-]{12}$/)
    await h.findByText(HOME_PROJECT)
    await h.findByText('下载报到码图片')
  })

  it("the leader's live code shows a signed code and a countdown, and a member can check in with it", async () => {
    const start = new Date(Date.now() + 10 * 60_000)
    const summon = await h.callAs(LEADER, 'summons.publish', {
      gridId: await gridId(HOME_GRID),
      title: '楼宇青年午间分享会',
      body: '现场签到测试',
      place: '青年之家',
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 3600_000).toISOString(),
    })
    h.signInAs(LEADER)
    await h.renderPage('leader/pages/live-code/index', { summonId: summon.id })
    await h.findByText('楼宇青年午间分享会')
    await h.findByText('秒后更新')
    const code = (await h.findBySelector('.live-code__text')).textContent ?? ''
    expect(code).toMatch(new RegExp(`^L\\.${summon.id}\\.\\d+\\.`))

    const answer = await h.callAs(MEMBER, 'checkin.scan', { code, requestId: 'req-live-00001' })
    expect(answer).toMatchObject({ summon: { title: '楼宇青年午间分享会' }, checkIn: { method: 'live' } })
  })

  it('报到记录 loads older check-ins page by page (the server cursor)', async () => {
    const id = await gridId(HOME_GRID)
    const start = Date.now() - 30 * 24 * 3600_000
    for (let i = 0; i < 25; i++) {
      const at = new Date(start + i * 3600_000)
      const input = {
        openid: MEMBER,
        requestId: `req-page-${String(i).padStart(4, '0')}`,
        gridId: id,
        summonId: null,
        method: 'poster' as const,
        verifiedBy: ['poster' as const],
      }
      await h.store.checkins.record(input, at, 10)
    }
    h.signInAs(MEMBER)
    await h.renderPage('member/pages/checkins/index')
    await h.waitForCount('.checkins__row', 20)
    // Selectors, not text: a text query walks every node of a long list.
    await h.click(await h.findBySelector('.checkins__more'))
    await h.waitForCount('.checkins__row', 25)
    expect((await h.findBySelector('.checkins__end')).textContent).toBe('没有更早的记录了')
    const mineCalls = h.calls.filter((c) => c.fn === 'checkin' && c.action === 'mine')
    expect(mineCalls.filter((c) => 'cursor' in (c.data as object))).toHaveLength(1)
  })
})
