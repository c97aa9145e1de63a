import type { Store } from '../port'
import { sqliteCheckins } from './checkins'
import { sqliteCodes } from './codes'
import { openDb } from './db'
import { sqliteGrids } from './grids'
import { sqliteOrgs } from './orgs'
import { sqliteOutbox } from './outbox'
import { sqlitePlans } from './plans'
import { sqliteStats } from './stats'
import { sqliteSummons } from './summons'
import { sqliteUsers } from './users'

/** The SQLite adapter of the storage port (local server, tests, demos). `:memory:` works too. */
export function createSqliteStore(file: string): Store & { db: ReturnType<typeof openDb> } {
  const db = openDb(file)
  return {
    db,
    users: sqliteUsers(db),
    orgs: sqliteOrgs(db),
    grids: sqliteGrids(db),
    summons: sqliteSummons(db),
    checkins: sqliteCheckins(db),
    plans: sqlitePlans(db),
    stats: sqliteStats(db),
    outbox: sqliteOutbox(db),
    codes: sqliteCodes(db),
    close: () => db.close(),
  }
}
