import type { SummonListItem } from '../../types'
import type { SummonScope } from '../../types/api'
import { call } from '../services/call'
import { useCursorFeed, type CursorFeed } from './useCursorFeed'

const PAGE_SIZE = 10

export type SummonFeed = CursorFeed<SummonListItem>

/** The summons of one scope, page by page with the server's cursor; a newer request wins. */
export function useSummonFeed(scope: SummonScope): SummonFeed {
  return useCursorFeed((cursor) => call('summons.list', { scope, cursor, limit: PAGE_SIZE }), scope)
}
