import { useCallback, useEffect, useRef } from 'react'

/** `later(fn, ms)`: a timeout that is dropped when the page goes away (e.g. navigate after a toast). */
export function useLater(): (fn: () => void, ms: number) => void {
  const timers = useRef<ReturnType<typeof setTimeout>[]>([])
  useEffect(
    () => () => {
      timers.current.forEach(clearTimeout)
      timers.current = []
    },
    [],
  )
  return useCallback((fn: () => void, ms: number) => {
    timers.current.push(setTimeout(fn, ms))
  }, [])
}
