/**
 * The store the cloud suites run on. `STORE_ADAPTER=wxcloud` (the `cloud-wx` jest project) runs the same
 * suites on the WeChat cloud-database adapter over the stand-in of test/support/wxdb-standin.ts; otherwise
 * they run on real SQLite.
 */
import { createSqliteStore } from '../../cloud/store/sqlite'
import { createWxCloudStore } from '../../cloud/store/wxcloud'
import { createWxDbStandIn, type StandIn } from './wxdb-standin'

export type SqliteTestStore = ReturnType<typeof createSqliteStore>

export const onWxCloud = () => process.env.STORE_ADAPTER === 'wxcloud'

/** A cloud database outlives function instances: a "file" names one stand-in that reopening finds again. */
const standIns = new Map<string, StandIn>()

export function standInFor(file: string): StandIn {
  if (file === ':memory:') return createWxDbStandIn()
  if (!standIns.has(file)) standIns.set(file, createWxDbStandIn())
  return standIns.get(file)!
}

/**
 * Opens the suite's store. On the cloud adapter the SQLite-only `db` handle is absent: suites that read
 * SQLite directly (integrity, migrations) run in the SQLite project only.
 */
export function openTestStore(file: string): SqliteTestStore {
  if (!onWxCloud()) return createSqliteStore(file)
  return createWxCloudStore(standInFor(file).db) as SqliteTestStore
}
