/** Adding an idea to a plan in the real weapp build: typed into the TextArea and sent with 提交建议. */
import { open, type SimElement } from './flow'

describe('提交建议 in the weapp build', () => {
  it('adds the idea through the real handlers', async () => {
    let planId = ''
    const { page, store, cloudCalls, waitFor } = await open(
      'member/pages/plan/index',
      async ({ store: s }) => {
        const list = await s.plans.list({ openid: 'o_demo_member', limit: 20 })
        const now = new Date().toISOString()
        planId = list.items.find((p) => !p.finalizedAt && (!p.ideasUntil || p.ideasUntil > now))!.id
        return { id: planId }
      },
      '提交建议',
    )
    const input = page.querySelector('.nut-textarea-textarea')
    expect(input).toBeTruthy()
    ;(input as SimElement).dispatchEvent('input', { detail: { value: '周末加一场亲子活动', cursor: 9 } })
    ;(page.querySelector('.idea-composer__submit') as SimElement).dispatchEvent('tap')
    await waitFor(() => cloudCalls.includes('plans.addIdea'))
    expect(cloudCalls).toContain('plans.addIdea')
    let ideas = await store.plans.ideas(planId, 'o_demo_member')
    for (let i = 0; i < 40 && !ideas.some((idea) => idea.content === '周末加一场亲子活动'); i++)
      ideas = await new Promise((resolve) => setTimeout(() => resolve(store.plans.ideas(planId, 'o_demo_member')), 50))
    expect(ideas.find((idea) => idea.content === '周末加一场亲子活动')).toMatchObject({ openid: 'o_demo_member' })
  })
})
