/**
 * A grid's members and its check-in history, for its leaders (`grids.members`, `grids.checkins`): newest
 * first, 20 a page with a cursor, names joined. Runs on SQLite and on the cloud adapter.
 */
import { liveWindow, signLiveCode, signPosterScene } from '../../cloud/domain/codes'
import { createHarness, errorOf, NOW, okData, platformWithoutImages, SECRET, seedGrid, type Harness } from './helpers'

const LEADER = 'o_gh_leader'
const OTHER = 'o_gh_other'
const MINUTE = 60_000
const at = (minutes: number) => ({ now: new Date(NOW.getTime() + minutes * MINUTE) })
const members = (n: number) => Array.from({ length: n }, (_, i) => `o_gh_m${String(i).padStart(3, '0')}`)

describe('a grid for its leaders: members and check-ins', () => {
  let h: Harness
  let gridId: string

  beforeEach(async () => {
    h = createHarness({ platform: platformWithoutImages() })
    gridId = (await seedGrid(h.store, [LEADER])).id
    await seedGrid(h.store, [OTHER], { name: '别的网格' })
  })
  afterEach(() => h.close())

  async function report(people: string[]) {
    const code = signPosterScene(gridId, SECRET)
    for (const [i, p] of people.entries()) {
      await h.store.users.saveProfile(p, { name: `青年${i}`, affiliation: 'league' }, NOW)
      okData(await h.callAs(p, at(i))('checkin.scan', { code, requestId: `req-gh-${p}` }))
    }
  }

  it('lists the members newest first, 20 a page, every member once across the pages', async () => {
    const people = members(25)
    await report(people)
    const first = okData(await h.callAs(LEADER)('grids.members', { gridId }))
    expect(first.items).toHaveLength(20)
    expect(first.items[0]).toEqual({ name: '青年24', joinedAt: at(24).now.toISOString() })
    expect(first.nextCursor).toBeDefined()
    const second = okData(await h.callAs(LEADER)('grids.members', { gridId, cursor: first.nextCursor }))
    expect(second.items.map((m) => m.name)).toEqual(['青年4', '青年3', '青年2', '青年1', '青年0'])
    expect(second.nextCursor).toBeUndefined()
    const names = [...first.items, ...second.items].map((m) => m.name)
    expect(new Set(names).size).toBe(25)
    // No openids in what leaders read.
    expect(JSON.stringify([first, second])).not.toContain('o_gh_m')
  })

  it('lists the check-ins newest first with names, posters and the grid summons with their titles', async () => {
    await report(members(2))
    const summon = okData(
      await h.callAs(LEADER)('summons.publish', {
        gridId,
        title: '楼宇读书会',
        body: '',
        place: '青年之家',
        startAt: at(30).now.toISOString(),
        endAt: at(150).now.toISOString(),
      }),
    )
    const liveAt = at(40).now
    const live = signLiveCode(summon.id, liveWindow(liveAt, 30), SECRET)
    okData(await h.callAs('o_gh_m000', { now: liveAt })('checkin.scan', { code: live, requestId: 'req-gh-live' }))
    const page = okData(await h.callAs(LEADER)('grids.checkins', { gridId }))
    expect(page.items.map((c) => [c.name, c.method, c.summonTitle ?? null])).toEqual([
      ['青年0', 'live', '楼宇读书会'],
      ['青年1', 'poster', null],
      ['青年0', 'poster', null],
    ])
    expect(page.items[0].at).toBe(liveAt.toISOString())
    expect(page.nextCursor).toBeUndefined()
  })

  it('pages the check-ins with a cursor, without gaps or repeats', async () => {
    await report(members(23))
    const first = okData(await h.callAs(LEADER)('grids.checkins', { gridId }))
    const second = okData(await h.callAs(LEADER)('grids.checkins', { gridId, cursor: first.nextCursor }))
    expect(first.items).toHaveLength(20)
    expect(second.items).toHaveLength(3)
    expect(new Set([...first.items, ...second.items].map((c) => c.id)).size).toBe(23)
  })

  it('is for the grid leaders and admins only; an empty grid answers an empty page', async () => {
    errorOf(await h.callAs(OTHER)('grids.members', { gridId }), 'FORBIDDEN')
    errorOf(await h.callAs('o_gh_nobody')('grids.checkins', { gridId }), 'FORBIDDEN')
    expect(okData(await h.callAs(LEADER)('grids.members', { gridId }))).toEqual({ items: [] })
    expect(okData(await h.callAs(LEADER)('grids.checkins', { gridId }))).toEqual({ items: [] })
  })
})

describe('archiving a grid (admins)', () => {
  const ADMIN = 'o_gh_admin'
  let h: Harness
  let gridId: string

  beforeEach(async () => {
    h = createHarness({ platform: platformWithoutImages(), adminOpenids: [ADMIN] })
    gridId = (await seedGrid(h.store, [LEADER])).id
  })
  afterEach(() => h.close())

  it('leaves the lists, stops the poster with a kind message, keeps the history, and can come back', async () => {
    const code = signPosterScene(gridId, SECRET)
    await h.store.users.saveProfile('o_gh_m000', { name: '青年0', affiliation: 'league' }, NOW)
    okData(await h.callAs('o_gh_m000')('checkin.scan', { code, requestId: 'req-gh-before' }))
    errorOf(await h.callAs(LEADER)('grids.archive', { gridId, archived: true }), 'FORBIDDEN')
    const archived = okData(await h.callAs(ADMIN)('grids.archive', { gridId, archived: true }))
    expect(archived.archivedAt).toBe(NOW.toISOString())
    expect(okData(await h.callAs(ADMIN)('grids.list', {})).map((g) => g.id)).not.toContain(gridId)
    const refused = errorOf(
      await h.callAs('o_gh_m000', at(20))('checkin.scan', { code, requestId: 'req-gh-after' }),
      'CLOSED',
    )
    expect(refused.message).toContain('已经停用')
    errorOf(await h.callAs(LEADER)('grids.posterCode', { gridId }), 'CLOSED')
    // History stays: the member's check-in, the grid page, its members.
    expect(okData(await h.callAs('o_gh_m000')('checkin.mine', {})).items).toHaveLength(1)
    expect(okData(await h.callAs(LEADER)('grids.get', { gridId })).archivedAt).toBe(NOW.toISOString())
    expect(okData(await h.callAs(LEADER)('grids.members', { gridId })).items).toHaveLength(1)
    // Brought back: listed and scannable again.
    const back = okData(await h.callAs(ADMIN)('grids.archive', { gridId, archived: false }))
    expect(back.archivedAt).toBeUndefined()
    expect(okData(await h.callAs(ADMIN)('grids.list', {})).map((g) => g.id)).toContain(gridId)
    okData(await h.callAs('o_gh_m000', at(30))('checkin.scan', { code, requestId: 'req-gh-again' }))
    errorOf(await h.callAs(ADMIN)('grids.archive', { gridId: 'nosuchgrid', archived: true }), 'NOT_FOUND')
  })
})
