import type { Browser } from 'playwright-core'
import { ROUTES } from '../../src/utils/routes'
import { HOUR_MS } from '../../types/rules'
import {
  apiAs,
  gridIdNamed,
  journey,
  launchBrowser,
  openPhone,
  pageErrors,
  screenshot,
  seeText,
  signInAs,
} from './browser'

/**
 * The screens issue 12 fixed that no other journey reaches, as a member meets them on a 390 × 844 phone:
 * a withdrawn summon, and a summon carried out from a finalized plan (both ways of the link). Each
 * asserts what the screen says; with UPDATE_SCREENSHOTS=1 it also refreshes its docs/screenshots picture.
 */

const LEADER_GRID = '莲花商圈楼宇网格'

const leaderGridId = () => gridIdNamed(LEADER_GRID)

/** A summon of the leader's grid two days from now, two hours long. */
async function publishSummon(title: string, extra: { planId?: string } = {}): Promise<{ id: string }> {
  const start = Date.now() + 48 * HOUR_MS
  return apiAs<{ id: string }>('leader', 'summons', 'publish', {
    gridId: await leaderGridId(),
    title,
    body: '一起把楼道的公告栏换新，材料由青年之家准备。',
    place: '莲花商务中心 1 楼青年之家',
    startAt: new Date(start).toISOString(),
    endAt: new Date(start + 2 * HOUR_MS).toISOString(),
    ...extra,
  })
}

describe('issue 12: the fixed screens, as a member sees them', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('a withdrawn summon says 活动已取消 with the reason, and offers no sign-up', async () => {
    const title = `公告栏换新 ${Date.now() % 10000}`
    const summon = await publishSummon(title)
    await apiAs('member', 'summons', 'signUp', { summonId: summon.id })
    await apiAs('leader', 'summons', 'withdraw', { summonId: summon.id, reason: '场地临时检修，改期另行通知' })

    const phone = await openPhone(browser)
    const { page } = phone
    await journey(phone, 'summon-withdrawn', async () => {
      await signInAs(page, 'member', { route: ROUTES.summon(summon.id) })
      await seeText(page, '活动已取消')
      await seeText(page, '场地临时检修，改期另行通知')
      await seeText(page, title)
      expect(await page.locator('.sign-up-bar__main').count()).toBe(0)
      await screenshot(page, 'summon-withdrawn', { docs: true })
    })
    expect(pageErrors(phone)).toEqual([])
    await phone.context.close()
  })

  it('a summon published from a finalized plan links back to it and credits the adopted idea’s author', async () => {
    const stamp = Date.now() % 10000
    const gridId = await leaderGridId()
    const plan = await apiAs<{ id: string }>('leader', 'plans', 'publish', {
      gridId,
      title: `楼宇青年夜校 ${stamp}`,
      draft: '每周三晚上开一门课，请大家出主意：上什么课、请谁来讲。',
    })
    const idea = await apiAs<{ id: string }>('member', 'plans', 'addIdea', {
      planId: plan.id,
      content: '可以请园区的财务老师讲讲个税和社保，刚工作的同事都想听。',
    })
    await apiAs('leader', 'plans', 'replyIdea', {
      ideaId: idea.id,
      decision: 'adopted',
      reply: '好主意，第一课就讲这个。',
    })
    await apiAs('leader', 'plans', 'finalize', { planId: plan.id })
    const summon = await publishSummon(`夜校第一课：个税与社保 ${stamp}`, { planId: plan.id })

    const phone = await openPhone(browser)
    const { page } = phone
    await journey(phone, 'summon-from-plan', async () => {
      await signInAs(page, 'member', { route: ROUTES.summon(summon.id) })
      await seeText(page, `据方案《楼宇青年夜校 ${stamp}》发布`)
      await screenshot(page, 'summon-from-plan', { docs: true })
      await signInAs(page, 'leader', { route: ROUTES.plan(plan.id) })
      await seeText(page, '已据此发布召集令')
      await seeText(page, `夜校第一课：个税与社保 ${stamp}`)
      await screenshot(page, 'plan-finalized', { docs: true })
    })
    expect(pageErrors(phone)).toEqual([])
    await phone.context.close()
  })
})
