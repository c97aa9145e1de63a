/**
 * The part of the WeChat cloud database API (`wx-server-sdk`'s `cloud.database({ throwOnNotFound: false })`)
 * that the adapter uses, typed here so the adapter needs no SDK at build time and tests can run it over
 * the stand-in of test/support/wxdb-standin.ts.
 *
 * Documented behaviour the adapter is written against (and the stand-in models):
 * - `doc(id).get()` answers `{ data: null }` for a missing record when the database was opened with
 *   `throwOnNotFound: false` (Cloud.database, Document.get); every other failure throws.
 * - `update({ data })` merges nested objects field by field; only `_.set(value)` replaces one
 *   (Command.set); `_.remove()` deletes a field; `doc.set` replaces the whole record.
 * - A query answers at most 100 records in a cloud function and has no order without `orderBy`
 *   (Collection.limit, Collection.orderBy); `aggregate().end()` answers 20 records without a `limit` stage.
 * - Transactions take single-record operations only; a transaction that writes a record another one
 *   changed since it began fails with a conflict; `runTransaction` retries its body up to 3 times
 *   (Database.runTransaction, Transaction).
 */

export type Doc = Record<string, unknown> & { _id: string }
/** A query condition or command (what `db.command.lt(3)` and friends return). */
export type Condition = Record<string, unknown>

export interface WriteResult {
  stats: { updated?: number; removed?: number; created?: number }
}

export interface WxDocRef {
  /** `data` is null for a missing record (`throwOnNotFound: false`). */
  get(): Promise<{ data: Doc | null }>
  set(options: { data: Record<string, unknown> }): Promise<WriteResult>
  update(options: { data: Record<string, unknown> }): Promise<WriteResult>
  remove(): Promise<WriteResult>
}

export interface WxQuery {
  where(condition: Condition): WxQuery
  orderBy(field: string, order: 'asc' | 'desc'): WxQuery
  limit(n: number): WxQuery
  skip(n: number): WxQuery
  /** Projection: `{ field: true }` keeps only those fields (and `_id`), `{ field: false }` drops them. */
  field(projection: Record<string, boolean>): WxQuery
  get(): Promise<{ data: Doc[] }>
  count(): Promise<{ total: number }>
  update(options: { data: Record<string, unknown> }): Promise<WriteResult>
  remove(): Promise<WriteResult>
}

export interface WxAggregate {
  match(condition: Condition): WxAggregate
  group(spec: Record<string, unknown>): WxAggregate
  sort(spec: Record<string, 1 | -1>): WxAggregate
  limit(n: number): WxAggregate
  /** Keeps only the fields marked `true` (and `_id`). */
  project(spec: Record<string, boolean>): WxAggregate
  end(): Promise<{ list: Record<string, unknown>[] }>
}

export interface WxCollection extends WxQuery {
  doc(id: string): WxDocRef
  add(options: { data: Record<string, unknown> }): Promise<{ _id: string }>
  aggregate(): WxAggregate
}

export interface WxTransactionDocRef {
  get(): Promise<{ data: Doc | null }>
  set(options: { data: Record<string, unknown> }): Promise<WriteResult>
  update(options: { data: Record<string, unknown> }): Promise<WriteResult>
  delete(): Promise<WriteResult>
}

export interface WxTransaction {
  collection(name: string): {
    doc(id: string): WxTransactionDocRef
    add(options: { data: Record<string, unknown> }): Promise<{ _id: string }>
  }
}

export interface WxCommand {
  eq(v: unknown): Condition
  neq(v: unknown): Condition
  lt(v: unknown): Condition
  lte(v: unknown): Condition
  gt(v: unknown): Condition
  gte(v: unknown): Condition
  in(v: unknown[]): Condition
  nin(v: unknown[]): Condition
  exists(v: boolean): Condition
  and(conditions: Condition[]): Condition
  or(conditions: Condition[]): Condition
  inc(n: number): Condition
  /** Replaces a nested object as a whole (a plain object in `update` is merged field by field). */
  set(value: unknown): Condition
  remove(): Condition
  aggregate: {
    sum(expression: unknown): Condition
    max(expression: unknown): Condition
    cond(spec: { if: unknown; then: unknown; else: unknown }): Condition
    eq(pair: [unknown, unknown]): Condition
    neq(pair: [unknown, unknown]): Condition
    gt(pair: [unknown, unknown]): Condition
    in(pair: [unknown, unknown[]]): Condition
    /** The keys of a map, for counting its entries: `size`, `map`, `objectToArray`, `setDifference`. */
    size(expression: unknown): Condition
    map(spec: { input: unknown; as: string; in: unknown }): Condition
    objectToArray(expression: unknown): Condition
    setDifference(pair: [unknown, unknown]): Condition
    ifNull(pair: [unknown, unknown]): Condition
  }
}

export interface WxDb {
  collection(name: string): WxCollection
  command: WxCommand
  RegExp(options: { regexp: string; options?: string }): unknown
  /** The database server's clock at the moment the write applies (a `Date` when read back in production). */
  serverDate(): unknown
  runTransaction<T>(body: (transaction: WxTransaction) => Promise<T>): Promise<T>
}

/** The cloud database answers at most this many records per query in a cloud function. */
export const PAGE = 100

/** The platform's error codes the adapter tells apart (everything else is simply an error). */
export const ERR = {
  /** DATABASE_COLLECTION_NOT_EXIST */
  collectionMissing: -502005,
  /** resource busy / throttled: safe to retry an idempotent operation */
  busy: -501001,
  /** DATABASE_REQUEST_FAILED, the code a duplicate `_id` on `add` comes with */
  requestFailed: -502001,
} as const

interface PlatformError {
  errCode?: number
  errMsg?: string
  message?: string
}

const messageOf = (err: unknown) => {
  const e = (err ?? {}) as PlatformError
  return `${e.errMsg ?? ''} ${e.message ?? ''}`
}

/** An `add` refused because a record with that `_id` exists (Mongo's E11000, as the platform passes it on). */
export function isDuplicateKey(err: unknown): boolean {
  return /duplicate key|E11000/i.test(messageOf(err))
}

/** A throttled or briefly unavailable database: the operation did not happen and may be sent again. */
export function isTransient(err: unknown): boolean {
  return (err as PlatformError | null)?.errCode === ERR.busy
}

/** Runs an idempotent operation, once more after a transient error; any other error propagates. */
export async function retryOnce<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation()
  } catch (err) {
    if (!isTransient(err)) throw err
    return operation()
  }
}

/** A record by id, or null where the database says it does not exist; any error propagates. */
export async function getDoc<T extends Doc>(db: WxDb, collection: string, id: string): Promise<T | null> {
  const { data } = await retryOnce(() => db.collection(collection).doc(id).get())
  return (data as T | null) ?? null
}

/**
 * Adds a record with a chosen id; false when the id exists (an idempotency key doing its job). Any other
 * error propagates: a throttled `add` did not write, and answering "exists" would be a guess.
 */
export async function addOnce(db: WxDb, collection: string, data: Doc): Promise<boolean> {
  try {
    await retryOnce(() => db.collection(collection).add({ data }))
    return true
  } catch (err) {
    if (isDuplicateKey(err)) return false
    throw err
  }
}

/**
 * Every record of a query, 100 at a time. A query without `orderBy` has no stable order, so `skip` paging
 * would list some records twice and others never: the pages are ordered (after any order the caller set)
 * by `_id`, which is unique.
 */
export async function getAll(query: WxQuery, max = 10_000): Promise<Doc[]> {
  const ordered = query.orderBy('_id', 'asc')
  const all: Doc[] = []
  for (let skip = 0; skip < max; skip += PAGE) {
    const { data } = await retryOnce(() => ordered.skip(skip).limit(PAGE).get())
    all.push(...data)
    if (data.length < PAGE) break
  }
  return all
}

/** Records whose `_id` is one of `ids`, in chunks of 100 (the query cap), in no particular order. */
export async function getByIds(db: WxDb, collection: string, ids: string[]): Promise<Doc[]> {
  const unique = [...new Set(ids)]
  const chunks: string[][] = []
  for (let i = 0; i < unique.length; i += PAGE) chunks.push(unique.slice(i, i + PAGE))
  const _ = db.command
  const pages = await Promise.all(
    chunks.map((chunk) =>
      retryOnce(() =>
        db
          .collection(collection)
          .where({ _id: _.in(chunk) })
          .limit(PAGE)
          .get(),
      ),
    ),
  )
  return pages.flatMap((p) => p.data)
}

/** Document ids made of parts; `_` joins them, and our ids never contain it. */
export const key = (...parts: string[]) => parts.join('_')
