/**
 * Group commit for the embedded server: the store calls of one event-loop turn run inside one SQLite
 * transaction, committed once (one WAL frame set and, with `synchronous = NORMAL`, no fsync per request),
 * and every call is answered only after that commit — so nothing acknowledged can be lost by a crash, and
 * no answer is built on a write that was never committed.
 *
 * Why this is safe: every SQLite adapter method does all its work synchronously (better-sqlite3 never
 * yields; the methods are `async` only to fit the port), and each multi-statement write is its own
 * `db.transaction(...)`, which inside the batch becomes a savepoint: a failing write rolls back alone and
 * the others of the turn commit. Reads join the batch too, since they may see its uncommitted writes.
 */
import type { Store } from '../port'
import type { Db } from './db'

interface Batch {
  done: Promise<void>
}

export function withGroupCommit<S extends Store>(store: S, db: Db): S {
  let batch: Batch | null = null

  function open(): Batch {
    db.exec('BEGIN IMMEDIATE')
    let settle!: (err?: unknown) => void
    const done = new Promise<void>((resolve, reject) => {
      settle = (err) => (err === undefined ? resolve() : reject(err))
    })
    // Answers are held until the commit; a rejected commit must not surface as an unhandled rejection here.
    done.catch(() => undefined)
    setImmediate(() => {
      batch = null
      try {
        // Closing the store commits an open batch itself (see `close` below).
        if (db.open && db.inTransaction) db.exec('COMMIT')
        settle()
      } catch (err) {
        if (db.open && db.inTransaction) db.exec('ROLLBACK')
        settle(err)
      }
    })
    return { done }
  }

  function run<T>(call: () => Promise<T>): Promise<T> {
    if (!batch) batch = open()
    const { done } = batch
    return call().then(
      (value) => done.then(() => value),
      (err: unknown) =>
        done.then(
          () => Promise.reject(err),
          () => Promise.reject(err),
        ),
    )
  }

  const grouped = <T extends object>(part: T): T =>
    Object.fromEntries(
      Object.entries(part).map(([name, value]) => [
        name,
        typeof value === 'function'
          ? (...args: unknown[]) => run(() => (value as (...a: unknown[]) => Promise<unknown>).apply(part, args))
          : value,
      ]),
    ) as T

  const wrapped = { ...store }
  for (const [name, part] of Object.entries(store)) {
    if (part && typeof part === 'object' && name !== 'db') (wrapped as Record<string, unknown>)[name] = grouped(part)
  }
  wrapped.close = () => {
    if (db.open && db.inTransaction) db.exec('COMMIT')
    store.close()
  }
  return wrapped
}
