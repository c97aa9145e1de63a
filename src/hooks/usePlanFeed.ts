import type { PlanListItem } from '../../types'
import { call } from '../services/call'
import { useCursorFeed, type CursorFeed } from './useCursorFeed'

export type PlanFeed = CursorFeed<PlanListItem>

/** The plans (the caller's grids first, then the district's), page by page with the server's cursor. */
export function usePlanFeed(): PlanFeed {
  return useCursorFeed((cursor) => call('plans.list', cursor ? { cursor } : {}), 'plans')
}
