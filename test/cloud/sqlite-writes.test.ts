/**
 * What a write costs the local database (issue 16): new databases use small pages, so a commit writes
 * fewer bytes to the WAL, and check-in ids sort by time, so a commit of many scans appends to the key
 * index. An existing database keeps working at the page size it was made with.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { timeOrderedId } from '../../cloud/core/ids'
import { PAGE_SIZE } from '../../cloud/store/sqlite/db'
import { createSqliteStore } from '../../cloud/store/sqlite'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'erwei-writes-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const base = { name: '网格', townId: 'xixi', kind: 'building' as const, base: { address: '文三路 1 号' } }
const scan = (openid: string, gridId: string) => ({
  openid,
  requestId: `r-${openid}`,
  gridId,
  summonId: null,
  method: 'poster' as const,
  verifiedBy: ['poster' as const],
})

test('a new database is made with 2 KB pages', () => {
  const store = createSqliteStore(join(dir, 'new.sqlite'))
  expect(PAGE_SIZE).toBe(2048)
  expect(store.db.pragma('page_size', { simple: true })).toBe(2048)
  expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal')
})

test('a database made with 4 KB pages keeps them, and its data', async () => {
  const file = join(dir, 'old.sqlite')
  const first = createSqliteStore(file)
  first.db.close()
  // Made before this build: rebuild it at 4 KB (VACUUM may change the size outside WAL mode only).
  const old = new Database(file)
  old.pragma('journal_mode = DELETE')
  old.pragma('page_size = 4096')
  old.exec('VACUUM')
  old.close()
  const store = createSqliteStore(file)
  expect(store.db.pragma('page_size', { simple: true })).toBe(4096)
  const grid = await store.grids.create(base, new Date())
  const outcome = await store.checkins.record(scan('o_a', grid.id), new Date(), 5)
  expect(outcome.firstReport).toBe(true)
})

test('check-in ids sort by the time of the scan, and stay unique within one millisecond', async () => {
  const at = new Date('2026-12-01T08:00:00.000Z')
  const sameMs = Array.from({ length: 2000 }, () => timeOrderedId(at))
  expect(new Set(sameMs).size).toBe(2000)
  expect(timeOrderedId(new Date(at.getTime() + 1)) > sameMs.sort().at(-1)!).toBe(true)
  expect(timeOrderedId(new Date('2100-01-01T00:00:00Z'))).toHaveLength(17)

  const store = createSqliteStore(join(dir, 'ids.sqlite'))
  const grid = await store.grids.create(base, at)
  const ids: string[] = []
  for (let i = 0; i < 5; i++) {
    const when = new Date(at.getTime() + i * 1000)
    ids.push((await store.checkins.record(scan(`o_${i}`, grid.id), when, 5)).checkIn.id)
  }
  expect([...ids].sort()).toEqual(ids)
})
