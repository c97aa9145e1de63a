import type { Browser, Page } from 'playwright-core'
import {
  clickButton,
  clickText,
  fillByPlaceholder,
  launchBrowser,
  openPhone,
  pageErrors,
  reloadPage,
  screenshot,
  seeText,
  signInAs,
  tap,
  waitForRoute,
  type Persona,
  type PhonePage,
} from './browser'

/**
 * Journey (issue 5): a member proposes an idea on a draft plan; the grid leader adopts it with a reply;
 * the member then sees 已采纳 and the reply — in the built H5 app against the real local server.
 */

const PLAN = '乐创汇创业沙龙 · 第 13 期方案'

/** Signs in on 选择身份 with a demo persona and opens the collecting demo plan from the 方案 tab. */
async function openPlanAs(phone: PhonePage, persona: Persona): Promise<Page> {
  const { page } = phone
  await signInAs(page, persona, { via: 'picker' })
  await tap(page, page.locator('.weui-tabbar__label', { hasText: '方案' }), 'pages/plans/index')
  await clickText(page, PLAN, true)
  await waitForRoute(page, 'member/pages/plan/index')
  await seeText(page, '主题：青年创业者的第一份商业计划书。')
  return page
}

const ideaCard = (page: Page, text: string) => page.locator('.idea:visible', { hasText: text }).first()

describe('journey: idea → adopted with a reply → the member sees it', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('carries an idea from the member to the leader and the adoption back', async () => {
    const idea = '建议现场准备一块白板，方便分组讨论时记录大家的想法。'
    const reply = '采纳！青年之家会准备两块白板和马克笔。'

    // The member proposes an idea.
    const member = await openPhone(browser, '')
    const memberPage = await openPlanAs(member, 'member')
    await fillByPlaceholder(memberPage, '你对这个方案有什么建议', idea)
    await clickButton(memberPage, '提交建议')
    await ideaCard(memberPage, idea).waitFor()
    // Their earlier idea (demo seed) is still held for review: only they and the leaders see it.
    await seeText(memberPage, '审核中，仅你和网格长可见')

    // The leader sees it waiting and adopts it with a reply.
    const leader = await openPhone(browser, '')
    const leaderPage = await openPlanAs(leader, 'leader')
    await seeText(leaderPage, '待处理', true)
    const card = ideaCard(leaderPage, idea)
    await card.locator('.nut-button', { hasText: '回复采纳情况' }).click()
    await leaderPage.locator('.nut-actionsheet-item-name:visible', { hasText: /^采纳$/ }).click()
    await fillByPlaceholder(leaderPage, '写给提建议的人', reply)
    await clickButton(leaderPage, '发送回复')
    await card.locator('.decision-badge', { hasText: '已采纳' }).waitFor()
    await card.getByText(reply).waitFor()

    // Back on the member's phone: the idea is adopted, with the leader's reply under it.
    await reloadPage(memberPage)
    const adopted = ideaCard(memberPage, idea)
    await adopted.locator('.decision-badge', { hasText: '已采纳' }).waitFor()
    await adopted.getByText(reply).waitFor()
    await adopted.scrollIntoViewIfNeeded()
    await screenshot(memberPage, 'plan', { docs: true })

    expect(pageErrors(member)).toEqual([])
    expect(pageErrors(leader)).toEqual([])
    await member.context.close()
    await leader.context.close()
  })
})
