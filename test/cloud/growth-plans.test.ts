/**
 * Issue 16 on SQLite: each read of the growth table costs one page whatever the history. Held without
 * timing: every statement a read runs is recorded (with its parameters) and SQLite's `EXPLAIN QUERY PLAN`
 * of it must show index seeks only — no scan of a table or a whole index, and no sort of what it read
 * (a temporary B-tree for ORDER BY) — except the few listed below with the reason each is bounded.
 * bench/growth.ts measures the same reads at 1k, 10k and 50k records (BENCHMARKS.md, "Growth").
 */
import { readFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { defaultExportsDir, exportFileOf } from '../../cloud/platform/exportFiles'
import type { ExportFile, Id } from '../../types'
import { createHarness, NOW, okData, seedGrid, seedProfiles, type Harness } from './helpers'

interface Executed {
  sql: string
  args: unknown[]
}

const executed: Executed[] = []
let recording = false
type Prepare = (this: Database.Database, sql: string) => Database.Statement
const proto = Database.prototype as unknown as { prepare: Prepare }
const originalPrepare = proto.prepare

beforeAll(() => {
  proto.prepare = function (this: Database.Database, sql: string) {
    const statement = originalPrepare.call(this, sql)
    return new Proxy(statement, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown
        if (typeof value !== 'function' || !['all', 'get', 'run', 'iterate'].includes(String(prop)))
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
        return (...args: unknown[]) => {
          if (recording) executed.push({ sql, args })
          return (value as (...a: unknown[]) => unknown).apply(target, args)
        }
      },
    })
  }
})
afterAll(() => {
  proto.prepare = originalPrepare
})

/** Plans allowed to sort or scan, each bounded by something other than the history. */
const ALLOWED: { sql: RegExp; detail: RegExp; why: string }[] = [
  {
    sql: /^SELECT grid_id FROM grid_members WHERE openid = \? UNION SELECT grid_id FROM grid_leaders WHERE openid = \?$/,
    detail: /TEMP B-TREE/,
    why: "the member's own grids",
  },
  { sql: /FROM grid_leaders l/, detail: /TEMP B-TREE FOR ORDER BY/, why: "a grid's leaders, in the order they came" },
  {
    sql: /FROM checkins c .* ORDER BY c\.at DESC, c\.id DESC/,
    detail: /TEMP B-TREE FOR LAST TERM OF ORDER BY/,
    why: 'check-ins of the same instant, put in id order; the seek stops after the page',
  },
  { sql: /json_each/, detail: /^SCAN json_each/, why: 'the ids of one page' },
  { sql: /count\(DISTINCT w\.openid\)/, detail: /count\(DISTINCT\)/, why: "one summon's walk-ins" },
  {
    sql: /pending_review' OR \(i\.status = 'visible' AND i\.decision IS NULL\)\)\s+ORDER/,
    detail: /TEMP B-TREE FOR ORDER BY/,
    why: "a manager's queue of ideas waiting for them",
  },
  { sql: /FROM towns/, detail: /^SCAN t\b/, why: 'the towns (reference data, a dozen rows)' },
]

/** Every plan line of the statements run since the last call. */
const details: string[] = []

function badPlans(h: Harness): string[] {
  const db = (h.store as unknown as { db: Database.Database }).db
  const bad: string[] = []
  details.length = 0
  for (const { sql, args } of executed.splice(0)) {
    if (!/^\s*(SELECT|WITH)/i.test(sql)) continue
    const plan = originalPrepare.call(db, `EXPLAIN QUERY PLAN ${sql}`).all(...(args as [])) as { detail: string }[]
    for (const { detail } of plan) {
      details.push(detail)
      const suspicious = /^SCAN /.test(detail) || /USE TEMP B-TREE/.test(detail)
      if (!suspicious || /^SCAN CONSTANT ROW/.test(detail)) continue
      if (ALLOWED.some((a) => a.sql.test(sql.replace(/\s+/g, ' ').trim()) && a.detail.test(detail))) continue
      bad.push(`${detail}  ←  ${sql.replace(/\s+/g, ' ').slice(0, 240)}`)
    }
  }
  return bad
}

const HOUR = 3_600_000
const iso = (hours: number) => new Date(NOW.getTime() + hours * HOUR).toISOString()
const LEADER = 'o_gp_leader'
const MEMBER = 'o_gp_member'

describe('SQLite reads seek one page (EXPLAIN QUERY PLAN)', () => {
  let h: Harness
  let gridIds: Id[]
  let planId: Id

  beforeAll(async () => {
    h = createHarness({ adminOpenids: ['o_gp_admin'] })
    await seedProfiles(h.store, [LEADER, MEMBER])
    gridIds = []
    for (let g = 0; g < 6; g++) gridIds.push((await seedGrid(h.store, [LEADER], { name: `网格${g}` })).id)
    for (const g of gridIds.slice(0, 3)) await h.store.grids.addMember(g, MEMBER, NOW)
    // A history: summons over 300 days, most of them over, the member signed up to a third.
    for (let i = 0; i < 600; i++) {
      const s = await h.store.summons.create(
        {
          gridId: gridIds[i % 6],
          title: `召集令${i}`,
          body: '',
          place: '地点',
          startAt: iso(-6000 + i * 12),
          endAt: iso(-5998 + i * 12),
          signUpDeadline: null,
          capacity: null,
          tags: [],
          hours: 1,
          planId: null,
          publishedBy: LEADER,
        },
        new Date(NOW.getTime() - 8000 * HOUR),
      )
      if (i % 3 === 0) await h.store.summons.signUp(s.id, MEMBER, new Date(NOW.getTime() - 8000 * HOUR))
    }
    const plan = await h.store.plans.create(
      { gridId: gridIds[0], title: '方案', draft: '草稿', ideasUntil: null, publishedBy: LEADER },
      NOW,
    )
    planId = plan.id
    const authors = Array.from({ length: 30 }, (_, i) => `o_gp_a${i}`)
    await seedProfiles(h.store, authors)
    for (let i = 0; i < 300; i++) {
      const added = await h.store.plans.addIdea(
        { planId, openid: authors[i % 30], content: `建议${i}`, status: i % 50 === 0 ? 'pending_review' : 'visible' },
        new Date(NOW.getTime() - (400 - i) * 60_000),
        { max: 1_000, windowMinutes: 1 },
      )
      if (added.ok && i % 7 === 0) await h.store.plans.like(added.idea.id, MEMBER, true, NOW)
    }
    for (let i = 0; i < 400; i++)
      await h.store.checkins.record(
        {
          openid: MEMBER,
          requestId: `gp-${i}`,
          gridId: gridIds[i % 6],
          summonId: null,
          method: 'poster',
          verifiedBy: ['poster'],
        },
        new Date(NOW.getTime() - (400 - i) * HOUR),
        10,
      )
  }, 120_000)
  afterAll(() => h.close())

  /** Runs a read twice (a first page and the page its cursor leads to) and answers the bad plans. */
  async function plansOf(read: (cursor?: string) => Promise<{ nextCursor?: string }>): Promise<string[]> {
    executed.length = 0
    recording = true
    try {
      const first = await read()
      expect(first.nextCursor).toBeDefined()
      badPlans(h)
      await read(first.nextCursor)
      return badPlans(h)
    } finally {
      recording = false
    }
  }

  it.each([
    ['open', /USING INDEX summons_start \(start_at>\?\)/],
    ['mine', /USING INDEX signups_mine \(openid=\? AND start_at<\?\)/],
    ['grid', /USING COVERING INDEX summons_grid_page \(grid_id=\? AND start_at<\?\)/],
  ] as const)('summons.list %s', async (scope, seek) => {
    expect(
      await plansOf(async (cursor) =>
        okData(await h.callAs(MEMBER)('summons.list', { scope, cursor, limit: scope === 'open' ? 2 : 20 })),
      ),
    ).toEqual([])
    expect(details).toContainEqual(expect.stringMatching(seek))
  })

  it('summons.list of one grid', async () => {
    expect(
      await plansOf(async (cursor) =>
        okData(await h.callAs(MEMBER)('summons.list', { scope: 'grid', gridId: gridIds[4], cursor })),
      ),
    ).toEqual([])
  })

  it.each([
    [MEMBER, 'newest'],
    [MEMBER, 'likes'],
    [LEADER, 'newest'],
    [LEADER, 'likes'],
  ] as const)('plans.get ideas, viewer %s, %s', async (viewer, sort) => {
    expect(
      await plansOf(async (cursor) => {
        const page = okData(await h.callAs(viewer)('plans.get', { planId, sort, cursor }))
        return { nextCursor: page.nextCursor }
      }),
    ).toEqual([])
  })

  it('checkin.mine', async () => {
    expect(await plansOf(async (cursor) => okData(await h.callAs(MEMBER)('checkin.mine', { cursor })))).toEqual([])
    // The page after a cursor starts at the cursor: a range on the time, not a walk from the newest.
    expect(details).toContainEqual(expect.stringMatching(/USING INDEX checkins_member \(openid=\? AND at<\?\)/))
  })

  it('grids.get (the member count is the grid row)', async () => {
    executed.length = 0
    recording = true
    okData(await h.callAs(MEMBER)('grids.get', { gridId: gridIds[0] }))
    recording = false
    expect(badPlans(h)).toEqual([])
    // Members are read only for the viewer's own membership: the count is the grid's column.
    const memberReads = details.filter((d) => /grid_members/.test(d))
    expect(memberReads.filter((d) => !/\(grid_id=\? AND openid=\?\)/.test(d))).toEqual([])
  })

  it('a poster check-in', async () => {
    executed.length = 0
    recording = true
    const scene = (await import('../../cloud/domain/codes')).signPosterScene(gridIds[5], h.config.secret)
    okData(await h.callAs('o_gp_newcomer')('checkin.scan', { code: scene, requestId: 'gp-newcomer-1' }))
    recording = false
    expect(badPlans(h)).toEqual([])
  })

  // Last: it adds grids. The next page of the kept figures (the first recomputes them after the writes).
  it.each([
    ['incompleteFirst', 'all', undefined],
    ['score', 'all', undefined],
    ['activity', 'quiet', undefined],
    ['score', 'incomplete', 'xixi'],
    ['activity', 'all', 'xixi'],
  ] as const)('stats.grids %s, %s, town %s (kept figures, issue 16)', async (sort, filter, townId) => {
    if (gridIds.length < 30)
      for (let g = gridIds.length; g < 30; g++)
        gridIds.push((await seedGrid(h.store, g % 2 ? [LEADER] : [], { name: `网格${g}` })).id)
    expect(
      await plansOf(async (cursor) =>
        okData(await h.callAs('o_gp_admin')('stats.grids', { sort, filter, ...(townId ? { townId } : {}), cursor })),
      ),
    ).toEqual([])
    expect(details).toContainEqual(expect.stringMatching(new RegExp(`USING INDEX stats_grid_rows_${sort}_`)))
  })
})

describe('exports stop at 20,000 rows, newest first, without sorting the history', () => {
  it('answers 20,000 check-ins and 20,000 sign-ups of 22,000 each, read in index order', async () => {
    const h = createHarness({ adminOpenids: ['o_gp_admin'] })
    try {
      const db = (h.store as unknown as { db: Database.Database }).db
      const grid = await seedGrid(h.store, [LEADER])
      const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString()
      db.transaction(() => {
        const summon = db.prepare(`INSERT INTO summons (id, grid_id, title, body, place, start_at, end_at,
          published_by, created_at, updated_at) VALUES (?, ?, ?, '', '地点', ?, ?, ?, ?, ?)`)
        const signup = db.prepare(`INSERT INTO signups (summon_id, openid, status, signed_up_at, start_at)
          VALUES (?, ?, 'confirmed', ?, ?)`)
        const checkin = db.prepare(`INSERT INTO checkins (id, openid, request_id, grid_id, method, verified_json, at)
          VALUES (?, ?, ?, ?, 'poster', '["poster"]', ?)`)
        for (let s = 0; s < 2_200; s++) {
          const start = ago(s * 60)
          summon.run(`ex${s}`, grid.id, `召集令${s}`, start, start, LEADER, start, start)
          for (let m = 0; m < 10; m++) signup.run(`ex${s}`, `o_ex_${m}`, ago(s * 60 + m + 1), start)
        }
        for (let c = 0; c < 22_000; c++) checkin.run(`exc${c}`, `o_ex_${c % 50}`, `rex${c}`, grid.id, ago(c))
      })()
      executed.length = 0
      recording = true
      // Past 256 KB an export is answered as a link to the stored file (issue 16): read what it names.
      const stored = (file: ExportFile) => ({
        csv: file.url
          ? readFileSync(exportFileOf(defaultExportsDir(), file.url.split('/')[2], NOW)!, 'utf8')
          : file.csv,
      })
      const checkins = stored(okData(await h.callAs('o_gp_admin')('stats.export', { kind: 'checkins' })))
      const signups = stored(okData(await h.callAs('o_gp_admin')('stats.export', { kind: 'signups' })))
      recording = false
      const lines = (csv: string) => csv.split('\n').filter((l) => l.trim()).length
      expect(lines(checkins.csv)).toBe(20_001) // the header and 20,000 rows
      expect(lines(signups.csv)).toBe(20_001)
      expect(signups.csv).toContain('召集令0,')
      expect(signups.csv).not.toContain('召集令2100,')
      const plans: string[] = []
      for (const { sql, args } of executed.splice(0)) {
        if (!/ORDER BY/.test(sql)) continue
        const plan = originalPrepare.call(db, `EXPLAIN QUERY PLAN ${sql}`).all(...(args as [])) as { detail: string }[]
        plans.push(...plan.map((p) => p.detail))
      }
      // Walked in index order and stopped at the limit: no sort of every row (a sort within one summon's
      // sign-ups is the RIGHT PART of the order).
      expect(plans.filter((d) => /USE TEMP B-TREE FOR ORDER BY/.test(d))).toEqual([])
      expect(plans).toContainEqual(expect.stringMatching(/USING (COVERING )?INDEX checkins_at/))
      expect(plans).toContainEqual(expect.stringMatching(/USING INDEX summons_start/))
    } finally {
      h.close()
    }
  }, 120_000)
})
