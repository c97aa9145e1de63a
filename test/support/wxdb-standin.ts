/**
 * A STAND-IN for the WeChat cloud database (`wx-server-sdk`'s `cloud.database({ throwOnNotFound: false })`),
 * for tests only. Nothing offline can run the real engine, so this implements the part of its API that the
 * adapter uses (cloud/store/wxcloud/db.ts) on top of `mingo`, a maintained evaluator of Mongo-style queries
 * and aggregations (the operators the cloud database's `command` exposes). It models the documented hard
 * parts instead of an idealised database. Pages cited are under
 * developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-server-api/database/ unless said otherwise:
 *
 * - Cloud.database (`throwOnNotFound: false`), Document.get: `doc(id).get()` of a missing record answers
 *   `{ data: null }`; `doc(id).update` of one answers `stats.updated: 0`.
 * - Document.update, Command.set, Command.remove, Command.inc: `update({ data })` merges plain objects field
 *   by field (they are flattened to dot paths); dotted keys (`'seats.abc.at'`) set nested paths; `_.set(v)`
 *   replaces the value at its path wholesale; `_.remove()` deletes it; `_.inc(n)` adds (missing = 0). Arrays
 *   are values. Document.set replaces the whole record (keeping `_id`). `where(...).update()` applies to each
 *   matching record atomically per record. Queries take dotted paths (`{ 'seats.abc': _.exists(false) }`).
 * - Collection.orderBy: without `orderBy` a query has no order: every `get()` answers its matches in a new
 *   shuffled order (a seeded PRNG, so failures reproduce), so `skip` paging without an order lists some
 *   records twice and others never. Ties beyond the `orderBy` fields are shuffled as well.
 * - Collection.limit: a query answers at most 100 records in a cloud function (default 100, `limit(n > 100)`
 *   is cut to 100). Collection.count counts every match.
 * - Aggregate.end, Aggregate.limit: `aggregate().end()` answers at most 20 records unless the pipeline has a
 *   `limit` stage (then up to that limit, at most 10,000). Its input has no order either.
 * - Collection.field: `{ a: true }` keeps only those fields and `_id`; `{ a: false }` drops them.
 * - Collection.add: an existing `_id` throws an Error with `errCode: -502001` whose `errMsg`/`message`
 *   carries Mongo's `E11000 duplicate key error`.
 * - Error codes (developers.weixin.qq.com/miniprogram/dev/wxcloud/reference/errcode.html): a collection not
 *   declared in SCHEMA (cloud/store/wxcloud/schema.ts) throws `-502005` (集合不存在) on any operation; an
 *   injected transient failure throws `-501001` (云端系统错误) without applying.
 * - Database.runTransaction, transaction/Transaction and the guide page guide/database/transaction.md
 *   (快照隔离): a transaction takes single-record operations only (`t.collection(c).doc(id).get/set/update/
 *   delete` and `t.collection(c).add`; there is no `where`). Every record has a version. The snapshot is
 *   taken at the transaction's first operation: its reads answer the records' committed state as of then,
 *   and its own buffered writes. A write to a record another in-flight transaction has written fails at
 *   once (the record carries that transaction's lock), as does a write to a record committed since the
 *   snapshot. At commit, if any record the transaction read or wrote was committed by someone else after
 *   its snapshot, it fails; otherwise all its writes apply atomically. The conflict is an Error with
 *   `errCode: -502001` (数据库请求失败, the code the platform passes it on with) and `errMsg` containing
 *   `[ResourceUnavailable.TransactionConflict]`. `runTransaction` runs the body up to 3 times on conflict,
 *   then rejects with the conflict; any other error thrown by the body aborts at once and propagates.
 *   Non-transactional writes bump versions too, so they conflict with transactions. (The platform blocks a
 *   plain write to a record a transaction has locked until the lock is released; here it applies at once
 *   and the lock holder fails at commit instead, which is the stricter outcome for the transaction.)
 * - Database.serverDate: `db.serverDate()` in written data becomes the stand-in's clock (`Date.now()`) at
 *   the moment the write applies (a transaction's write: when it is buffered), stored as an ISO string.
 *   Stamps strictly increase (a stamp equal to the last one is bumped by 1 ms), so they give FIFO order.
 *
 * Cloud-function instances: `standIn.instance(plan)` answers another `WxDb` over the SAME data, with its
 * own fault plan (latency, transient failures, a kill at the 3 s timeout) and operation counter; see
 * `FaultPlan`. A hung operation is a promise that never settles and holds no timer, so jest can exit.
 *
 * Index warnings: a query (get/count/update/remove, an aggregate's first `match`) whose condition and
 * `orderBy` fields include no first field of an index declared in SCHEMA is recorded in
 * `standIn.warnings` (de-duplicated, never printed). A query with no such field, or with `_id` among its
 * conditions (the platform indexes `_id`), needs none.
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
  WxDocRef,
  WxQuery,
  WxTransaction,
  WxTransactionDocRef,
} from '../../cloud/store/wxcloud/db'
import { SCHEMA } from '../../cloud/store/wxcloud/schema'

/** Records a query answers at most in a cloud function (Collection.limit). */
const MAX_RECORDS = 100
/** Records `aggregate().end()` answers without a `limit` stage, and with one (Aggregate.end). */
const AGGREGATE_DEFAULT = 20
const AGGREGATE_MAX = 10_000
/** Times `runTransaction` runs its body (Database.runTransaction `times`, default 3). */
const TRANSACTION_TRIES = 3

/** Error codes of developers.weixin.qq.com/miniprogram/dev/wxcloud/reference/errcode.html. */
export const ERR_CODE = {
  /** 云端系统错误: the transient failure a fault plan injects. */
  transient: -501001,
  /** 数据库请求失败: duplicate `_id` on add, and a transaction conflict. */
  requestFailed: -502001,
  /** 非法的数据库指令 */
  invalidCommand: -502002,
  /** 集合不存在 */
  collectionMissing: -502005,
} as const

export type { Doc }

/** How one cloud-function instance misbehaves. Operations are numbered 1, 2, … per instance. */
export interface FaultPlan {
  /** Each operation waits a random time in `[min, max]` ms (seeded) before it applies. */
  latencyMs?: [number, number]
  /** These operations throw a transient error (`errCode -501001`) without applying. */
  failAt?: number[]
  /** Operations 1..k answer normally; k+1 and later never settle and never apply. */
  killAfter?: number
  /** Operation k applies but its answer never comes back; later operations never settle nor apply. */
  killAt?: number
}

/** A `WxDb` of one instance, with the operations it ran. */
export interface StandInDb extends WxDb {
  readonly ops: number
  /**
   * The instance's modelled database time in ms (`MODELLED_LATENCY`), along its critical path: an operation
   * starts when it is sent (operations sent together overlap) and ends its latency later; the clock is the
   * latest end. It never waits: a budget of time without a timed test.
   */
  readonly modelledMs: number
  /**
   * Records the engine reads to answer this instance's operations, supposing an index serves each condition
   * and order: what an aggregation's leading `match` lets in (every one of them enters the pipeline), what a
   * count counts, what an update or removal matches, a query's page (plus what it skips), one per record
   * operation. A measure of work inside the database that answers stay small about (an aggregation over a
   * grid's 50,000 members answers one number); it is not part of `modelledMs`.
   */
  readonly examined: number
}

/**
 * The latency the modelled clock gives each operation: a round trip, and the records it answers (a page of
 * 1,000 records costs about 80 ms). A model for budgets, not a measurement of the platform.
 */
export const MODELLED_LATENCY = { perOperationMs: 30, perRecordMs: 0.05 } as const

const answered = (result: unknown): number => {
  const r = result as { data?: unknown; list?: unknown } | null
  if (r && Array.isArray(r.data)) return r.data.length
  if (r && Array.isArray(r.list)) return r.list.length
  return 1
}

export interface StandIn {
  /** The default instance: no faults, no latency. */
  db: StandInDb
  /** Database operations of all instances (reads, writes, counts, aggregations; a transaction's each). */
  readonly ops: number
  /** Resets every instance's `ops` (fault plans keep counting their own way). */
  resetOps(): void
  /** Plain clones of a collection's committed records. */
  dump(collection: string): Doc[]
  /** Another cloud-function instance over the same data. */
  instance(plan?: FaultPlan): StandInDb
  /** Queries no declared index serves, de-duplicated. */
  readonly warnings: string[]
}

export interface StandInOptions {
  /** Seeds shuffles, generated ids and latencies. */
  seed?: number
}

type PlatformError = Error & { errCode: number; errMsg: string }

function platformError(errCode: number, errMsg: string): PlatformError {
  return Object.assign(new Error(errMsg), { errCode, errMsg })
}

const conflictError = () =>
  platformError(
    ERR_CODE.requestFailed,
    'errCode: -502001 database request fail | errMsg: [ResourceUnavailable.TransactionConflict] Transaction is conflicted, maybe the resource is operated by others.',
  )

export const isConflict = (err: unknown): boolean =>
  err instanceof Error && /TransactionConflict/.test((err as Partial<PlatformError>).errMsg ?? err.message)

/** mulberry32: a small seeded PRNG, so shuffles and latencies reproduce. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

/** What `_.set`, `_.remove` and `_.inc` answer: recognised in update data by class, not by shape. */
class UpdateCommand {
  constructor(
    readonly kind: 'set' | 'remove' | 'inc',
    readonly value?: unknown,
  ) {}
}

/** What `db.serverDate()` answers. */
class ServerDate {}

type Plain = Record<string, unknown>

const isPlain = (v: unknown): v is Plain => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false
  const proto: unknown = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

const clone = <T>(v: T): T => structuredClone(v)

function getPath(obj: unknown, path: string): unknown {
  let at: unknown = obj
  for (const part of path.split('.')) {
    if (!at || typeof at !== 'object') return undefined
    at = (at as Plain)[part]
  }
  return at
}

function setPath(obj: Plain, path: string, value: unknown): void {
  const parts = path.split('.')
  let at: Plain = obj
  for (const part of parts.slice(0, -1)) {
    const next = at[part]
    if (next === undefined || next === null) at[part] = {}
    else if (typeof next !== 'object') {
      throw platformError(ERR_CODE.requestFailed, `Cannot create field '${part}' in a non-object at '${path}'`)
    }
    at = at[part] as Plain
  }
  at[parts[parts.length - 1]] = value
}

function removePath(obj: Plain, path: string): void {
  const parts = path.split('.')
  const parent = parts.length === 1 ? obj : getPath(obj, parts.slice(0, -1).join('.'))
  if (parent && typeof parent === 'object') delete (parent as Plain)[parts[parts.length - 1]]
}

/** A write's server time: computed once per write, on first use. */
type Stamp = () => string

/** Data written as a value: `db.serverDate()` becomes the write's time, `_.set(v)` becomes `v`. */
function literal(value: unknown, stamp: Stamp): unknown {
  if (value instanceof ServerDate) return stamp()
  if (value instanceof UpdateCommand) {
    if (value.kind === 'set') return literal(value.value, stamp)
    throw platformError(ERR_CODE.invalidCommand, `_.${value.kind}() is not a value`)
  }
  if (Array.isArray(value)) return value.map((v) => literal(v, stamp))
  if (isPlain(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literal(v, stamp)]))
  return clone(value)
}

/** Update data as (dot path, value or command) pairs: plain objects are merged field by field. */
function flatten(data: Plain, prefix = '', out: [string, unknown][] = []): [string, unknown][] {
  for (const [field, value] of Object.entries(data)) {
    const path = prefix ? `${prefix}.${field}` : field
    if (path === '_id') continue
    if (isPlain(value) && Object.keys(value).length > 0) flatten(value, path, out)
    else out.push([path, value])
  }
  return out
}

/** Document.update on a copy of `doc`. */
function applyUpdate(doc: Doc, data: Plain, stamp: Stamp): Doc {
  const next = clone(doc)
  for (const [path, value] of flatten(data)) {
    if (value instanceof UpdateCommand && value.kind === 'remove') removePath(next, path)
    else if (value instanceof UpdateCommand && value.kind === 'inc') {
      const current = getPath(next, path)
      setPath(next, path, (typeof current === 'number' ? current : 0) + (value.value as number))
    } else if (isPlain(value) && isPlain(getPath(next, path))) {
      // An empty object merges into an existing one: nothing to change.
    } else setPath(next, path, literal(value, stamp))
  }
  next._id = doc._id
  return next
}

/** Document.set / Collection.add: the record is the data. */
function replacement(id: string, data: Plain, stamp: Stamp): Doc {
  const { _id: _ignored, ...rest } = data
  return { ...(literal(rest, stamp) as Plain), _id: id }
}

/**
 * The cloud database also takes `or`/`and` at field level (`{ at: _.or([_.eq(null), _.lt(x)]) }`); Mongo
 * takes them at the top only, so they are lifted: `{ $or: [{ at: null }, { at: { $lt: x } }] }`.
 * `db.serverDate()` in a condition is the current server time.
 */
function normalize(condition: unknown, now: () => string): unknown {
  if (condition instanceof ServerDate) return now()
  if (Array.isArray(condition)) return condition.map((c) => normalize(c, now))
  if (!isPlain(condition)) return condition
  const parts: Plain[] = []
  const plain: Plain = {}
  for (const [field, value] of Object.entries(condition)) {
    const logical = isPlain(value) ? Object.keys(value)[0] : undefined
    if (!field.startsWith('$') && (logical === '$or' || logical === '$and')) {
      const branches = ((value as Record<string, unknown[]>)[logical] ?? []).map((branch) => ({
        [field]: normalize(branch, now),
      }))
      parts.push({ [logical]: branches })
    } else {
      plain[field] = normalize(value, now)
    }
  }
  return parts.length ? { $and: [plain, ...parts] } : plain
}

/** Field paths a (normalized) condition constrains. */
function conditionFields(condition: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(condition)) condition.forEach((c) => conditionFields(c, out))
  else if (isPlain(condition)) {
    for (const [field, value] of Object.entries(condition)) {
      if (field === '$and' || field === '$or' || field === '$nor') conditionFields(value, out)
      else if (!field.startsWith('$')) out.add(field)
    }
  }
  return out
}

/** BSON comparison order of types: missing/null, numbers, strings, objects, arrays, booleans, dates. */
function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 1
  if (typeof v === 'number') return 2
  if (typeof v === 'string') return 3
  if (typeof v === 'boolean') return 8
  if (v instanceof Date) return 9
  if (Array.isArray(v)) return 5
  return 4
}

function compareValues(x: unknown, y: unknown): number {
  const rx = typeRank(x)
  const ry = typeRank(y)
  if (rx !== ry) return rx - ry
  if (rx === 1) return 0
  if (x instanceof Date && y instanceof Date) return x.getTime() - y.getTime()
  if (rx === 2 || rx === 3 || rx === 8) {
    const a = x as number | string | boolean
    const b = y as number | string | boolean
    return a < b ? -1 : a > b ? 1 : 0
  }
  const a = JSON.stringify(x)
  const b = JSON.stringify(y)
  return a < b ? -1 : a > b ? 1 : 0
}

type Order = [field: string, direction: 'asc' | 'desc']

/** Sorts stably by `orders`, so records tied on them keep their (shuffled) input order. */
function sortDocs(docs: Doc[], orders: Order[]): Doc[] {
  if (!orders.length) return docs
  // Each record's sort values are read once (not at every comparison).
  const keyed = docs.map((doc) => ({ doc, keys: orders.map(([field]) => getPath(doc, field)) }))
  keyed.sort((a, b) => {
    for (let i = 0; i < orders.length; i++) {
      const cmp = compareValues(a.keys[i], b.keys[i])
      if (cmp !== 0) return orders[i][1] === 'desc' ? -cmp : cmp
    }
    return 0
  })
  return keyed.map((k) => k.doc)
}

function project(doc: Doc, projection: Record<string, boolean>): Doc {
  const included = Object.entries(projection).filter(([field, keep]) => keep && field !== '_id')
  if (included.length) {
    const out: Plain = projection._id === false ? {} : { _id: doc._id }
    for (const [field] of included) {
      const value = getPath(doc, field)
      if (value !== undefined) setPath(out, field, clone(value))
    }
    return out as Doc
  }
  const out = clone(doc)
  for (const [field, keep] of Object.entries(projection)) if (!keep) removePath(out, field)
  return out
}

/** A committed state of a record; `doc` null is a deletion. `seq` is the commit that wrote it. */
interface Version {
  seq: number
  doc: Doc | null
}

interface Transaction {
  /** The snapshot: the last commit before the transaction's first operation. */
  start?: number
  reads: Set<string>
  writes: Map<string, { collection: string; id: string; doc: Doc | null }>
  /** The conflict that ended it, if one did. */
  doomed?: Error
  open: boolean
}

const hang = <T>(): Promise<T> => new Promise<T>(() => undefined)
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export function createWxDbStandIn(options: StandInOptions = {}): StandIn {
  const seed = options.seed ?? 20240601
  const random = prng(seed)
  const tables = new Map<string, Map<string, Version[]>>()
  const locks = new Map<string, Transaction>()
  const active = new Set<Transaction>()
  const warnings: string[] = []
  const counters: { ops: number }[] = []
  let seq = 0
  let lastStamp = 0

  const declared = (name: string) => Object.prototype.hasOwnProperty.call(SCHEMA, name)
  const table = (name: string) => {
    if (!declared(name)) {
      throw platformError(
        ERR_CODE.collectionMissing,
        `errCode: -502005 database collection not exists | errMsg: [ResourceNotFound] Db or Table not exist: ${name}`,
      )
    }
    if (!tables.has(name)) tables.set(name, new Map())
    return tables.get(name)!
  }
  const keyOf = (collection: string, id: string) => `${collection}\u0000${id}`
  const latest = (name: string, id: string): Version | undefined => {
    const versions = table(name).get(id)
    return versions?.[versions.length - 1]
  }
  const currentDoc = (name: string, id: string) => latest(name, id)?.doc ?? null
  const latestSeq = (name: string, id: string) => latest(name, id)?.seq ?? 0
  const committed = (name: string) =>
    [...table(name).values()].map((v) => v[v.length - 1].doc).filter((d): d is Doc => d !== null)

  /** Server time for one write: strictly later than every stamp before it. */
  const newStamp = (): Stamp => {
    let value: string | undefined
    return () => {
      if (value === undefined) {
        lastStamp = Math.max(Date.now(), lastStamp + 1)
        value = new Date(lastStamp).toISOString()
      }
      return value
    }
  }
  const now = () => new Date(Math.max(Date.now(), lastStamp)).toISOString()

  /** Keeps the versions an in-flight transaction's snapshot may still read, and the latest. */
  const prune = (versions: Version[]) => {
    const starts = [...active].map((t) => t.start ?? seq)
    const oldest = starts.length ? Math.min(...starts) : Infinity
    let keepFrom = versions.length - 1
    while (keepFrom > 0 && versions[keepFrom].seq > oldest) keepFrom--
    if (keepFrom > 0) versions.splice(0, keepFrom)
  }
  const write = (name: string, id: string, doc: Doc | null, at: number) => {
    const t = table(name)
    const versions = t.get(id) ?? []
    versions.push({ seq: at, doc })
    prune(versions)
    t.set(id, versions)
  }

  const newId = () => Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('')

  const warnUnindexed = (name: string, condition: unknown, orders: Order[]) => {
    const fields = conditionFields(condition)
    if (fields.has('_id')) return
    for (const [field] of orders) fields.add(field)
    fields.delete('_id')
    if (!fields.size) return
    const indexes = (SCHEMA as Record<string, { indexes: { fields: [string, string][] }[] }>)[name]?.indexes ?? []
    if (indexes.some((index) => fields.has(index.fields[0][0]))) return
    const orderText = orders.length ? ` orderBy ${orders.map(([f, d]) => `${f} ${d}`).join(', ')}` : ''
    const warning = `${name}: no index in SCHEMA serves a query on ${[...fields].join(', ')}${orderText}`
    if (!warnings.includes(warning)) warnings.push(warning)
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
    inc: (n) => new UpdateCommand('inc', n) as unknown as Condition,
    set: (v) => new UpdateCommand('set', v) as unknown as Condition,
    remove: () => new UpdateCommand('remove') as unknown as Condition,
    aggregate: {
      sum: (e) => ({ $sum: e }),
      max: (e) => ({ $max: e }),
      cond: (s) => ({ $cond: s }),
      eq: (p) => ({ $eq: p }),
      neq: (p) => ({ $ne: p }),
      gt: (p) => ({ $gt: p }),
      in: (p) => ({ $in: p }),
      size: (e) => ({ $size: e }),
      map: (spec) => ({ $map: spec }),
      objectToArray: (e) => ({ $objectToArray: e }),
      setDifference: (p) => ({ $setDifference: p }),
      ifNull: (p) => ({ $ifNull: p }),
    },
  }

  // ---- transactions --------------------------------------------------------------------------------

  const release = (t: Transaction) => {
    t.open = false
    active.delete(t)
    for (const [key, holder] of locks) if (holder === t) locks.delete(key)
  }
  const doom = (t: Transaction): never => {
    t.doomed ??= conflictError()
    release(t)
    throw t.doomed
  }
  const begin = (t: Transaction) => {
    if (t.doomed) throw t.doomed
    if (!t.open) throw platformError(ERR_CODE.requestFailed, 'transaction is not in progress')
    if (t.start === undefined) t.start = seq
    return t.start
  }
  /** The transaction's view of a record: its own write, else its snapshot. */
  const view = (t: Transaction, name: string, id: string): Doc | null => {
    const start = begin(t)
    const key = keyOf(name, id)
    t.reads.add(key)
    const own = t.writes.get(key)
    if (own) return own.doc
    const versions = table(name).get(id) ?? []
    for (let i = versions.length - 1; i >= 0; i--) if (versions[i].seq <= start) return versions[i].doc
    return null
  }
  const buffer = (t: Transaction, name: string, id: string, doc: Doc | null) => {
    const start = begin(t)
    const key = keyOf(name, id)
    const holder = locks.get(key)
    if ((holder && holder !== t) || latestSeq(name, id) > start) doom(t)
    locks.set(key, t)
    t.writes.set(key, { collection: name, id, doc })
  }
  const commit = (t: Transaction) => {
    if (t.doomed) throw t.doomed
    if (t.start !== undefined) {
      for (const key of [...t.reads, ...t.writes.keys()]) {
        const [name, id] = key.split('\u0000')
        if (latestSeq(name, id) > t.start) doom(t)
      }
      if (t.writes.size) {
        const at = ++seq
        for (const { collection, id, doc } of t.writes.values()) write(collection, id, doc, at)
      }
    }
    release(t)
  }

  // ---- instances -----------------------------------------------------------------------------------

  function instance(plan: FaultPlan = {}): StandInDb {
    const counter = { ops: 0 }
    counters.push(counter)
    let examined = 0
    const latency = prng(seed + counters.length * 7919)
    let numbered = 0
    let clock = 0
    /** The clock when the current synchronous turn sent its first operation: what it sends overlaps. */
    let turnStart: number | null = null
    const sendTime = () => {
      if (turnStart === null) {
        turnStart = clock
        queueMicrotask(() => {
          turnStart = null
        })
      }
      return turnStart
    }

    /** One database operation: counted, delayed, maybe failed or hung, as the plan says. */
    async function operation<T>(apply: () => T, onHang?: () => void): Promise<T> {
      const n = ++numbered
      const sentAt = sendTime()
      counter.ops++
      const hangs = () => {
        onHang?.()
        return hang<T>()
      }
      if ((plan.killAfter !== undefined && n > plan.killAfter) || (plan.killAt !== undefined && n > plan.killAt)) {
        return hangs()
      }
      if (plan.latencyMs) {
        const [min, max] = plan.latencyMs
        await sleep(min + latency() * (max - min))
      }
      if (plan.failAt?.includes(n)) {
        throw platformError(ERR_CODE.transient, 'errCode: -501001 resource system error | errMsg: injected fault')
      }
      const result = apply()
      clock = Math.max(
        clock,
        sentAt + MODELLED_LATENCY.perOperationMs + answered(result) * MODELLED_LATENCY.perRecordMs,
      )
      if (plan.killAt === n) return hangs()
      return result
    }

    interface QueryState {
      conditions: Condition[]
      orders: Order[]
      skip: number
      limit: number
      projection?: Record<string, boolean>
    }

    function query(name: string, state: QueryState): WxQuery {
      const condition = () => (state.conditions.length ? normalize({ $and: state.conditions }, now) : {})
      const matching = (warn = true) => {
        const c = condition()
        if (warn) warnUnindexed(name, c, state.orders)
        const q = new Query(c as Plain)
        return committed(name).filter((d) => q.test(d))
      }
      const next = (change: Partial<QueryState>) => query(name, { ...state, ...change })
      return {
        where: (c) => next({ conditions: [...state.conditions, c] }),
        orderBy: (field, direction) => next({ orders: [...state.orders, [field, direction]] }),
        limit: (n) => next({ limit: Math.min(n, MAX_RECORDS) }),
        skip: (n) => next({ skip: n }),
        field: (projection) => next({ projection }),
        get: () =>
          operation(() => {
            const ordered = sortDocs(shuffle(matching(), random), state.orders)
            const page = ordered.slice(state.skip, state.skip + state.limit)
            examined += Math.min(ordered.length, state.skip + state.limit)
            return { data: page.map((d) => (state.projection ? project(d, state.projection) : clone(d))) }
          }),
        count: () =>
          operation(() => {
            const total = matching().length
            examined += total
            return { total }
          }),
        update: ({ data }) =>
          operation(() => {
            const docs = matching()
            examined += docs.length
            const stamp = newStamp()
            const at = ++seq
            for (const d of docs) write(name, d._id, applyUpdate(d, data, stamp), at)
            return { stats: { updated: docs.length } }
          }),
        remove: () =>
          operation(() => {
            const docs = matching()
            examined += docs.length
            const at = ++seq
            for (const d of docs) write(name, d._id, null, at)
            return { stats: { removed: docs.length } }
          }),
      }
    }

    const docRef = (name: string, id: string): WxDocRef => ({
      get: () =>
        operation(() => {
          examined++
          const doc = currentDoc(name, id)
          return { data: doc ? clone(doc) : null }
        }),
      set: ({ data }) =>
        operation((): WriteResult => {
          const existed = currentDoc(name, id) !== null
          write(name, id, replacement(id, data, newStamp()), ++seq)
          return { stats: { updated: existed ? 1 : 0, created: existed ? 0 : 1 } }
        }),
      update: ({ data }) =>
        operation((): WriteResult => {
          const doc = currentDoc(name, id)
          if (doc) write(name, id, applyUpdate(doc, data, newStamp()), ++seq)
          return { stats: { updated: doc ? 1 : 0 } }
        }),
      remove: () =>
        operation((): WriteResult => {
          const existed = currentDoc(name, id) !== null
          if (existed) write(name, id, null, ++seq)
          return { stats: { removed: existed ? 1 : 0 } }
        }),
    })

    const duplicate = (name: string, id: string) =>
      platformError(
        ERR_CODE.requestFailed,
        `errCode: -502001 database request fail | errMsg: [FailedOperation.Insert] E11000 duplicate key error collection: ${name} index: _id_ dup key: { _id: "${id}" }`,
      )

    /**
     * mingo 6's `$max` accumulator answers the group's first string rather than the greatest (the platform
     * compares strings, as MongoDB does), so a `$group` stage collects `$max` operands with `$push` and
     * takes their maximum itself before the stages that follow.
     */
    function runPipeline(pipeline: Plain[], input: Plain[]): Plain[] {
      let docs = input
      let pending: Plain[] = []
      const flush = () => {
        if (pending.length) docs = new Aggregator(pending).run(docs) as Plain[]
        pending = []
      }
      for (const stage of pipeline) {
        const group = stage.$group as Record<string, unknown> | undefined
        const maxFields = group
          ? Object.keys(group).filter((f) => f !== '_id' && isPlain(group[f]) && '$max' in (group[f] as Plain))
          : []
        if (!maxFields.length) {
          pending.push(stage)
          continue
        }
        const pushed = { ...group }
        for (const f of maxFields) pushed[f] = { $push: (group![f] as Plain).$max }
        pending.push({ $group: pushed })
        flush()
        docs = docs.map((d) => {
          const out = { ...d }
          for (const f of maxFields) {
            const values = ((d[f] as unknown[]) ?? []).filter((v) => v !== null && v !== undefined)
            out[f] = values.length ? values.reduce((m, v) => (compareValues(v, m) > 0 ? v : m)) : null
          }
          return out
        })
      }
      flush()
      return docs
    }

    function aggregate(name: string, stages: Plain[]): WxAggregate {
      const next = (stage: Plain) => aggregate(name, [...stages, stage])
      return {
        match: (c) => next({ $match: c }),
        group: (g) => next({ $group: g }),
        sort: (s) => next({ $sort: s }),
        limit: (n) => next({ $limit: n }),
        project: (spec) => next({ $project: spec }),
        end: () =>
          operation(() => {
            const pipeline = stages.map((s) => ('$match' in s ? { $match: normalize(s.$match, now) } : s))
            if (pipeline[0] && '$match' in pipeline[0]) warnUnindexed(name, pipeline[0].$match, [])
            // Leading match, sort and limit stages run here (the same semantics, without cloning every
            // record first): mingo takes the rest.
            let input = shuffle(committed(name), random)
            let rest = pipeline
            if (rest[0] && '$match' in rest[0]) {
              const q = new Query(rest[0].$match as Plain)
              input = input.filter((d) => q.test(d))
              rest = rest.slice(1)
            }
            examined += input.length
            if (rest[0] && '$sort' in rest[0]) {
              const spec = rest[0].$sort as Record<string, 1 | -1>
              input = sortDocs(
                input,
                Object.entries(spec).map(([f, d]): Order => [f, d === -1 ? 'desc' : 'asc']),
              )
              rest = rest.slice(1)
              if (rest[0] && '$limit' in rest[0]) {
                input = input.slice(0, rest[0].$limit as number)
                rest = rest.slice(1)
              }
            }
            const list = runPipeline(rest, input.map(clone))
            const cap = stages.some((s) => '$limit' in s) ? AGGREGATE_MAX : AGGREGATE_DEFAULT
            return { list: list.slice(0, cap) }
          }),
      }
    }

    const collection = (name: string): WxCollection => ({
      ...query(name, { conditions: [], orders: [], skip: 0, limit: MAX_RECORDS }),
      doc: (id) => docRef(name, id),
      add: ({ data }) =>
        operation(() => {
          const id = typeof data._id === 'string' ? data._id : newId()
          if (currentDoc(name, id)) throw duplicate(name, id)
          write(name, id, replacement(id, data, newStamp()), ++seq)
          return { _id: id }
        }),
      aggregate: () => aggregate(name, []),
    })

    const transactionApi = (t: Transaction): WxTransaction => ({
      collection: (name) => {
        const step = <T>(apply: () => T) => operation(apply, () => release(t))
        const doc = (id: string): WxTransactionDocRef => ({
          get: () =>
            step(() => {
              const d = view(t, name, id)
              return { data: d ? clone(d) : null }
            }),
          set: ({ data }) =>
            step((): WriteResult => {
              const existed = view(t, name, id) !== null
              buffer(t, name, id, replacement(id, data, newStamp()))
              return { stats: { updated: existed ? 1 : 0, created: existed ? 0 : 1 } }
            }),
          update: ({ data }) =>
            step((): WriteResult => {
              const d = view(t, name, id)
              if (d) buffer(t, name, id, applyUpdate(d, data, newStamp()))
              return { stats: { updated: d ? 1 : 0 } }
            }),
          delete: () =>
            step((): WriteResult => {
              const existed = view(t, name, id) !== null
              if (existed) buffer(t, name, id, null)
              return { stats: { removed: existed ? 1 : 0 } }
            }),
        })
        return {
          doc,
          add: ({ data }) =>
            step(() => {
              const id = typeof data._id === 'string' ? data._id : newId()
              if (view(t, name, id)) throw duplicate(name, id)
              buffer(t, name, id, replacement(id, data, newStamp()))
              return { _id: id }
            }),
        }
      },
    })

    const db: StandInDb = {
      get ops() {
        return counter.ops
      },
      get modelledMs() {
        return clock
      },
      get examined() {
        return examined
      },
      collection,
      command,
      RegExp: ({ regexp, options: flags }) => new RegExp(regexp, flags),
      serverDate: () => new ServerDate(),
      async runTransaction<T>(body: (transaction: WxTransaction) => Promise<T>): Promise<T> {
        for (let attempt = 1; ; attempt++) {
          const t: Transaction = { reads: new Set(), writes: new Map(), open: true }
          active.add(t)
          let result: T
          try {
            result = await body(transactionApi(t))
            commit(t)
            return result
          } catch (err) {
            release(t)
            if (isConflict(err) && attempt < TRANSACTION_TRIES) continue
            throw err
          }
        }
      },
    }
    return db
  }

  const db = instance()
  return {
    db,
    get ops() {
      return counters.reduce((sum, c) => sum + c.ops, 0)
    },
    resetOps: () => {
      for (const c of counters) c.ops = 0
    },
    dump: (name) => (declared(name) ? committed(name).map(clone) : []),
    instance,
    warnings,
  }
}
