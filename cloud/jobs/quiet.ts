import { QUIET_DAYS, DAY_MS } from '../domain/stats'
import { cutThing } from '../domain/summons'
import { PAGES } from '../../src/utils/routes'
import type { Platform } from '../platform/port'
import type { Store } from '../store/port'

/** Flags grids with no activity for 30 days and tells their leaders, at most once per 30 days. */
export async function notifyQuietGrids(store: Store, platform: Platform, now: Date): Promise<number> {
  const since = new Date(now.getTime() - QUIET_DAYS * DAY_MS)
  const grids = await store.stats.claimQuietGrids(since, now)
  let sent = 0
  for (const grid of grids) {
    for (const openid of grid.leaders) {
      await platform.notify({
        openid,
        template: 'quiet_grid',
        page: `${PAGES.grid}?id=${grid.gridId}`,
        data: { thing1: cutThing(grid.name), thing2: cutThing(`已有${QUIET_DAYS}天没有活动，发布一条召集令吧`) },
      })
      sent++
    }
  }
  return sent
}
