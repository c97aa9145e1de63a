/**
 * Sharing a summon in the real weapp build: an updatable message (动态消息) with the activity the cloud
 * made, titled and pictured as a 召集令.
 */
import { expectImage, open, share } from './flow'

describe('sharing a summon in the weapp build', () => {
  it('makes the summon card updatable (已报名 x/y) and shares it as a 召集令', async () => {
    let title = ''
    const { instance, shareMenus, cloudCalls } = await open(
      'member/pages/summon/index',
      async ({ store }) => {
        const page = await store.summons.list({ scope: 'open', openid: 'o_demo_member', limit: 50, now: new Date() })
        const capped = page.items.find((s) => s.capacity !== null)!
        title = capped.title
        return { id: capped.id }
      },
      '转发到微信群',
    )
    expect(cloudCalls).toContain('summons.shareCard')
    expect(shareMenus).toEqual([
      expect.objectContaining({
        withShareTicket: true,
        isUpdatableMessage: true,
        activityId: expect.stringMatching(/^local-/),
        templateInfo: {
          parameterList: [
            { name: 'member_count', value: expect.stringMatching(/^\d+$/) },
            { name: 'room_limit', value: expect.stringMatching(/^\d+$/) },
          ],
        },
      }),
    ])
    const shared = share(instance)
    expect(shared.title).toBe(`召集令：${title}`)
    expect(shared.path).toMatch(/^\/member\/pages\/summon\/index\?id=/)
    expectImage(shared.imageUrl, 'summon')
  })
})
