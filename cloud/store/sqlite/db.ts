import Database from 'better-sqlite3'
import { XIHU_TOWNS } from '../../domain/towns'
import { MIGRATIONS } from './migrations'

export type Db = Database.Database

/**
 * Statements whose text is built per call from a few fixed variants (filters present or not), prepared once
 * per variant and reused: preparing costs more than running such a query on a small table.
 */
export function statementCache(db: Db): (sql: string) => Database.Statement {
  const cache = new Map<string, Database.Statement>()
  return (sql) => {
    let statement = cache.get(sql)
    if (!statement) {
      statement = db.prepare(sql)
      cache.set(sql, statement)
    }
    return statement
  }
}

/**
 * The page size of a new database (SQLite's default is 4,096). A commit writes every page it dirtied to the
 * WAL whole, and a check-in dirties a leaf of each of its indexes, most of them at random places: smaller
 * pages halve those bytes (issue 16, measured in BENCHMARKS.md). Reads visit a level more at most.
 * An existing database keeps the size it was created with.
 */
export const PAGE_SIZE = 2048

/** Opens (or creates) the database: WAL, foreign keys, migrations, reference data. */
export function openDb(file: string): Db {
  const db = new Database(file)
  // Only takes effect before the first table is written, i.e. on a new file (and before WAL is on).
  db.pragma(`page_size = ${PAGE_SIZE}`)
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  db.pragma('synchronous = NORMAL')
  migrate(db)
  seedReferenceData(db)
  return db
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number
  MIGRATIONS.slice(current).forEach((sql, i) => {
    const version = current + i + 1
    db.transaction(() => {
      db.exec(sql)
      db.pragma(`user_version = ${version}`)
    })()
  })
}

function seedReferenceData(db: Db): void {
  const insert = db.prepare(
    'INSERT INTO towns (id, name, sort) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, sort = excluded.sort',
  )
  db.transaction(() => XIHU_TOWNS.forEach((t, i) => insert.run(t.id, t.name, i)))()
}
