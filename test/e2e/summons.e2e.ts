import type { Browser, Page } from 'playwright-core'
import { HOUR_MS } from '../../types/rules'
import {
  apiAs,
  clickButton,
  clickCell,
  clickText,
  fillByPlaceholder,
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
  tap,
  waitForRoute,
} from './browser'

/**
 * Journey (issue 3): a leader publishes a 召集令, a member signs up with one tap, and the leader's
 * roster shows the member — in the built H5 app against the real local server.
 */

/** The label of the detail page's primary button. */
const mainButton = (page: Page) => page.locator('.sign-up-bar__main')

describe('journey: publish a 召集令 → 一键报名 → roster', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('lets a leader publish, a member sign up in one tap, and the leader see the member', async () => {
    const title = `楼宇青年羽毛球夜 ${Date.now() % 10000}`
    const leader = await openPhone(browser, '')
    let detailRoute = ''

    await journey(leader, 'summons-publish', async () => {
      const { page } = leader
      await signInAs(page, 'leader', { via: 'picker' })
      // The 召集令 tab of the tab bar (the home tab).
      await tap(page, page.getByText('召集令', { exact: true }).last(), 'pages/summons/index')
      await seeText(page, '乐创汇创业沙龙 · 第 12 期', true)
      await screenshot(page, 'summons-list', { docs: true })
      await clickButton(page, '发布召集令', 'leader/pages/summon-publish/index')
      await seeText(page, '莲花商圈楼宇网格', true)
      await fillByPlaceholder(page, '2–40 个字', title)
      await fillByPlaceholder(page, '做什么、需要带什么', '自带球拍，场地和球由青年之家提供。')
      await fillByPlaceholder(page, '莲花商务中心 1 楼青年之家', '莲花商务中心 B1 羽毛球馆')
      await fillByPlaceholder(page, '不填为不限人数', '12')
      await clickText(page, '+ 楼宇圈', true)
      await screenshot(page, 'summon-publish', { docs: true })
      await clickButton(page, '预览')
      await seeText(page, '预览：青年看到的召集令就是这样')
      await clickButton(page, '确认发布')
      await waitForRoute(page, 'member/pages/summon/index')
      await seeText(page, title, true)
      await seeText(page, '已报名 0/12')
      detailRoute = new URL(page.url()).hash.replace(/^#\//, '')
    })

    const member = await openPhone(browser, '')
    await journey(member, 'summons-sign-up', async () => {
      const { page } = member
      await signInAs(page, 'member', { via: 'picker' })
      // Opened from a shared link.
      await openAt(page, detailRoute)
      await seeText(page, title, true)
      await mainButton(page).filter({ hasText: '一键报名' }).waitFor()
      await mainButton(page).click()
      await mainButton(page).filter({ hasText: '已报名' }).waitFor()
      await seeText(page, '已报名 1/12')
      await seeText(page, '取消报名', true)
      await screenshot(page, 'summon-detail', { docs: true })
    })

    await journey(leader, 'summons-roster', async () => {
      const { page } = leader
      await reloadPage(page)
      await seeText(page, '已报名 1/12')
      await clickCell(page, '报名名单', 'leader/pages/roster/index')
      await seeText(page, '已报名 · 1', true)
      await seeText(page, '陈晓青', true)
      await screenshot(page, 'summon-roster', { docs: true })
    })

    expect(pageErrors(leader)).toEqual([])
    expect(pageErrors(member)).toEqual([])
    await leader.context.close()
    await member.context.close()
  })

  it('reads the list again on the way back from a summon, so its card shows the sign-up made there', async () => {
    const title = `楼道公告栏换新 ${Date.now() % 10000}`
    // Starts within the hour: near the top of 全部, which lists the soonest start first.
    const start = Date.now() + HOUR_MS / 2
    await apiAs('leader', 'summons', 'publish', {
      gridId: await gridIdNamed('莲花商圈楼宇网格'),
      title,
      body: '一起把楼道的公告栏换新，材料由青年之家准备。',
      place: '莲花商务中心 1 楼青年之家',
      startAt: new Date(start).toISOString(),
      endAt: new Date(start + 2 * HOUR_MS).toISOString(),
    })
    const phone = await openPhone(browser, '')
    await journey(phone, 'summons-back-from-detail', async () => {
      const { page } = phone
      await signInAs(page, 'member', { route: 'pages/summons/index' })
      const card = page.locator('.summon-card', { hasText: title })
      await card.locator('.summon-card__filled', { hasText: '已报名 0' }).waitFor()
      await tap(page, card, 'member/pages/summon/index')
      await mainButton(page).filter({ hasText: '一键报名' }).click()
      await mainButton(page).filter({ hasText: '已报名' }).waitFor()
      await page.goBack()
      await waitForRoute(page, 'pages/summons/index')
      await card.locator('.summon-card__filled', { hasText: '已报名 1' }).waitFor()
      await card.locator('.summon-card__mine', { hasText: '已报名' }).waitFor()
    })
    expect(pageErrors(phone)).toEqual([])
    await phone.context.close()
  })
})
