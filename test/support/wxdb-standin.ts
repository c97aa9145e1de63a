/**
 * A STAND-IN for the WeChat cloud database (`wx-server-sdk`), for tests only. Nothing offline can run the
 * real engine, so this implements the part of its API that the adapter uses on top of `mingo`, a
 * maintained evaluator of Mongo-style queries and aggregations (the same operators the cloud database's
 * `command` exposes). It keeps the real limits honest:
 * - a query answers at most 100 records (`limit` above 100 is cut to 100);
 * - `doc(id).get()` of a missing document and `add` of an existing `_id` throw, as the real SDK does;
 * - writes answer `stats.updated` / `stats.removed`; every single operation is atomic;
 * - transactions only take single-document operations (`transaction.collection(c).doc(id)…`); they run
 *   one at a time, which is how the real engine's conflict-and-retry resolves contended transactions;
 * - every database operation is counted in `ops`, so suites can write down operations per action.
 */
import { Aggregator, Query } from 'mingo'
import 'mingo/init/system'
import type {
  Condition,
  Doc,
  WriteResult,
  WxAggregate,
  WxCollection,
  WxCommand,
  WxDb,
  WxQuery,
  WxTransaction,
} from '../../cloud/store/wxcloud/db'

const MAX_RECORDS = 100
const INC = Symbol('inc')
const REMOVE = Symbol('remove')

type Store = Map<string, Map<string, Doc>>

const clone = <T>(v: T): T => structuredClone(v)

/** Applies an update's data: plain values are set, `_.inc(n)` adds, `_.remove()` deletes the field. */
function applyUpdate(doc: Doc, data: Record<string, unknown>): Doc {
  const next = clone(doc)
  for (const [field, value] of Object.entries(data)) {
    if (field === '_id') continue
    if (value && typeof value === 'object' && INC in value) {
      next[field] = ((next[field] as number | undefined) ?? 0) + (value as { [INC]: number })[INC]
    } else if (value && typeof value === 'object' && REMOVE in value) {
      delete next[field]
    } else {
      next[field] = clone(value)
    }
  }
  return next
}

/**
 * The cloud database also takes `or`/`and` at field level (`{ at: _.or([_.eq(null), _.lt(x)]) }`); Mongo
 * takes them at the top only, so they are lifted: `{ $or: [{ at: null }, { at: { $lt: x } }] }`.
 */
function normalize(condition: unknown): unknown {
  if (Array.isArray(condition)) return condition.map(normalize)
  if (!condition || typeof condition !== 'object' || condition instanceof RegExp) return condition
  const parts: Record<string, unknown>[] = []
  const plain: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(condition as Record<string, unknown>)) {
    const logical = value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value)[0] : undefined
    if (!field.startsWith('$') && (logical === '$or' || logical === '$and')) {
      const branches = (value as Record<string, unknown[]>)[logical].map((branch) => ({ [field]: normalize(branch) }))
      parts.push({ [logical]: branches })
    } else {
      plain[field] = normalize(value)
    }
  }
  return parts.length ? { $and: [plain, ...parts] } : plain
}

function sortDocs(docs: Doc[], orders: [string, 'asc' | 'desc'][]): Doc[] {
  return [...docs].sort((a, b) => {
    for (const [field, dir] of orders) {
      const x = a[field] as string | number | null | undefined
      const y = b[field] as string | number | null | undefined
      if (x === y) continue
      const cmp = x === undefined || x === null ? -1 : y === undefined || y === null ? 1 : x < y ? -1 : 1
      return dir === 'asc' ? cmp : -cmp
    }
    return 0
  })
}

export interface StandIn {
  db: WxDb
  /** Database operations so far (reads, writes, counts, aggregations; a transaction's each). */
  ops: number
  resetOps(): void
  dump(collection: string): Doc[]
}

export function createWxDbStandIn(): StandIn {
  const store: Store = new Map()
  const state = { ops: 0 }
  const table = (name: string) => {
    if (!store.has(name)) store.set(name, new Map())
    return store.get(name)!
  }
  const count = () => {
    state.ops++
  }

  const command: WxCommand = {
    eq: (v) => ({ $eq: v }),
    neq: (v) => ({ $ne: v }),
    lt: (v) => ({ $lt: v }),
    lte: (v) => ({ $lte: v }),
    gt: (v) => ({ $gt: v }),
    gte: (v) => ({ $gte: v }),
    in: (v) => ({ $in: v }),
    nin: (v) => ({ $nin: v }),
    exists: (v) => ({ $exists: v }),
    and: (c) => ({ $and: c }),
    or: (c) => ({ $or: c }),
    inc: (n) => ({ [INC]: n }) as unknown as Condition,
    remove: () => ({ [REMOVE]: true }) as unknown as Condition,
    aggregate: {
      sum: (e) => ({ $sum: e }),
      max: (e) => ({ $max: e }),
      cond: (s) => ({ $cond: s }),
      eq: (p) => ({ $eq: p }),
      neq: (p) => ({ $ne: p }),
      in: (p) => ({ $in: p }),
    },
  }

  function query(
    name: string,
    conditions: Condition[] = [],
    orders: [string, 'asc' | 'desc'][] = [],
    skip = 0,
    limit = MAX_RECORDS,
  ): WxQuery {
    const matching = () => {
      const q = new Query(conditions.length ? (normalize({ $and: conditions }) as Record<string, unknown>) : {})
      return sortDocs(
        [...table(name).values()].filter((d) => q.test(d)),
        orders,
      )
    }
    return {
      where: (c) => query(name, [...conditions, c], orders, skip, limit),
      orderBy: (f, d) => query(name, conditions, [...orders, [f, d]], skip, limit),
      limit: (n) => query(name, conditions, orders, skip, Math.min(n, MAX_RECORDS)),
      skip: (n) => query(name, conditions, orders, n, limit),
      async get() {
        count()
        return {
          data: matching()
            .slice(skip, skip + limit)
            .map(clone),
        }
      },
      async count() {
        count()
        return { total: matching().length }
      },
      async update({ data }) {
        count()
        const docs = matching()
        for (const d of docs) table(name).set(d._id, applyUpdate(d, data))
        return { stats: { updated: docs.length } }
      },
      async remove() {
        count()
        const docs = matching()
        for (const d of docs) table(name).delete(d._id)
        return { stats: { removed: docs.length } }
      },
    }
  }

  const docRef = (name: string, id: string) => ({
    async get() {
      count()
      const doc = table(name).get(id)
      if (!doc) throw new Error(`document.get:fail document with _id ${id} does not exist`)
      return { data: clone(doc) }
    },
    async set({ data }: { data: Record<string, unknown> }): Promise<WriteResult> {
      count()
      const existed = table(name).has(id)
      table(name).set(id, applyUpdate({ _id: id }, data))
      return { stats: existed ? { updated: 1 } : { created: 1 } }
    },
    async update({ data }: { data: Record<string, unknown> }): Promise<WriteResult> {
      count()
      const doc = table(name).get(id)
      if (doc) table(name).set(id, applyUpdate(doc, data))
      return { stats: { updated: doc ? 1 : 0 } }
    },
    async remove(): Promise<WriteResult> {
      count()
      return { stats: { removed: table(name).delete(id) ? 1 : 0 } }
    },
  })

  function aggregate(name: string, stages: Record<string, unknown>[] = []): WxAggregate {
    const next = (stage: Record<string, unknown>) => aggregate(name, [...stages, stage])
    return {
      match: (c) => next({ $match: normalize(c) }),
      group: (g) => next({ $group: g }),
      sort: (s) => next({ $sort: s }),
      limit: (n) => next({ $limit: n }),
      async end() {
        count()
        return { list: new Aggregator(stages).run([...table(name).values()].map(clone)) as Record<string, unknown>[] }
      },
    }
  }

  const collection = (name: string): WxCollection => ({
    ...query(name),
    doc: (id) => docRef(name, id),
    async add({ data }) {
      count()
      const id = (data._id as string | undefined) ?? Math.random().toString(36).slice(2, 14)
      if (table(name).has(id)) throw new Error(`database.add:fail duplicate key _id ${id}`)
      table(name).set(id, applyUpdate({ _id: id }, data))
      return { _id: id }
    },
    aggregate: () => aggregate(name),
  })

  let queue: Promise<unknown> = Promise.resolve()
  const db: WxDb = {
    collection,
    command,
    RegExp: ({ regexp, options }) => new RegExp(regexp, options),
    runTransaction<T>(body: (t: WxTransaction) => Promise<T>): Promise<T> {
      const transaction: WxTransaction = {
        collection: (name) => ({
          doc: (id) => {
            const ref = docRef(name, id)
            return { get: ref.get, set: ref.set, update: ref.update, delete: ref.remove }
          },
        }),
      }
      const run = queue.then(() => body(transaction))
      queue = run.catch(() => undefined)
      return run
    },
  }

  return {
    db,
    get ops() {
      return state.ops
    },
    resetOps: () => {
      state.ops = 0
    },
    dump: (name) => [...table(name).values()].map(clone),
  }
}

export type { Doc }
