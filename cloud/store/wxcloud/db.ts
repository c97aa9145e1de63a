/**
 * The part of the WeChat cloud database API (`wx-server-sdk`'s `cloud.database()`) that the adapter uses,
 * typed here so the adapter needs no SDK at build time and tests can run it over a stand-in.
 */

export type Doc = Record<string, unknown> & { _id: string }
/** A query condition or command (what `db.command.lt(3)` and friends return). */
export type Condition = Record<string, unknown>

export interface WriteResult {
  stats: { updated?: number; removed?: number; created?: number }
}

export interface WxDocRef {
  get(): Promise<{ data: Doc }>
  set(options: { data: Record<string, unknown> }): Promise<WriteResult>
  update(options: { data: Record<string, unknown> }): Promise<WriteResult>
  remove(): Promise<WriteResult>
}

export interface WxQuery {
  where(condition: Condition): WxQuery
  orderBy(field: string, order: 'asc' | 'desc'): WxQuery
  limit(n: number): WxQuery
  skip(n: number): WxQuery
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
  end(): Promise<{ list: Record<string, unknown>[] }>
}

export interface WxCollection extends WxQuery {
  doc(id: string): WxDocRef
  add(options: { data: Record<string, unknown> }): Promise<{ _id: string }>
  aggregate(): WxAggregate
}

export interface WxTransaction {
  collection(name: string): { doc(id: string): Omit<WxDocRef, 'remove'> & { delete(): Promise<WriteResult> } }
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
  remove(): Condition
  aggregate: {
    sum(expression: unknown): Condition
    max(expression: unknown): Condition
    cond(spec: { if: unknown; then: unknown; else: unknown }): Condition
    eq(pair: [unknown, unknown]): Condition
    neq(pair: [unknown, unknown]): Condition
    in(pair: [unknown, unknown[]]): Condition
  }
}

export interface WxDb {
  collection(name: string): WxCollection
  command: WxCommand
  RegExp(options: { regexp: string; options?: string }): unknown
  runTransaction<T>(body: (transaction: WxTransaction) => Promise<T>): Promise<T>
}

/** The cloud database answers at most this many records per query in a cloud function. */
export const PAGE = 100

/** A document by id, or null where the database says it does not exist. */
export async function getDoc<T extends Doc>(db: WxDb, collection: string, id: string): Promise<T | null> {
  try {
    return (await db.collection(collection).doc(id).get()).data as T
  } catch {
    return null
  }
}

/** Adds a document with a chosen id; false when the id exists (an idempotency key doing its job). */
export async function addOnce(db: WxDb, collection: string, data: Doc): Promise<boolean> {
  try {
    await db.collection(collection).add({ data })
    return true
  } catch {
    return false
  }
}

/** Every document of a query, 100 at a time. */
export async function getAll(query: WxQuery, max = 10_000): Promise<Doc[]> {
  const all: Doc[] = []
  for (let skip = 0; skip < max; skip += PAGE) {
    const { data } = await query.skip(skip).limit(PAGE).get()
    all.push(...data)
    if (data.length < PAGE) break
  }
  return all
}

/** Document ids made of parts; `_` joins them, and our ids never contain it. */
export const key = (...parts: string[]) => parts.join('_')
