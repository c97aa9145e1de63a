/**
 * The stand-in of the WeChat cloud database (test/support/wxdb-standin.ts) models the documented hard parts
 * of the real engine; each test here pins one of them, so the adapter's suites run against them.
 */
import type { Doc, WxDb } from '../../cloud/store/wxcloud/db'
import { createWxDbStandIn, isConflict, type StandIn } from '../support/wxdb-standin'

let standIn: StandIn
let db: WxDb
beforeEach(() => {
  standIn = createWxDbStandIn({ seed: 7 })
  db = standIn.db
})

interface PlatformError {
  errCode?: number
  errMsg?: string
  message?: string
}

/** The error a promise rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise
  } catch (err) {
    return err as PlatformError
  }
  throw new Error('expected a rejection')
}

const tick = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** 'pending' when the promise has not settled after `ms` (the timer always fires, so none is left). */
async function settledWithin(promise: Promise<unknown>, ms = 30): Promise<'settled' | 'pending'> {
  const settled = promise.then(
    () => 'settled' as const,
    () => 'settled' as const,
  )
  return Promise.race([settled, tick(ms).then(() => 'pending' as const)])
}

async function seed(collection: string, docs: Doc[]) {
  for (const data of docs) await db.collection(collection).add({ data })
}

test('update merges nested objects field by field; _.set replaces a value; _.remove deletes it', async () => {
  const _ = db.command
  const summons = db.collection('summons')
  await summons.add({ data: { _id: 's1', base: { lat: 0, lng: 5, name: 'A' }, tags: ['a', 'b'], n: 1 } })

  await summons.doc('s1').update({ data: { base: { lat: 1 }, tags: ['c'], n: _.inc(2), fresh: _.inc(1) } })
  expect(standIn.dump('summons')[0]).toEqual({
    _id: 's1',
    base: { lat: 1, lng: 5, name: 'A' },
    tags: ['c'],
    n: 3,
    fresh: 1,
  })

  await summons.doc('s1').update({ data: { base: _.set({ lat: 2 }) } })
  expect(standIn.dump('summons')[0].base).toEqual({ lat: 2 })

  await summons.doc('s1').update({ data: { base: { lat: _.remove() }, n: _.remove() } })
  expect(standIn.dump('summons')[0]).toEqual({ _id: 's1', base: {}, tags: ['c'], fresh: 1 })

  await summons.doc('s1').set({ data: { title: 'only this' } })
  expect(standIn.dump('summons')).toEqual([{ _id: 's1', title: 'only this' }])
})

test('dotted paths set nested fields in update and match them in where', async () => {
  const _ = db.command
  const summons = db.collection('summons')
  await summons.add({ data: { _id: 's1', seats: { a: { at: 1, name: 'x' } } } })
  await summons.add({ data: { _id: 's2', seats: {} } })

  await summons.doc('s1').update({ data: { 'seats.b': { at: 2 }, 'seats.a.at': 9 } })
  expect(standIn.dump('summons').find((d) => d._id === 's1')!.seats).toEqual({
    a: { at: 9, name: 'x' },
    b: { at: 2 },
  })

  const free = await summons.where({ _id: _.in(['s1', 's2']), 'seats.b': _.exists(false) }).get()
  expect(free.data.map((d) => d._id)).toEqual(['s2'])
  const updated = await summons
    .where({ _id: _.in(['s1', 's2']), 'seats.a.at': _.gt(5) })
    .update({ data: { 'seats.a.seen': true } })
  expect(updated.stats.updated).toBe(1)
  expect(standIn.dump('summons').find((d) => d._id === 's1')!.seats).toMatchObject({ a: { seen: true } })
})

test('without orderBy a query has no order: skip paging misses or repeats records; orderBy _id lists each once', async () => {
  const ids = Array.from({ length: 250 }, (_, i) => `u${String(i).padStart(3, '0')}`)
  await seed(
    'users',
    ids.map((_id, i) => ({ _id, group: i % 3 })),
  )
  const page = async (ordered: boolean) => {
    const seen: string[] = []
    for (let skip = 0; skip < 250; skip += 100) {
      const base = db.collection('users')
      const query = ordered ? base.orderBy('_id', 'asc') : base
      seen.push(...(await query.skip(skip).limit(100).get()).data.map((d) => d._id))
    }
    return seen
  }
  const unordered = await page(false)
  expect(unordered).toHaveLength(250)
  expect(new Set(unordered).size).toBeLessThan(250)

  expect(await page(true)).toEqual(ids)

  // Ties beyond the orderBy fields come in no particular order either.
  const first = (await db.collection('users').orderBy('group', 'asc').get()).data
  const second = (await db.collection('users').orderBy('group', 'asc').get()).data
  expect(first.map((d) => d.group)).toEqual(second.map((d) => d.group))
  expect(first.map((d) => d._id)).not.toEqual(second.map((d) => d._id))
  const byTwo = (await db.collection('users').orderBy('group', 'desc').orderBy('_id', 'asc').limit(3).get()).data
  expect(byTwo.map((d) => d._id)).toEqual(['u002', 'u005', 'u008'])
})

test('a query answers at most 100 records; count counts all', async () => {
  await seed(
    'users',
    Array.from({ length: 130 }, (_, i) => ({ _id: `u${i}` })),
  )
  expect((await db.collection('users').get()).data).toHaveLength(100)
  expect((await db.collection('users').limit(500).get()).data).toHaveLength(100)
  expect((await db.collection('users').limit(10).get()).data).toHaveLength(10)
  expect((await db.collection('users').skip(100).get()).data).toHaveLength(30)
  expect(await db.collection('users').count()).toEqual({ total: 130 })
})

test('aggregate().end() answers 20 records without a limit stage, up to the limit with one', async () => {
  const _ = db.command
  await seed(
    'users',
    Array.from({ length: 40 }, (_unused, i) => ({ _id: `u${i}`, n: i, g: i % 25 })),
  )
  expect(
    (
      await db
        .collection('users')
        .aggregate()
        .match({ n: _.gte(0) })
        .end()
    ).list,
  ).toHaveLength(20)
  expect((await db.collection('users').aggregate().match({}).limit(30).end()).list).toHaveLength(30)
  const groups = await db
    .collection('users')
    .aggregate()
    .group({ _id: '$g', total: _.aggregate.sum('$n') })
    .end()
  expect(groups.list).toHaveLength(20)
  const sorted = await db
    .collection('users')
    .aggregate()
    .group({ _id: '$g', total: _.aggregate.sum('$n') })
    .sort({ _id: 1 })
    .limit(100)
    .end()
  expect(sorted.list).toHaveLength(25)
  expect(sorted.list[0]).toEqual({ _id: 0, total: 0 + 25 })
})

test('field() keeps only the fields asked for (and _id), or drops them', async () => {
  await db.collection('users').add({ data: { _id: 'u1', name: 'A', phone: '1', nested: { a: 1, b: 2 } } })
  const kept = await db.collection('users').field({ name: true, 'nested.a': true }).get()
  expect(kept.data).toEqual([{ _id: 'u1', name: 'A', nested: { a: 1 } }])
  const dropped = await db.collection('users').field({ phone: false, nested: false }).get()
  expect(dropped.data).toEqual([{ _id: 'u1', name: 'A' }])
})

test('a missing record reads as { data: null } and updates nothing', async () => {
  expect(await db.collection('users').doc('nobody').get()).toEqual({ data: null })
  const updated = await db
    .collection('users')
    .doc('nobody')
    .update({ data: { name: 'x' } })
  expect(updated.stats.updated).toBe(0)
  expect(standIn.dump('users')).toEqual([])
  expect((await db.collection('users').doc('nobody').remove()).stats.removed).toBe(0)
})

test('add with an existing _id throws the platform duplicate-key error', async () => {
  await db.collection('users').add({ data: { _id: 'u1', name: 'A' } })
  const err = await rejection(db.collection('users').add({ data: { _id: 'u1', name: 'B' } }))
  expect(err).toBeInstanceOf(Error)
  expect(err.errCode).toBe(-502001)
  expect(err.errMsg).toContain('E11000 duplicate key error')
  expect(err.message).toContain('E11000 duplicate key error')
  expect(standIn.dump('users')).toEqual([{ _id: 'u1', name: 'A' }])
  const generated = await db.collection('users').add({ data: { name: 'C' } })
  expect(generated._id).toMatch(/^[0-9a-f]{32}$/)
})

test('a collection not declared in SCHEMA throws -502005 on any operation', async () => {
  const missing = db.collection('no_such_collection')
  for (const op of [
    () => missing.get(),
    () => missing.count(),
    () => missing.doc('x').get(),
    () => missing.add({ data: { a: 1 } }),
    () => missing.aggregate().end(),
    () => db.runTransaction((t) => t.collection('no_such_collection').doc('x').get()),
  ]) {
    expect((await rejection(op())).errCode).toBe(-502005)
  }
})

test('a transaction reads the snapshot of its first operation and its own writes', async () => {
  const _ = db.command
  await seed('users', [
    { _id: 'a', n: 1 },
    { _id: 'b', n: 1 },
  ])
  const seen: unknown[][] = []
  const result = await db.runTransaction(async (t) => {
    const a = (await t.collection('users').doc('a').get()).data
    if (seen.length === 0)
      await db
        .collection('users')
        .doc('b')
        .update({ data: { n: _.inc(10) } })
    const b = (await t.collection('users').doc('b').get()).data
    await t
      .collection('users')
      .doc('a')
      .update({ data: { n: 5 } })
    const ownWrite = (await t.collection('users').doc('a').get()).data
    const outside = (await db.collection('users').doc('a').get()).data
    seen.push([a?.n, b?.n, ownWrite?.n, outside?.n])
    return 'done'
  })
  expect(result).toBe('done')
  // First attempt: b as of the snapshot (1), then a conflict at commit because b changed; the retry sees 11.
  expect(seen).toEqual([
    [1, 1, 5, 1],
    [1, 11, 5, 1],
  ])
  expect(standIn.dump('users')).toEqual([
    { _id: 'a', n: 5 },
    { _id: 'b', n: 11 },
  ])
})

test('a transaction fails with a conflict when a record it read was committed by someone else', async () => {
  await seed('users', [{ _id: 'a', n: 1 }])
  let attempts = 0
  const done = db.runTransaction(async (t) => {
    attempts++
    const a = (await t.collection('users').doc('a').get()).data!
    await db
      .collection('users')
      .doc('a')
      .update({ data: { n: 100 + attempts } })
    await t.collection('users').add({ data: { _id: `copy${attempts}`, n: a.n } })
    return a.n
  })
  const err = await rejection(done)
  expect(err).toBeInstanceOf(Error)
  expect(isConflict(err)).toBe(true)
  expect(err.errMsg).toContain('TransactionConflict')
  expect(err.errCode).toBe(-502001)
  // Every attempt conflicted at commit (the outside write runs in each), and none of its writes happened.
  expect(attempts).toBe(3)
  expect(standIn.dump('users')).toEqual([{ _id: 'a', n: 103 }])
})

test('a write to a record another in-flight transaction wrote fails at once', async () => {
  const _ = db.command
  await seed('users', [{ _id: 'x', n: 0 }])
  let openGate = () => undefined as void
  const gate = new Promise<void>((resolve) => (openGate = resolve))
  const first = db.runTransaction(async (t) => {
    await t
      .collection('users')
      .doc('x')
      .update({ data: { n: _.inc(1) } })
    await gate
    return 'first'
  })
  await tick(5)
  const errors: PlatformError[] = []
  const second = db.runTransaction(async (t) => {
    if (errors.length > 0) await first
    try {
      await t
        .collection('users')
        .doc('x')
        .update({ data: { n: _.inc(1) } })
    } catch (err) {
      errors.push(err as PlatformError)
      openGate()
      throw err
    }
    return 'second'
  })
  expect(await Promise.all([first, second])).toEqual(['first', 'second'])
  expect(errors).toHaveLength(1)
  expect(errors[0].errMsg).toContain('TransactionConflict')
  expect(standIn.dump('users')).toEqual([{ _id: 'x', n: 2 }])
})

test('runTransaction retries a conflict up to 3 times, then rejects; no update is lost', async () => {
  await seed('users', [{ _id: 'counter', n: 0 }])
  const busy = standIn.instance({ latencyMs: [1, 6] })
  const attempts: number[] = Array.from({ length: 30 }, () => 0)
  const results = await Promise.allSettled(
    attempts.map((_, i) =>
      busy.runTransaction(async (t) => {
        attempts[i]++
        const { data } = await t.collection('users').doc('counter').get()
        await t
          .collection('users')
          .doc('counter')
          .update({ data: { n: (data!.n as number) + 1 } })
        return i
      }),
    ),
  )
  const resolved = results.filter((r) => r.status === 'fulfilled')
  const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
  expect(rejected.length).toBeGreaterThan(0)
  expect(resolved.length).toBeGreaterThan(0)
  expect(rejected.every((r) => isConflict(r.reason))).toBe(true)
  expect(Math.max(...attempts)).toBe(3)
  rejected.forEach((r) => expect(attempts[results.indexOf(r)]).toBe(3))
  expect(standIn.dump('users')).toEqual([{ _id: 'counter', n: resolved.length }])
})

test('a conditional update is atomic per record under concurrent calls from several instances', async () => {
  const _ = db.command
  await seed('idea_rates', [{ _id: 'c', n: 0 }])
  const instances = [1, 2, 3].map((i) => standIn.instance({ latencyMs: [0, 3 * i] }))
  const results = await Promise.all(
    Array.from({ length: 50 }, (_unused, i) =>
      instances[i % 3]
        .collection('idea_rates')
        .where({ _id: 'c', n: _.lt(3) })
        .update({ data: { n: _.inc(1) } }),
    ),
  )
  expect(results.filter((r) => r.stats.updated === 1)).toHaveLength(3)
  expect(results.filter((r) => r.stats.updated === 0)).toHaveLength(47)
  expect(standIn.dump('idea_rates')).toEqual([{ _id: 'c', n: 3 }])
  expect(instances.map((i) => i.ops)).toEqual([17, 17, 16])
  expect(standIn.ops).toBe(51)
})

test('failAt throws a transient -501001 error without applying', async () => {
  const flaky = standIn.instance({ failAt: [2] })
  await flaky.collection('users').add({ data: { _id: 'u1', n: 1 } })
  const err = await rejection(
    flaky
      .collection('users')
      .doc('u1')
      .update({ data: { n: 2 } }),
  )
  expect(err.errCode).toBe(-501001)
  expect(standIn.dump('users')).toEqual([{ _id: 'u1', n: 1 }])
  await flaky
    .collection('users')
    .doc('u1')
    .update({ data: { n: 3 } })
  expect(standIn.dump('users')).toEqual([{ _id: 'u1', n: 3 }])
  expect(flaky.ops).toBe(3)
  standIn.resetOps()
  expect(flaky.ops).toBe(0)
  expect(standIn.ops).toBe(0)
})

test('killAfter: later operations never answer and never apply', async () => {
  const dying = standIn.instance({ killAfter: 1 })
  await dying.collection('users').add({ data: { _id: 'u1', n: 1 } })
  const update = dying
    .collection('users')
    .doc('u1')
    .update({ data: { n: 2 } })
  const read = dying.collection('users').doc('u1').get()
  expect(await settledWithin(update)).toBe('pending')
  expect(await settledWithin(read)).toBe('pending')
  expect(standIn.dump('users')).toEqual([{ _id: 'u1', n: 1 }])

  // A transaction whose function dies holds no lock: another instance can write the record.
  const _ = db.command
  const dyingTx = standIn.instance({ killAfter: 1 })
  const hung = dyingTx.runTransaction(async (t) => {
    await t
      .collection('users')
      .doc('u1')
      .update({ data: { n: _.inc(1) } })
    await t.collection('users').doc('u1').get()
    return 'never'
  })
  expect(await settledWithin(hung)).toBe('pending')
  await db.runTransaction((t) =>
    t
      .collection('users')
      .doc('u1')
      .update({ data: { n: _.inc(10) } }),
  )
  expect(standIn.dump('users')).toEqual([{ _id: 'u1', n: 11 }])
})

test('killAt: that operation applies but never answers, and later ones hang without applying', async () => {
  const dying = standIn.instance({ killAt: 1 })
  const add = dying.collection('users').add({ data: { _id: 'u1', n: 1 } })
  expect(await settledWithin(add)).toBe('pending')
  expect(standIn.dump('users')).toEqual([{ _id: 'u1', n: 1 }])
  const update = dying
    .collection('users')
    .doc('u1')
    .update({ data: { n: 2 } })
  expect(await settledWithin(update)).toBe('pending')
  expect(standIn.dump('users')).toEqual([{ _id: 'u1', n: 1 }])
  expect(dying.ops).toBe(2)
})

test('a query no declared index serves is recorded as a warning; an indexed one is not', async () => {
  const _ = db.command
  await db.collection('grid_members').where({ gridId: 'g1' }).get()
  await db.collection('grid_members').where({ openid: 'o1' }).orderBy('joinedAt', 'asc').get()
  await db.collection('users').doc('u1').get()
  await db
    .collection('users')
    .where({ _id: _.in(['u1']) })
    .get()
  await db.collection('users').orderBy('_id', 'asc').get()
  expect(standIn.warnings).toEqual([])

  await db.collection('users').where({ name: 'A' }).get()
  await db.collection('users').where({ name: 'B' }).count()
  await db.collection('summons').orderBy('title', 'asc').get()
  expect(standIn.warnings).toHaveLength(2)
  expect(standIn.warnings[0]).toContain('users')
  expect(standIn.warnings[0]).toContain('name')
  expect(standIn.warnings[1]).toContain('title')
})

test('db.serverDate() stores the write time as an ISO string that strictly increases', async () => {
  for (let i = 0; i < 5; i++) {
    await db.collection('outbox').add({ data: { _id: `m${i}`, createdAt: db.serverDate() } })
  }
  await db
    .collection('outbox')
    .doc('m0')
    .update({ data: { sentAt: db.serverDate() } })
  const times = standIn.dump('outbox').map((d) => d.createdAt as string)
  expect(times.every((t) => !Number.isNaN(Date.parse(t)) && new Date(t).toISOString() === t)).toBe(true)
  expect([...times].sort()).toEqual(times)
  expect(new Set(times).size).toBe(5)
  const m0 = standIn.dump('outbox').find((d) => d._id === 'm0')!
  expect((m0.sentAt as string) > times[4]).toBe(true)
})
