/**
 * Sharing a grid in the real weapp build: titled and pictured as a 网格.
 */
import { expectImage, open, share } from './flow'

describe('sharing a grid in the weapp build', () => {
  it('shares a grid as 网格 with its image', async () => {
    const grid = await open(
      'member/pages/grid/index',
      async ({ store }) => ({ id: (await store.grids.list({ q: '莲花商圈' }))[0].id }),
      '四个一',
    )
    const gridShare = share(grid.instance)
    expect(gridShare.title).toBe('网格：莲花商圈楼宇网格 · 扫码报到、关注动态')
    expectImage(gridShare.imageUrl, 'grid')
  })
})
