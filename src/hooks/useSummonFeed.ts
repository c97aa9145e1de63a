import { useCallback, useEffect, useRef, useState } from 'react'
import type { SummonListItem } from '../../types'
import type { SummonScope } from '../../types/api'
import { call, messageOf } from '../services/call'
import { ensureIdentity, handleAuthError } from './useSession'

const PAGE_SIZE = 10

export interface SummonFeed {
  items: SummonListItem[]
  /** True only while nothing is shown yet. */
  loading: boolean
  /** True while the next page is on its way. */
  loadingMore: boolean
  error: string | null
  /** Whether there are more pages (a cursor came back). */
  hasMore: boolean
  /** Loads the first page again (pull to refresh, page shown again); resolves when done. */
  refresh: () => Promise<void>
  /** Loads the next page, if any and if none is on its way. */
  loadMore: () => Promise<void>
}

/** The summons of one scope, page by page with the server's cursor; a newer request wins. */
export function useSummonFeed(scope: SummonScope): SummonFeed {
  const [items, setItems] = useState<SummonListItem[]>([])
  const [cursor, setCursor] = useState<string | undefined>()
  const [loaded, setLoaded] = useState(false)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const ticket = useRef(0)
  const busy = useRef(false)

  const refresh = useCallback(async () => {
    if (!ensureIdentity()) return
    const mine = ++ticket.current
    try {
      const page = await call('summons.list', { scope, limit: PAGE_SIZE })
      if (mine !== ticket.current) return
      setItems(page.items)
      setCursor(page.nextCursor)
      setError(null)
    } catch (err) {
      if (mine !== ticket.current) return
      handleAuthError(err)
      setError(messageOf(err))
    } finally {
      if (mine === ticket.current) setLoaded(true)
    }
  }, [scope])

  const loadMore = useCallback(async () => {
    if (!cursor || busy.current) return
    busy.current = true
    setLoadingMore(true)
    const mine = ticket.current
    try {
      const page = await call('summons.list', { scope, cursor, limit: PAGE_SIZE })
      if (mine !== ticket.current) return
      setItems((prev) => [...prev, ...page.items.filter((i) => !prev.some((p) => p.id === i.id))])
      setCursor(page.nextCursor)
    } catch (err) {
      handleAuthError(err)
      setError(messageOf(err))
    } finally {
      busy.current = false
      setLoadingMore(false)
    }
  }, [scope, cursor])

  useEffect(() => {
    setLoaded(false)
    setItems([])
    setCursor(undefined)
    setError(null)
    refresh()
  }, [refresh])

  return {
    items,
    loading: !loaded && items.length === 0,
    loadingMore,
    error: items.length === 0 ? error : null,
    hasMore: Boolean(cursor),
    refresh,
    loadMore,
  }
}
