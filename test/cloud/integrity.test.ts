/** Data integrity of the SQLite adapter: atomic writes, versioned migrations, WAL and foreign keys. */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { XIHU_TOWNS } from '../../cloud/domain/towns'
import { createSqliteStore } from '../../cloud/store/sqlite'
import { MIGRATIONS } from '../../cloud/store/sqlite/migrations'
import { createHarness, errorOf, NOW, okData, seedGrid, type Harness } from './helpers'

let dir: string
let file: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'erwei-db-'))
  file = join(dir, 'test.sqlite')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/**
 * The message a promise rejects with. Not `rejects.toThrow`: better-sqlite3 keeps the error class of the
 * first test file a jest worker loads, so in later files its errors are not `instanceof Error` here.
 */
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (err: unknown) => String((err as { message?: unknown }).message),
  )

const pragma = (store: ReturnType<typeof createSqliteStore>, name: string) => store.db.pragma(name, { simple: true })

describe('acceptInvite is one transaction', () => {
  let h: Harness
  beforeEach(() => {
    h = createHarness({ file })
    jest.spyOn(console, 'error').mockImplementation(() => undefined)
  })
  afterEach(() => {
    jest.restoreAllMocks()
    h.close()
  })

  const inviteRow = () =>
    h.store.db.prepare('SELECT used_by, used_at FROM invites WHERE code = ?').get('invitecode123456')

  it('leaves the invite unused when making the leader fails half way', async () => {
    const { id: gridId } = await seedGrid(h.store)
    await h.store.grids.createInvite(gridId, 'invitecode123456', 'o_admin', new Date(NOW.getTime() + 86400_000))
    // The second of the two writes fails: the first (marking the invite used) must be rolled back.
    h.store.db.exec(`CREATE TRIGGER refuse_leader BEFORE INSERT ON grid_leaders
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`)

    const accept = () => h.callAs('o_new_leader')('grids.acceptInvite', { inviteCode: 'invitecode123456' })
    expect(errorOf(await accept(), 'INTERNAL').message).not.toContain('disk')
    expect(inviteRow()).toEqual({ used_by: null, used_at: null })
    expect(await h.store.users.leaderOf('o_new_leader')).toEqual([])

    h.store.db.exec('DROP TRIGGER refuse_leader')
    expect(okData(await accept())).toEqual({ gridId })
    expect(inviteRow()).toMatchObject({ used_by: 'o_new_leader' })
  })
})

describe('migrations', () => {
  it('bring a new database to user_version = MIGRATIONS.length', () => {
    const store = createSqliteStore(file)
    expect(pragma(store, 'user_version')).toBe(MIGRATIONS.length)
    store.close()
  })

  it('are idempotent: reopening keeps the version, the data and one copy of the towns', async () => {
    const first = createSqliteStore(file)
    const grid = await seedGrid(first)
    first.close()

    const second = createSqliteStore(file)
    expect(pragma(second, 'user_version')).toBe(MIGRATIONS.length)
    expect((await second.grids.get(grid.id))?.name).toBe(grid.name)
    expect(await second.grids.towns()).toHaveLength(XIHU_TOWNS.length)
    second.close()
  })

  it('apply all of a migration or none of it', () => {
    // A table in the way of the first migration's last statement makes it fail after earlier statements ran.
    const db = new Database(file)
    db.exec('CREATE TABLE invites (code TEXT)')
    db.close()

    expect(() => createSqliteStore(file)).toThrow(/invites/)
    const check = new Database(file)
    expect(check.pragma('user_version', { simple: true })).toBe(0)
    const tables = check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()
    expect(tables).toEqual([{ name: 'invites' }])
    check.close()
  })
})

describe('connection settings', () => {
  it('use WAL and enforce foreign keys', async () => {
    const store = createSqliteStore(file)
    expect(pragma(store, 'journal_mode')).toBe('wal')
    expect(pragma(store, 'foreign_keys')).toBe(1)
    expect(() =>
      store.db
        .prepare('INSERT INTO grid_leaders (grid_id, openid, since) VALUES (?, ?, ?)')
        .run('nogrid', 'o_x', 'now'),
    ).toThrow(/FOREIGN KEY/)
    const noTown = { name: '无镇街网格', townId: 'nowhere', kind: 'park', base: { address: '' } } as const
    expect(await rejection(store.grids.create(noTown, NOW))).toMatch(/FOREIGN KEY/)
    store.close()
  })

  it('enforce the kinds and affiliations the contract allows', async () => {
    const store = createSqliteStore(':memory:')
    const bad = { name: 'x', affiliation: 'party' } as unknown as Parameters<typeof store.users.saveProfile>[1]
    expect(await rejection(store.users.saveProfile('o_x', bad, NOW))).toMatch(/CHECK/)
    store.close()
  })
})
