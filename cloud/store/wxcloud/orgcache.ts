import type { OrgRecord } from '../port'
import { getByIds, type WxDb } from './db'

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

/** Organisations by id from the instance's cache; one `getByIds` for the ids it misses (none when all hit). */
export async function cachedOrgs(db: WxDb, ids: Iterable<string>): Promise<Map<string, OrgRecord>> {
  const { records } = orgCaches(db)
  const found = new Map<string, OrgRecord>()
  const misses: string[] = []
  for (const id of new Set(ids)) {
    const hit = records.get(id)
    if (hit) found.set(id, hit.value)
    else misses.push(id)
  }
  if (misses.length) {
    for (const d of await getByIds(db, 'orgs', misses)) {
      const org: OrgRecord = { id: d._id, name: d.name as string, kind: d.kind as OrgRecord['kind'] }
      if (d.townId) org.townId = d.townId as string
      if (d.parentId) org.parentId = d.parentId as string
      records.set(d._id, org)
      found.set(d._id, org)
    }
  }
  return found
}

export function orgCaches(db: WxDb, now: () => number = Date.now): OrgCaches {
  const existing = caches.get(db)
  if (existing) return existing
  const created = { credit: ttlMap<string | null>(now), records: ttlMap<OrgRecord>(now) }
  caches.set(db, created)
  return created
}
