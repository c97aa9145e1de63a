import { call } from '../../../services/call'

/**
 * The overview's summary (totals, weeks, towns; the grids are paged with `stats.grids`), with when it
 * arrived (relative times count from then); `fresh` recomputes it now.
 */
export const loadOverview = async (fresh = false) => ({
  ...(await call('stats.overview', fresh ? { summary: true, fresh } : { summary: true })),
  loadedAt: new Date(),
})

export type Overview = Awaited<ReturnType<typeof loadOverview>>
