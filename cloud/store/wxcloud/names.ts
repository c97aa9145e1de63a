import { getByIds, type WxDb } from './db'

/** What readers need of a grid to label a record that keeps only its `gridId`. */
export interface GridName {
  name: string
  townId: string
}

/** How long a cached grid name is trusted; a rename on another instance shows there within this time. */
export const NAMES_TTL_MS = 60_000

/**
 * The names and towns of grids, cached per instance (see the copy policy in `cloud/store/port.ts`).
 * Records keep only `gridId`; readers call `get` for the ids they show.
 */
export interface GridNames {
  /**
   * Name and town of each grid asked for, by id; one `getByIds` for the ids not cached (none when all are),
   * so at most one database operation per 100 missing ids. A grid that does not exist is absent from the map.
   * Database errors propagate.
   */
  get(ids: Iterable<string>): Promise<Map<string, GridName>>
  /** Forgets one grid (called by `grids.update`, so this instance shows a rename at once). */
  invalidate(gridId: string): void
  /** Stores what the caller just read or wrote (e.g. `grids.get`, `grids.create`), saving a later read. */
  remember(gridId: string, value: GridName): void
}

const caches = new WeakMap<WxDb, GridNames>()

/**
 * The instance's cache of grid names over `db`: every adapter module calling `gridNames(db)` with the same
 * `db` shares one cache, so `grids.update` invalidating it is seen by summons, check-ins and plans.
 * `now` is for tests.
 */
export function gridNames(db: WxDb, now: () => number = Date.now): GridNames {
  const existing = caches.get(db)
  if (existing) return existing
  const entries = new Map<string, { value: GridName; at: number }>()
  const names: GridNames = {
    async get(ids) {
      const wanted = [...new Set(ids)].filter((id) => typeof id === 'string' && id !== '')
      const found = new Map<string, GridName>()
      const misses: string[] = []
      const t = now()
      for (const id of wanted) {
        const e = entries.get(id)
        if (e && t - e.at < NAMES_TTL_MS) found.set(id, e.value)
        else misses.push(id)
      }
      if (misses.length) {
        const docs = await getByIds(db, 'grids', misses)
        for (const d of docs) {
          const value = { name: d.name as string, townId: d.townId as string }
          entries.set(d._id, { value, at: t })
          found.set(d._id, value)
        }
      }
      return found
    },
    invalidate(gridId) {
      entries.delete(gridId)
    },
    remember(gridId, value) {
      entries.set(gridId, { value: { name: value.name, townId: value.townId }, at: now() })
    },
  }
  caches.set(db, names)
  return names
}
