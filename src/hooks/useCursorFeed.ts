import { startTransition, useCallback, useEffect, useRef, useState } from 'react'
import type { Page } from '../../types'
import { failureOf } from './useAction'
import { ensureIdentity } from './useSession'

export interface CursorFeed<T> {
  items: T[]
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

/**
 * A list read page by page with the server's cursor. A newer request wins over an older one; a change of
 * `key` (say, another tab) starts the list afresh.
 */
export function useCursorFeed<T extends { id: string }>(
  fetchPage: (cursor?: string) => Promise<Page<T>>,
  key: string,
): CursorFeed<T> {
  const [items, setItems] = useState<T[]>([])
  const [cursor, setCursor] = useState<string | undefined>()
  const [loaded, setLoaded] = useState(false)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const ticket = useRef(0)
  const busy = useRef(false)
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage

  const refresh = useCallback(async () => {
    if (!ensureIdentity()) return
    const mine = ++ticket.current
    try {
      const page = await fetchRef.current()
      if (mine !== ticket.current) return
      // A page of cards is drawn in React's time slices, with the browser's turns in between: drawn in one
      // go, the H5 home's first page held the main thread for one task of 70–77 ms (BENCHMARKS.md).
      startTransition(() => {
        setItems(page.items)
        setCursor(page.nextCursor)
        setError(null)
        setLoaded(true)
      })
    } catch (err) {
      if (mine !== ticket.current) return
      setError(failureOf(err))
      setLoaded(true)
    }
    // `key` names what is listed: a new key is a new list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])

  const loadMore = useCallback(async () => {
    if (!cursor || busy.current) return
    busy.current = true
    setLoadingMore(true)
    const mine = ticket.current
    try {
      const page = await fetchRef.current(cursor)
      if (mine !== ticket.current) return
      setItems((prev) => [...prev, ...page.items.filter((i) => !prev.some((p) => p.id === i.id))])
      setCursor(page.nextCursor)
    } catch (err) {
      setError(failureOf(err))
    } finally {
      busy.current = false
      setLoadingMore(false)
    }
  }, [cursor])

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
