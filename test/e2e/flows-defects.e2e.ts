import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import type { Browser, Page } from 'playwright-core'
import { ROUTES } from '../../src/utils/routes'
import {
  apiAs,
  gridIdNamed,
  journey,
  launchBrowser,
  openAt,
  openPhone,
  pageErrors,
  reloadPage,
  screenshot,
  seeText,
  signInAs,
} from './browser'

/**
 * Issue 12's everyday-flow defects as a person meets them in the built H5 app on a 390 × 844 phone:
 * each test failed before its fix.
 */

/** A route of ROUTES without its leading slash, as `appUrl` takes it. */
const route = (path: string) => path.replace(/^\//, '')

/** What a phone camera would read from the element's area of the screen (null when no code is found). */
async function decodeOnScreen(page: Page, selector: string): Promise<string | null> {
  const box = await page.locator(selector).first().boundingBox()
  if (!box) return null
  const shot = PNG.sync.read(await page.screenshot({ clip: box }))
  const found = jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height)
  return found ? found.data : null
}

describe('issue 12: everyday-flow defects in the browser', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('the grid page shows its whole poster code: a screenshot of it decodes to the grid’s scene', async () => {
    const gridId = await gridIdNamed('莲花商圈楼宇网格')
    const { scene } = await apiAs<{ scene: string }>('leader', 'grids', 'posterCode', { gridId })
    const phone = await openPhone(browser)
    const { page } = phone
    await journey(phone, 'grid-poster-code', async () => {
      // As a leader gets there: 选择身份 on the app's first page, then the grid.
      await openAt(page, '', { lands: 'pages/login/index' })
      await signInAs(page, 'leader', { via: 'picker' })
      await openAt(page, route(ROUTES.grid(gridId)))
      await seeText(page, '报到海报码')
      const image = page.locator('.poster__image img').first()
      await image.waitFor({ state: 'visible' })
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('.poster__image img')
        return !!img && img.complete && img.naturalWidth > 0
      })
      // Scroll down to it as a person does (a wheel or a swipe; an element's scrollIntoView would make the
      // browser lay the image out afresh and hide the defect).
      await page.mouse.move(200, 400)
      await page.mouse.wheel(0, 700)
      await page.waitForTimeout(500)
      expect(await decodeOnScreen(page, '.poster__image')).toBe(scene)
      await screenshot(page, 'grid-poster-code', { docs: true })
      expect(pageErrors(phone)).toEqual([])
    })
    await phone.context.close()
  })

  it('a phone without a camera is told so kindly and keeps the manual code field, with no black box', async () => {
    // This browser has no camera: getUserMedia fails as on a phone whose camera is missing or refused.
    const phone = await openPhone(browser)
    const { page } = phone
    await journey(phone, 'checkin-no-camera', async () => {
      await signInAs(page, 'o_demo_member', { route: route(ROUTES.checkin) })
      await page.locator('.nut-button:visible', { hasText: '扫一扫' }).first().click()
      await seeText(page, '请在下面手动输入报到码')
      expect(await page.locator('.camera-scanner__view:visible').count()).toBe(0)
      await page.locator('input[placeholder*="例如 P."]:visible').first().waitFor()
      await screenshot(page, 'checkin-no-camera', { docs: true })
      expect(pageErrors(phone)).toEqual([])
    })
    await phone.context.close()
  })

  it('an unknown address shows a not-found page with a way home, not the previous page', async () => {
    const phone = await openPhone(browser)
    const { page } = phone
    await journey(phone, 'not-found', async () => {
      await signInAs(page, 'o_demo_member', { route: route(ROUTES.checkins) })
      // 报到记录 is on screen (with the member's records, or its empty state).
      await page.locator('.page.checkins').first().waitFor()
      await openAt(page, 'pages/no-such-page/index', { lands: 'more/pages/not-found/index' })
      await seeText(page, '没有找到这个页面')
      await screenshot(page, 'not-found', { docs: true })
      await page.locator('.nut-button:visible', { hasText: '回到首页' }).first().click()
      await page.waitForFunction((home) => window.location.hash.startsWith(`#${home}`), ROUTES.summons)
    })
    await phone.context.close()
  })

  it('the invite page names the grid and who invites, and turns off for a used code', async () => {
    // A grid of its own: the admin journey needs 村村志愿服务队网格 still without a leader (one server for all).
    const { id: gridId } = await apiAs<{ id: string }>('admin', 'grids', 'create', {
      name: '邀请测试楼宇网格',
      townId: 'xixi',
      kind: 'building',
      base: { address: '西湖区文二路 8 号' },
      online: [{ kind: 'wechat_group', value: '青年群' }],
      project: { name: '乐创汇', summary: '创业沙龙' },
    })
    const { inviteCode } = await apiAs<{ inviteCode: string }>('admin', 'grids', 'invite', { gridId })
    const phone = await openPhone(browser)
    const { page } = phone
    await journey(phone, 'invite', async () => {
      await signInAs(page, 'o_demo_member', { route: route(ROUTES.invite(inviteCode)) })
      await seeText(page, '李书记（区团委）邀请你担任「邀请测试楼宇网格」的网格长')
      await screenshot(page, 'invite', { docs: true })
      // Someone else takes it first: the page says so and the button is off.
      await apiAs('leader', 'grids', 'acceptInvite', { inviteCode })
      await reloadPage(page)
      await seeText(page, '这个邀请码已经被使用过了，请向区团委重新索取')
      expect(await page.locator('.invite__accept.nut-button-disabled').count()).toBe(1)
      await screenshot(page, 'invite-used', { docs: true })
      expect(pageErrors(phone)).toEqual([])
    })
    await phone.context.close()
  })
})
