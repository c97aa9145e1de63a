/** 一键报名 in the real weapp build: a tap on a summon signs the member up through the real handlers. */
import { summonState } from '../../cloud/domain/summons'
import { open, type SimElement } from './flow'

describe('一键报名 in the weapp build', () => {
  it('signs the member up with one tap', async () => {
    let summonId = ''
    const { page, store, cloudCalls, waitFor } = await open(
      'member/pages/summon/index',
      async ({ store: s }) => {
        const list = await s.summons.list({ scope: 'open', openid: 'o_demo_member', limit: 50, now: new Date() })
        const free = list.items.find((item) => !item.mine && summonState(item, new Date()) === 'open')
        summonId = free!.id
        return { id: summonId }
      },
      '一键报名',
    )
    expect(await store.summons.mine(summonId, 'o_demo_member')).toBeNull()
    const button = page.querySelector('.sign-up-bar__main') as SimElement | null
    expect(button).toBeTruthy()
    button!.dispatchEvent('tap')
    await waitFor(() => cloudCalls.includes('summons.signUp'))
    expect(cloudCalls).toContain('summons.signUp')
    let mine = await store.summons.mine(summonId, 'o_demo_member')
    for (let i = 0; i < 40 && !mine; i++) mine = await store.summons.mine(summonId, 'o_demo_member')
    expect(mine).toMatchObject({ status: expect.stringMatching(/^(confirmed|waitlisted)$/) })
  })
})
