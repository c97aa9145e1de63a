import { useRef } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'

/**
 * Runs `onShownAgain` each time the page is shown again after it was hidden (back from another page, its
 * tab chosen again), not when it first opens. Keyed to the page's hide rather than to counting its shows,
 * so it holds for a component that mounts after the page was first shown (the 召集令 list, drawn in a
 * transition), which never sees that first show.
 */
export function useShownAgain(onShownAgain: () => void): void {
  const hidden = useRef(false)
  useDidHide(() => {
    hidden.current = true
  })
  useDidShow(() => {
    if (!hidden.current) return
    hidden.current = false
    onShownAgain()
  })
}
