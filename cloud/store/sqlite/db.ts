import Database from 'better-sqlite3'
import { XIHU_TOWNS } from '../../domain/towns'
import { MIGRATIONS } from './migrations'

export type Db = Database.Database

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
