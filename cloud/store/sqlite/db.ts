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

/** Opens (or creates) the database: WAL, foreign keys, migrations, reference data. */
export function openDb(file: string): Db {
  const db = new Database(file)
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
