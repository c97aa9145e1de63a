import type { OrgRecord } from '../port'
import type { WxDb } from './db'

/** How long this instance trusts what it read of an organisation, or of a member's organisation. */
export const ORG_TTL_MS = 60_000

/**
 * Per-instance caches of the organisation dimension (the copy policy in `cloud/store/port.ts`), shared by
 * every adapter module over the same `db`:
 * - `credit`: the organisation a member's scan is credited to (null: none), remembered whenever this
 *   instance reads or writes the member's record, so a warm scan reads nothing for it;
 * - `records`: organisations by id (names for `account.me`, summons and receipts).
 */
export interface OrgCaches {
  credit: TtlMap<string | null>
  records: TtlMap<OrgRecord>
}

export interface TtlMap<T> {
  get(key: string): { value: T } | undefined
  set(key: string, value: T): void
  delete(key: string): void
}

function ttlMap<T>(now: () => number): TtlMap<T> {
  const entries = new Map<string, { value: T; at: number }>()
  return {
    get(key) {
      const e = entries.get(key)
      return e && now() - e.at < ORG_TTL_MS ? { value: e.value } : undefined
    },
    set(key, value) {
      entries.set(key, { value, at: now() })
    },
    delete(key) {
      entries.delete(key)
    },
  }
}

const caches = new WeakMap<WxDb, OrgCaches>()

export function orgCaches(db: WxDb, now: () => number = Date.now): OrgCaches {
  const existing = caches.get(db)
  if (existing) return existing
  const created = { credit: ttlMap<string | null>(now), records: ttlMap<OrgRecord>(now) }
  caches.set(db, created)
  return created
}
