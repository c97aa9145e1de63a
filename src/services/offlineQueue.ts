/**
 * Scans that must never be lost nor counted twice.
 *
 * Every scan carries a client-made `requestId`. When a scan cannot reach the server (no network, or the
 * server did not answer), it is kept in storage and sent again later with the SAME request id, so the
 * server answers the first check-in instead of writing a second one. A scan leaves the queue once the
 * server has answered it: a check-in, or a final refusal (forged, expired, out of range, closed).
 *
 * Plain functions over a small storage interface, so that tests can run them without a phone.
 */
import Taro from '@tarojs/taro'
import type { GeoPoint, ResOf } from '../../types'
import { CallError } from './call'

export type ScanResult = ResOf<'checkin.scan'>

export interface PendingScan {
  code: string
  requestId: string
  location?: GeoPoint
  /** When the member scanned (ISO time). */
  scannedAt: string
  /** How many times sending failed for the network. */
  attempts: number
}

/** Where pending scans are kept (Taro storage in the app, an array in tests). */
export interface QueueStore {
  load(): PendingScan[]
  save(items: PendingScan[]): void
}

export type SendScan = (scan: PendingScan) => Promise<ScanResult>

export type SendOutcome =
  | { status: 'done'; scan: PendingScan; result: ScanResult }
  | { status: 'queued'; scan: PendingScan }
  | { status: 'refused'; scan: PendingScan; error: CallError }

/** Failures after which the scan may still have been lost on the way: send it again later. */
const RETRYABLE = new Set<string>(['NETWORK', 'INTERNAL', 'RATE_LIMITED'])

/** Whether `err` means "not answered" (keep the scan) rather than a final answer of the server. */
export function isRetryable(err: unknown): boolean {
  return !(err instanceof CallError) || RETRYABLE.has(err.code)
}

export function listPending(store: QueueStore): PendingScan[] {
  return store.load()
}

/** Keeps `scan` (once per request id; a second failure only counts the attempt). */
export function keepPending(store: QueueStore, scan: PendingScan): PendingScan {
  const items = store.load()
  const index = items.findIndex((item) => item.requestId === scan.requestId)
  const kept = { ...scan, attempts: (index >= 0 ? items[index].attempts : scan.attempts) + 1 }
  if (index >= 0) items[index] = kept
  else items.push(kept)
  store.save(items)
  return kept
}

export function dropPending(store: QueueStore, requestId: string): void {
  const items = store.load()
  const rest = items.filter((item) => item.requestId !== requestId)
  if (rest.length !== items.length) store.save(rest)
}

/**
 * Sends one scan. Answered (checked in or refused): it leaves the queue. Not answered: it stays (or
 * enters) the queue with the same request id.
 */
export async function sendScan(store: QueueStore, scan: PendingScan, send: SendScan): Promise<SendOutcome> {
  try {
    const result = await send(scan)
    dropPending(store, scan.requestId)
    return { status: 'done', scan, result }
  } catch (err) {
    if (isRetryable(err)) return { status: 'queued', scan: keepPending(store, scan) }
    dropPending(store, scan.requestId)
    return { status: 'refused', scan, error: err as CallError }
  }
}

/**
 * Sends every pending scan again, oldest first, each with its own request id. Stops at the first one
 * still not answered (the network is still down), leaving it and the rest for the next time.
 */
export async function flushPending(store: QueueStore, send: SendScan): Promise<SendOutcome[]> {
  const outcomes: SendOutcome[] = []
  for (const scan of store.load()) {
    const outcome = await sendScan(store, scan, send)
    outcomes.push(outcome)
    if (outcome.status === 'queued') break
  }
  return outcomes
}

/** A new pending scan for `code`, stamped now. */
export function newScan(code: string, requestId: string, now: Date = new Date()): PendingScan {
  return { code, requestId, scannedAt: now.toISOString(), attempts: 0 }
}

const STORAGE_KEY = 'erwei.pendingScans'

/** The app's queue: Taro storage (wx storage in the mini program, localStorage in H5). */
export const storageQueue: QueueStore = {
  load() {
    const value: unknown = Taro.getStorageSync(STORAGE_KEY)
    return Array.isArray(value) ? (value as PendingScan[]) : []
  },
  save(items) {
    if (items.length) Taro.setStorageSync(STORAGE_KEY, items)
    else Taro.removeStorageSync(STORAGE_KEY)
  },
}

/** An in-memory queue (tests). */
export function memoryQueue(initial: PendingScan[] = []): QueueStore & { items: PendingScan[] } {
  const queue = {
    items: initial.map((item) => ({ ...item })),
    load: () => queue.items.map((item) => ({ ...item })),
    save: (items: PendingScan[]) => {
      queue.items = items.map((item) => ({ ...item }))
    },
  }
  return queue
}
