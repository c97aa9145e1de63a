import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import type { ErrorCode, GeoPoint } from '../../types'
import { call, CallError } from '../services/call'
import { newRequestId } from '../services/codes'
import { currentPosition } from '../services/location'
import {
  flushPending,
  listPending,
  newScan,
  sendScan,
  storageQueue,
  type PendingScan,
  type ScanResult,
  type SendOutcome,
} from '../services/offlineQueue'
import { ensureIdentity, handleAuthError } from './useSession'

export type CheckinView =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'done'; result: ScanResult }
  | { kind: 'refused'; code: ErrorCode | 'NETWORK'; message: string }
  | { kind: 'queued'; scan: PendingScan }

const sendToServer = (scan: PendingScan) =>
  call('checkin.scan', {
    code: scan.code,
    requestId: scan.requestId,
    ...(scan.location ? { location: scan.location } : {}),
  })

/** PIPL art. 29–30: the location's own consent, saying why, asked each time a grid needs the position. */
export const LOCATION_CONSENT_TEXT =
  '这个网格要求定位签到。我们只在这次报到时获取一次位置，用于核验你在网格阵地的签到范围内，位置随这条报到记录保存，不会持续定位。未满 14 周岁的青少年不需要定位。'

/**
 * The phone's position (GCJ-02 on every platform) after the member agreed to the location's own consent,
 * or null when they decline or it fails.
 */
async function askLocation(): Promise<GeoPoint | null> {
  try {
    const consent = await Taro.showModal({
      title: '获取你的位置',
      content: LOCATION_CONSENT_TEXT,
      confirmText: '同意',
      cancelText: '不同意',
    })
    if (!consent.confirm) return null
    return await currentPosition()
  } catch {
    return null
  }
}

const needsLocation = (outcome: SendOutcome) =>
  outcome.status === 'refused' && outcome.error.code === 'OUT_OF_RANGE' && !outcome.scan.location

/**
 * Sends a scan; when the grid needs a location and none was sent, asks for it and sends the same scan
 * (same request id) again with it.
 */
async function submit(scan: PendingScan): Promise<SendOutcome> {
  const outcome = await sendScan(storageQueue, scan, sendToServer)
  if (!needsLocation(outcome)) return outcome
  const location = await askLocation()
  if (!location) return outcome
  return sendScan(storageQueue, { ...scan, location }, sendToServer)
}

function viewOf(outcome: SendOutcome): CheckinView {
  if (outcome.status === 'done') return { kind: 'done', result: outcome.result }
  if (outcome.status === 'queued') return { kind: 'queued', scan: outcome.scan }
  return { kind: 'refused', code: outcome.error.code, message: outcome.error.message }
}

export interface Checkin {
  view: CheckinView
  pending: PendingScan[]
  /** Checks in with a code (from a scan, the page's scene or typed); ignored while one is on its way. */
  checkIn: (code: string) => Promise<void>
  /** Sends the pending scans again (each with its own request id). */
  retryPending: () => Promise<void>
  reset: () => void
}

/**
 * The check-in flow of the 扫码报到 page: one scan at a time, never lost (kept while the network is
 * down, sent again when it returns or the page shows again), never doubled (the same request id).
 */
export function useCheckin(): Checkin {
  const [view, setView] = useState<CheckinView>({ kind: 'idle' })
  const [pending, setPending] = useState<PendingScan[]>(() => listPending(storageQueue))
  // One flush of the queue at a time, and one new scan at a time (each with its own request id).
  const flushing = useRef(false)
  const sending = useRef(false)

  const refreshPending = useCallback(() => setPending(listPending(storageQueue)), [])

  const retryPending = useCallback(async () => {
    if (flushing.current || listPending(storageQueue).length === 0 || !ensureIdentity()) return
    flushing.current = true
    try {
      const outcomes = await flushPending(storageQueue, sendToServer)
      // Show the newest answer the member is waiting for (a scan still kept stays as 待上传).
      const answered = outcomes.filter((o) => o.status !== 'queued')
      if (answered.length) setView(viewOf(answered[answered.length - 1]))
    } finally {
      flushing.current = false
      refreshPending()
    }
  }, [refreshPending])

  const checkIn = useCallback(
    async (code: string) => {
      if (sending.current || !ensureIdentity()) return
      sending.current = true
      setView({ kind: 'sending' })
      try {
        const outcome = await submit(newScan(code, newRequestId()))
        if (outcome.status === 'refused') handleAuthError(outcome.error)
        setView(viewOf(outcome))
      } catch (err) {
        const message = err instanceof CallError ? err.message : '出了点问题，请再扫一次'
        setView({ kind: 'refused', code: 'INTERNAL', message })
      } finally {
        sending.current = false
        refreshPending()
      }
    },
    [refreshPending],
  )

  // Back online: send what was kept.
  useEffect(() => {
    const onChange = (res: { isConnected: boolean }) => {
      if (res.isConnected) void retryPending()
    }
    Taro.onNetworkStatusChange(onChange)
    return () => {
      // Older base libraries lack offNetworkStatusChange.
      if (typeof Taro.offNetworkStatusChange === 'function') Taro.offNetworkStatusChange(onChange)
    }
  }, [retryPending])

  useDidShow(() => {
    refreshPending()
    void retryPending()
  })

  const reset = useCallback(() => setView({ kind: 'idle' }), [])

  return { view, pending, checkIn, retryPending, reset }
}
