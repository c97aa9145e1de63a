import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { Me } from '../../types'
import { call, CallError, messageOf } from '../services/call'
import { needsIdentity } from '../services/session'
import { LOGIN_ROUTE } from '../utils/routes'
import { useShownAgain } from './useShownAgain'

let redirecting = false

/** Sends the user to "选择身份" (H5 only), once even when several loaders ask at the same time. */
export function redirectToLogin(): void {
  // The weapp has no 选择身份 page (WeChat is the identity): the branch, and the route, leave its build.
  if (process.env.TARO_ENV !== 'weapp' && !redirecting) {
    redirecting = true
    Taro.reLaunch({ url: LOGIN_ROUTE }).finally(() => {
      redirecting = false
    })
  }
}

/** Whether the page may call the backend now; otherwise it goes to "选择身份" first (H5 without a token). */
export function ensureIdentity(): boolean {
  if (!needsIdentity()) return true
  redirectToLogin()
  return false
}

/** After a failed call: a lost local identity sends the user to choose one again. */
export function handleAuthError(err: unknown): void {
  if (err instanceof CallError && err.code === 'UNAUTHENTICATED' && process.env.TARO_ENV !== 'weapp') {
    redirectToLogin()
  }
}

export interface Remote<T> {
  data: T | undefined
  /** The Chinese message of the last failure, when there is no fresh data. */
  error: string | null
  /** True only while nothing is shown yet (a reload keeps the old data on screen). */
  loading: boolean
  reload: () => void
}

/**
 * Loads data for a page from the backend: waits for an identity, keeps the newest answer only,
 * and (with `reloadOnShow`) loads again whenever the page is shown again.
 */
export function useRemote<T>(load: () => Promise<T>, deps: unknown[], reloadOnShow = false): Remote<T> {
  const [data, setData] = useState<T>()
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const latest = useRef(0)

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps)

  const reload = useCallback(() => {
    if (!ensureIdentity()) return
    const ticket = ++latest.current
    run().then(
      (value) => {
        if (ticket !== latest.current) return
        setData(value)
        setError(null)
        setLoading(false)
      },
      (err: unknown) => {
        if (ticket !== latest.current) return
        handleAuthError(err)
        setError(messageOf(err))
        setLoading(false)
      },
    )
  }, [run])

  useEffect(reload, [reload])

  useShownAgain(() => {
    if (reloadOnShow) reload()
  })

  return { data, error, loading: loading && data === undefined, reload }
}

/** The signed-in user (`account.me`), fresh each time the page is shown. */
export function useMe(): Remote<Me> {
  return useRemote(() => call('account.me', {}), [], true)
}
