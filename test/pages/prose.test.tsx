/**
 * Numbers never break across lines (issue 12): `14:00–16:30` in a plan's draft was drawn as `14:00–16:` /
 * `30`. Free text keeps each number run (a time, a range, a decimal) in one unbreakable piece.
 */
import { numberRuns } from '../../src/components/Prose'
import { aGrid, aMember, aPlan } from '../support/factories'
import { setupPageHarness } from './harness'

jest.setTimeout(30_000)

const h = setupPageHarness({ fixture: 'empty' })

describe('numberRuns', () => {
  it('keeps times, ranges and decimals whole, and the text around them as it was', () => {
    const text = '周六下午 14:00–16:30，地点 1 楼；费用 12.5 元，9：30 集合'
    const parts = numberRuns(text)
    expect(parts.join('')).toBe(text)
    expect(parts.filter((_, i) => i % 2 === 1)).toEqual(['14:00–16:30', '1', '12.5', '9：30'])
  })

  it('answers the text alone when it holds no number', () => {
    expect(numberRuns('欢迎大家提建议')).toEqual(['欢迎大家提建议'])
  })
})

describe('the plan page', () => {
  it('draws each time of the draft, an idea and a reply as one unbreakable piece', async () => {
    const leader = await aMember(h.store, { name: '王磊' })
    const author = await aMember(h.store, { name: '陈晓青' })
    const grid = await aGrid(h.store, { leaders: [leader.openid] })
    const plan = await aPlan(h.store, {
      gridId: grid.id,
      publishedBy: leader.openid,
      title: '创业沙龙方案',
      draft: '沙龙定在周六下午 14:00–16:30，地点青年之家。',
      ideas: [{ by: author.openid, content: '能不能提前到 13:30 签到？', decision: 'adopted' }],
    })
    h.signInAs(author.openid)
    await h.renderPage('member/pages/plan/index', { id: plan.id })
    await h.findByText('创业沙龙方案')
    await h.findByText('能不能提前到')
    const pieces = Array.from(h.page().querySelectorAll('.prose__number')).map((e) => e.textContent)
    expect(pieces).toEqual(expect.arrayContaining(['14:00–16:30', '13:30']))
    expect(h.page().querySelector('.plan-head__draft')?.textContent).toBe(
      '沙龙定在周六下午 14:00–16:30，地点青年之家。',
    )
  })
})
