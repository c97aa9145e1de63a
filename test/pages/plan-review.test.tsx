/**
 * 审核建议 (issue 12): 通过 asks a light confirmation, 不通过 asks the reason the author will read; the
 * author sees it on their own idea. Over the real handlers, with the data built by factories.
 */
import { aGrid, aMember, aPlan } from '../support/factories'
import { setupPageHarness } from './harness'

jest.setTimeout(30_000)

const h = setupPageHarness({ fixture: 'empty' })
const PLAN_PAGE = 'member/pages/plan/index'

async function world() {
  const leader = await aMember(h.store, { name: '王磊' })
  const author = await aMember(h.store, { name: '陈晓青' })
  const grid = await aGrid(h.store, { leaders: [leader.openid] })
  const plan = await aPlan(h.store, {
    gridId: grid.id,
    publishedBy: leader.openid,
    title: '楼宇青年读书会方案',
    ideas: [
      { by: author.openid, content: '有兴趣的加我微信详聊', pending: true },
      { by: author.openid, content: '群里私聊报名更方便', pending: true },
    ],
  })
  const ideas = await h.store.plans.ideas(plan.id, leader.openid)
  const idOf = (text: string) => ideas.find((i) => i.content === text)!.id
  return { leader, author, plan, idOf }
}

/** The card of the idea whose text is `text`. */
async function ideaCard(text: string): Promise<Element> {
  return (await h.findByText(text, '.idea__content')).closest('.idea') as Element
}

/** The NutUI button inside `scope` showing exactly `text`. */
async function clickIn(scope: Element, text: string) {
  const found = Array.from(scope.querySelectorAll('.nut-button')).find((b) => b.textContent?.trim() === text)
  if (!found) throw new Error(`「${text}」 is not in ${scope.className}: ${scope.textContent}`)
  await h.click(found)
}

const reviews = () => h.calls.filter((c) => c.action === 'reviewIdea')

describe('方案 page · 审核建议', () => {
  it('通过 asks a confirmation first; 再想想 changes nothing', async () => {
    const { leader, plan, idOf } = await world()
    h.signInAs(leader.openid)
    await h.renderPage(PLAN_PAGE, { id: plan.id })
    await clickIn(await ideaCard('有兴趣的加我微信详聊'), '通过')
    await h.findByText('通过这条建议？')
    await clickIn(await h.findBySelector('.review-flow__dialog'), '再想想')
    expect(reviews()).toHaveLength(0)
    await clickIn(await ideaCard('有兴趣的加我微信详聊'), '通过')
    await clickIn(await h.findBySelector('.review-flow__dialog'), '确认通过')
    await h.waitUntil(async () =>
      expect((await h.store.plans.getIdea(idOf('有兴趣的加我微信详聊')))?.status).toBe('visible'),
    )
  })

  it('不通过 needs a reason: a quick choice or their own words, counted by characters', async () => {
    const { leader, plan, idOf } = await world()
    h.signInAs(leader.openid)
    await h.renderPage(PLAN_PAGE, { id: plan.id })
    await clickIn(await ideaCard('群里私聊报名更方便'), '不通过')
    const dialog = await h.findBySelector('.review-flow__dialog')
    await clickIn(dialog, '确认不通过')
    await h.findByText('请选择或写下不通过的原因，作者会看到')
    expect(reviews()).toHaveLength(0)
    // Their own words: an emoji counts one, as the server counts.
    await h.type('.review-flow__reason', '请勿留联系方式👍')
    // 7 characters and an emoji: 8 (9 UTF-16 units).
    await h.findByText('8/100', '.review-flow__count')
    // A quick choice replaces them.
    await h.click(await h.findByText('含有个人联系方式', '.review-flow__choice'))
    await clickIn(dialog, '确认不通过')
    await h.waitUntil(async () =>
      expect(await h.store.plans.getIdea(idOf('群里私聊报名更方便'))).toMatchObject({
        status: 'rejected',
        reviewReason: '含有个人联系方式',
      }),
    )
  })

  it('shows the author the reason on their own rejected idea', async () => {
    const { leader, author, plan, idOf } = await world()
    await h.callAs(leader.openid, 'plans.reviewIdea', {
      ideaId: idOf('群里私聊报名更方便'),
      approve: false,
      reason: '与方案主题无关',
    })
    h.signInAs(author.openid)
    await h.renderPage(PLAN_PAGE, { id: plan.id })
    const card = await ideaCard('群里私聊报名更方便')
    expect(card.textContent).toContain('未通过审核，仅你可见')
    expect(card.querySelector('.idea__reason')?.textContent).toBe('未通过的原因与方案主题无关')
  })
})
