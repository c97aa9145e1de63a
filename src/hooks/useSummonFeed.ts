import type { SummonListItem } from '../../types'
import type { SummonScope } from '../../types/api'
import { call } from '../services/call'
import { SUMMON_PAGE_SIZE } from '../utils/earlyRequests'
import { useCursorFeed, type CursorFeed } from './useCursorFeed'

export type SummonFeed = CursorFeed<SummonListItem>

/** The summons of one scope, page by page with the server's cursor; a newer request wins. */
export function useSummonFeed(scope: SummonScope): SummonFeed {
  return useCursorFeed((cursor) => call('summons.list', { scope, cursor, limit: SUMMON_PAGE_SIZE }), scope)
}
