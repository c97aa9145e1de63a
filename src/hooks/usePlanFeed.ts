import { useCallback, useEffect, useRef, useState } from 'react'
import type { PlanListItem } from '../../types'
import { call, messageOf } from '../services/call'
import { ensureIdentity, handleAuthError } from './useSession'

export interface PlanFeed {
  items: PlanListItem[]
  /** True only while nothing is shown yet. */
  loading: boolean
  /** True while the next page is on its way. */
  loadingMore: boolean
  error: string | null
  hasMore: boolean
  /** Loads the first page again (pull to refresh, page shown again); resolves when done. */
  refresh: () => Promise<void>
  /** Loads the next page, if any and if none is on its way. */
  loadMore: () => Promise<void>
}

/** The plans (the caller's grids first, then the district's), page by page with the server's cursor. */
export function usePlanFeed(): PlanFeed {
  const [items, setItems] = useState<PlanListItem[]>([])
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
      const page = await call('plans.list', {})
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
  }, [])

  const loadMore = useCallback(async () => {
    if (!cursor || busy.current) return
    busy.current = true
    setLoadingMore(true)
    const mine = ticket.current
    try {
      const page = await call('plans.list', { cursor })
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
  }, [cursor])

  useEffect(() => {
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
