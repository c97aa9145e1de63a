/**
 * Sharing a plan in the real weapp build: titled and pictured as 方案征集.
 */
import { expectImage, open, share } from './flow'

describe('sharing a plan in the weapp build', () => {
  it('shares a plan as 方案征集 with its image', async () => {
    let planTitle = ''
    const plan = await open(
      'member/pages/plan/index',
      async ({ store }) => {
        const page = await store.plans.list({ openid: 'o_demo_member', limit: 20 })
        planTitle = page.items[0].title
        return { id: page.items[0].id }
      },
      '征集',
    )
    const planShare = share(plan.instance)
    expect(planShare.title).toBe(`方案征集：${planTitle}`)
    expectImage(planShare.imageUrl, 'plan')
  })
})
