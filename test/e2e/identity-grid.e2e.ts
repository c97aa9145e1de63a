import type { Browser } from 'playwright-core'
import {
  clickCell,
  clickText,
  freshOpenid,
  journey,
  launchBrowser,
  openPhone,
  pageErrors,
  screenshot,
  seeText,
  signInAs,
  signUpNewcomer,
  waitForRoute,
} from './browser'

/**
 * Journey 1 (issue 2): a newcomer chooses an identity, fills in the profile, opens the grid directory
 * and a grid, and sees its 四个一 — all in the built H5 app against the real local server.
 */
describe('journey: identity → profile → grid directory → 四个一', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('lets a new user sign in, fill in the profile and see a grid’s 四个一', async () => {
    const phone = await openPhone(browser, '')
    const { page } = phone

    await journey(phone, 'identity-profile-grid', async () => {
      // Without an identity the app asks for one first.
      await waitForRoute(page, 'pages/login/index')
      await seeText(page, '选择一个身份进入')
      await seeText(page, '青年团员 · 陈晓青')
      await screenshot(page, '01-login', { docs: true })

      // A fresh identity has no profile yet, so the profile form comes next; saved, on to 我的.
      await signUpNewcomer(page, {
        openid: freshOpenid(),
        name: '林小青',
        phone: '13800000000',
        // Not registered in 二维报到 yet: the organisation's name is typed as free text.
        org: '莲花商务中心青年志愿者协会',
        affiliation: '青年社会组织成员',
        screenshot: '02-profile',
      })

      // 我的 shows the profile.
      await seeText(page, '林小青')
      await seeText(page, '青年社会组织', true)
      await seeText(page, '还没有加入网格')
      await screenshot(page, '03-me', { docs: true })

      // 我的 → 网格目录 → 莲花商圈楼宇网格.
      await clickCell(page, '网格目录', 'member/pages/grids/index')
      await seeText(page, '莲花商圈楼宇网格', true)
      await screenshot(page, '04-grids', { docs: true })
      await clickText(page, '莲花商圈楼宇网格', true)

      await waitForRoute(page, 'member/pages/grid/index')
      await seeText(page, '四个一', true)
      for (const part of ['网格长', '实体阵地', '网络阵地', '网格项目']) await seeText(page, part, true)
      await seeText(page, '王磊')
      await seeText(page, '莲花街 333 号')
      await seeText(page, '微信群：莲花商圈青年群')
      await seeText(page, '乐创汇创业沙龙')
      await screenshot(page, '05-grid', { docs: true })
    })

    expect(pageErrors(phone)).toEqual([])
    await phone.context.close()
  })

  it('lets a demo member pick a persona and find the grid they belong to under 我的', async () => {
    const phone = await openPhone(browser, '')
    const { page } = phone

    await journey(phone, 'persona-my-grid', async () => {
      // The demo member already has a profile: straight to 我的, with their grid listed.
      await signInAs(page, 'member', { via: 'picker' })
      await seeText(page, '陈晓青', true)
      await clickCell(page, '莲花商圈楼宇网格', 'member/pages/grid/index')
      await seeText(page, '你已加入', true)
    })

    expect(pageErrors(phone)).toEqual([])
    await phone.context.close()
  })
})
