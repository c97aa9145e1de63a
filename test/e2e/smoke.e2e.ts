import type { Browser } from 'playwright-core'
import { appUrl, baseUrl, journey, launchBrowser, openPhone, pageErrors, screenshot } from './browser'

/** The infrastructure itself: the real server answers, and the built H5 app boots in Chromium. */
describe('smoke: local server and H5 app shell', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('answers /healthz and offers the three demo identities', async () => {
    const health = await fetch(`${baseUrl()}/healthz`)
    expect(health.status).toBe(200)
    const personas = (await (await fetch(`${baseUrl()}/dev/personas`)).json()) as {
      ok: boolean
      data: { openid: string; title: string }[]
    }
    expect(personas.ok).toBe(true)
    expect(personas.data.map((p) => p.openid)).toEqual(['o_demo_member', 'o_demo_leader', 'o_demo_admin'])
  })

  it('serves the demo grids over the API to a locally signed-in user', async () => {
    const login = await fetch(`${baseUrl()}/dev/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'o_demo_member' }),
    })
    const { data } = (await login.json()) as { data: { token: string } }
    const res = await fetch(`${baseUrl()}/api/grids`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${data.token}` },
      body: JSON.stringify({ action: 'list', data: {} }),
    })
    const body = (await res.json()) as { ok: boolean; data: { name: string }[] }
    expect(res.status).toBe(200)
    expect(body.data.map((g) => g.name)).toContain('莲花商圈楼宇网格')
  })

  it('boots the H5 app in a phone-sized Chromium with Chinese text and the tab bar', async () => {
    const phone = await openPhone(browser)
    const { page } = phone
    await journey(phone, 'smoke-shell', async () => {
      await page.goto(appUrl())
      // The hash router lands on a page of the app (the first tab, or 选择身份 without an identity).
      await page.waitForFunction(() => window.location.hash.startsWith('#/pages/'))
      await page.locator('.taro_page').first().waitFor({ state: 'visible' })
      await page.getByText('我的', { exact: true }).first().waitFor({ state: 'attached' })
      await screenshot(page, 'smoke-shell')
    })
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN')
    expect(pageErrors(phone)).toEqual([])
    await phone.context.close()
  })
})
