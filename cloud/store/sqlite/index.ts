import type { Store } from '../port'
import { sqliteCheckins } from './checkins'
import { sqliteCodes } from './codes'
import { checkpointInWorker } from './checkpointer'
import { openDb } from './db'
import { sqliteFollows } from './follows'
import { withGroupCommit } from './group-commit'
import { sqliteGrids } from './grids'
import { sqliteHours } from './hours'
import { sqliteOrgs } from './orgs'
import { sqliteOutbox } from './outbox'
import { sqlitePlans } from './plans'
import { sqliteStats } from './stats'
import { sqliteSummons } from './summons'
import { sqliteUsers } from './users'
import { sqliteShareCards } from './shareCards'

export interface SqliteStoreOptions {
  /** The embedded server's settings: one commit per event-loop turn, WAL checkpoints in a worker thread. */
  server?: boolean
}

/** The SQLite adapter of the storage port (local server, tests, demos). `:memory:` works too. */
export function createSqliteStore(
  file: string,
  { server = false }: SqliteStoreOptions = {},
): Store & { db: ReturnType<typeof openDb> } {
  const db = openDb(file)
  const store = {
    db,
    hours: sqliteHours(db),
    shareCards: sqliteShareCards(db),
    users: sqliteUsers(db),
    follows: sqliteFollows(db),
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
  if (!server || file === ':memory:') return store
  const checkpointer = checkpointInWorker(db, file)
  const grouped = withGroupCommit(store, db)
  const close = grouped.close
  return {
    ...grouped,
    close: () => {
      close()
      void checkpointer.stop()
    },
  }
}
