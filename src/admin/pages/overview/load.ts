import { call } from '../../../services/call'

/** The overview, with when it arrived (relative times count from then); `fresh` recomputes it now. */
export const loadOverview = async (fresh = false) => ({
  ...(await call('stats.overview', fresh ? { fresh } : {})),
  loadedAt: new Date(),
})

export type Overview = Awaited<ReturnType<typeof loadOverview>>
