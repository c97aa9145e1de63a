/**
 * The embedded server's group commit (cloud/store/sqlite/group-commit.ts) on a real SQLite file: the calls
 * of one event-loop turn share one commit, each answers only after it, a failing write rolls back alone,
 * and a second connection (another process) sees every acknowledged write.
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSqliteStore } from '../../cloud/store/sqlite'
import { GRID_INPUT, NOW, PROFILE } from './helpers'

describe('group commit', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'erwei-group-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('commits the calls of one turn together, and answers each only after the commit', async () => {
    const file = join(dir, 'db.sqlite')
    const store = createSqliteStore(file, { server: true })
    const reader = new Database(file, { readonly: true })
    const users = () => (reader.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n
    const writes = Array.from({ length: 50 }, (_, i) =>
      store.users.saveProfile(`o_group_${i}`, { ...PROFILE }, NOW).then(() => users()),
    )
    // Nothing is visible to another connection before the turn ends…
    expect(users()).toBe(0)
    // …and each write, when answered, is already visible there: all 50 in one commit.
    expect(await Promise.all(writes)).toEqual(Array(50).fill(50))
    reader.close()
    store.close()
  })

  it('rolls back a failing write alone and commits the rest of the turn', async () => {
    const store = createSqliteStore(join(dir, 'db.sqlite'), { server: true })
    const grid = await store.grids.create({ ...GRID_INPUT }, NOW)
    const [ok, failed, alsoOk] = await Promise.allSettled([
      store.grids.addMember(grid.id, 'o_group_a', NOW),
      store.grids.addMember('no-such-grid', 'o_group_b', NOW),
      store.grids.addMember(grid.id, 'o_group_c', NOW),
    ])
    expect([ok.status, failed.status, alsoOk.status]).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((await store.grids.get(grid.id))?.memberCount).toBe(2)
    store.close()
  })
})
