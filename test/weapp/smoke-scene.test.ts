/** A check-in opened from a poster code's `scene` in the real weapp build: checked in at once. */
import { signPosterScene } from '../../cloud/domain/codes'
import { open } from './flow'

describe('扫码报到 from a scene in the weapp build', () => {
  it('checks the member in when the page opens with a poster scene', async () => {
    const { store, cloudCalls, waitForText } = await open(
      'pages/checkin/index',
      async ({ store: s }) => {
        const [grid] = await s.grids.list({ q: '凤凰创意园区' })
        // iOS hands the page the scene still URL-encoded.
        return { scene: encodeURIComponent(signPosterScene(grid.id, 'weapp-smoke')) }
      },
      '扫码报到',
    )
    await waitForText('报到成功')
    expect(cloudCalls).toContain('checkin.scan')
    expect((await store.checkins.mine('o_demo_member', undefined, 20)).items).toHaveLength(1)
  })
})
