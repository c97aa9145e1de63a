import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  apiAs,
  baseUrl,
  clickButton,
  fillByPlaceholder,
  freshOpenid,
  journey,
  launchBrowser,
  openAt,
  openPhone,
  pageErrors,
  screenshot,
  seeText,
  signInAs,
} from './browser'
import { startAppServer, stopAppServer, type AppServer } from './server'
import { writeQrVideo } from './y4m'

/**
 * Journey (issue 4): 二维报到 check-in in the built H5 app against the real local server.
 * - A new member types a grid's poster code (手动输入) and is checked in (首次报到).
 * - The same member scans a SECOND grid's poster through the camera: Chromium's fake camera plays a
 *   Y4M video of that grid's QR code, and the app's real decoder (jsQR) reads it. A second grid, so the
 *   answer is a new check-in, not the 10-minute duplicate.
 * - A leader's live code rotates on a server with LIVE_CODE_SECONDS=5, and a member signs in with it.
 */

interface Api {
  url: string
  call: <T>(openid: string, fn: string, action: string, data: unknown) => Promise<T>
}

/** The API of the local server at `url` (the shared one, or this file's fast-rotating one). */
const apiOf = (url: string): Api => ({
  url,
  call: <T>(openid: string, fn: string, action: string, data: unknown) => apiAs<T>(openid, fn, action, data, url),
})

async function gridIdOf(api: Api, name: string): Promise<string> {
  const grids = await api.call<{ id: string; name: string }[]>('o_demo_member', 'grids', 'list', { q: name })
  const grid = grids.find((g) => g.name === name)
  if (!grid) throw new Error(`no grid ${name}`)
  return grid.id
}

async function posterScene(api: Api, name: string): Promise<string> {
  const gridId = await gridIdOf(api, name)
  const code = await api.call<{ scene: string }>('o_demo_leader', 'grids', 'posterCode', { gridId })
  return code.scene
}

/** Holds the identity in the page's storage, as the 选择身份 page leaves it, and opens `route`. */
const holdIdentity = (page: Page, api: Api, openid: string, route: string) =>
  signInAs(page, openid, { route, server: api.url })

describe('journey: 二维报到 check-in', () => {
  let browser: Browser
  const member = freshOpenid('checkin')

  beforeAll(async () => {
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('a member checks in by typing the poster code (手动输入)', async () => {
    const api = apiOf(baseUrl())
    const scene = await posterScene(api, '莲花商圈楼宇网格')
    const phone = await openPhone(browser)
    const { page } = phone
    await journey(phone, 'checkin-typed', async () => {
      await holdIdentity(page, api, member, 'pages/checkin/index')
      await seeText(page, '扫一扫')
      // Before a code is typed the button is disabled: the theme's grey behind white text (4.5:1), with no
      // border. (Taro's own button style, on NutUI's buttons with the H5 React HTML components, drew it
      // #f8f8f8 behind the white text, with a border.)
      const disabled = await page.locator('.nut-button', { hasText: /^报到$/ }).evaluate((el) => {
        const style = getComputedStyle(el)
        return { background: style.backgroundColor, color: style.color, border: style.borderTopWidth }
      })
      expect(disabled).toEqual({ background: 'rgb(118, 118, 118)', color: 'rgb(255, 255, 255)', border: '0px' })
      await fillByPlaceholder(page, '例如 P.', scene)
      await clickButton(page, /^报到$/)
      await seeText(page, '报到成功')
      await seeText(page, '莲花商圈楼宇网格')
      await seeText(page, '首次报到 · 已加入网格')
      await seeText(page, '扫海报码')
      await screenshot(page, 'checkin-result', { docs: true })
      expect(pageErrors(phone)).toEqual([])
    })
    await phone.context.close()
  })

  it('the same member scans a second grid’s poster with the camera (fake capture device, real jsQR)', async () => {
    const api = apiOf(baseUrl())
    const scene = await posterScene(api, '凤凰创意园区创业网格')
    const dir = mkdtempSync(join(tmpdir(), 'erwei-camera-'))
    const video = join(dir, 'poster.y4m')
    writeQrVideo(video, scene)
    const camera = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        ...CHROMIUM_ARGS,
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    })
    try {
      const phone = await openPhone(camera)
      const { page } = phone
      await journey(phone, 'checkin-camera', async () => {
        await holdIdentity(page, api, member, 'pages/checkin/index')
        await clickButton(page, '扫一扫')
        await seeText(page, '报到成功')
        await seeText(page, '凤凰创意园区创业网格')
        await seeText(page, '首次报到 · 已加入网格')
        expect(pageErrors(phone)).toEqual([])
      })
      // 报到记录 lists both check-ins.
      await openAt(page, 'member/pages/checkins/index', { server: api.url })
      await seeText(page, '凤凰创意园区创业网格')
      await seeText(page, '莲花商圈楼宇网格')
      await screenshot(page, 'checkin-history')
    } finally {
      await camera.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  describe('with live codes rotating every 5 s', () => {
    let fast: AppServer

    beforeAll(async () => {
      const before = process.env.LIVE_CODE_SECONDS
      process.env.LIVE_CODE_SECONDS = '5'
      try {
        fast = await startAppServer()
      } finally {
        if (before === undefined) delete process.env.LIVE_CODE_SECONDS
        else process.env.LIVE_CODE_SECONDS = before
      }
    }, 120_000)

    afterAll(async () => {
      if (fast) await stopAppServer(fast)
    })

    it('the leader’s live code changes on screen, and a member signs in with the code shown', async () => {
      const api = apiOf(fast.baseUrl)
      const start = new Date(Date.now() + 10 * 60_000)
      const summon = await api.call<{ id: string }>('o_demo_leader', 'summons', 'publish', {
        gridId: await gridIdOf(api, '莲花商圈楼宇网格'),
        title: '楼宇青年午间分享会',
        body: '午休时间的青年分享，现场扫码签到。',
        place: '莲花商务中心 1 楼青年之家',
        startAt: start.toISOString(),
        endAt: new Date(start.getTime() + 3600_000).toISOString(),
      })
      const leader = await openPhone(browser)
      const { page } = leader
      let shown = ''
      await journey(leader, 'live-code', async () => {
        await holdIdentity(page, api, 'o_demo_leader', `leader/pages/live-code/index?summonId=${summon.id}`)
        await seeText(page, '楼宇青年午间分享会')
        await seeText(page, '秒后更新')
        const text = page.locator('.live-code__text:visible').first()
        const first = (await text.textContent()) ?? ''
        expect(first).toMatch(new RegExp(`^L\\.${summon.id}\\.\\d+\\.`))
        await screenshot(page, 'live-code', { docs: true })
        await page.waitForFunction((old) => document.querySelector('.live-code__text')?.textContent !== old, first, {
          timeout: 12_000,
        })
        shown = (await text.textContent()) ?? ''
        expect(shown).not.toBe(first)
        expect(pageErrors(leader)).toEqual([])
      })

      // The member's phone is ready on 扫码报到 first; then the code the leader's screen shows fresh (just
      // changed, so it holds for this window and the next) is typed at once — a phone that boots after the
      // code was read could be slower than two 5-second windows on a loaded machine.
      const youth = await openPhone(browser)
      await journey(youth, 'live-code-ready', async () => {
        await holdIdentity(youth.page, api, freshOpenid('live'), 'pages/checkin/index')
        await youth.page.locator('input[placeholder*="例如 P."]:visible').first().waitFor()
      })
      await journey(leader, 'live-code-fresh', async () => {
        await page.waitForFunction((old) => document.querySelector('.live-code__text')?.textContent !== old, shown, {
          timeout: 12_000,
        })
        shown = (await page.locator('.live-code__text:visible').first().textContent()) ?? ''
      })
      await journey(youth, 'live-code-checkin', async () => {
        await fillByPlaceholder(youth.page, '例如 P.', shown)
        await clickButton(youth.page, /^报到$/)
        await seeText(youth.page, '签到成功')
        await seeText(youth.page, '楼宇青年午间分享会')
        await seeText(youth.page, '活动签到码')
      })
      await youth.context.close()
      await leader.context.close()
    })
  })
})
