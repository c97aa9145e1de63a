/**
 * Issue 16: every list reads one page through an index that starts where the page starts. These are the
 * behaviour checks (both adapters): paging each list to its end gives exactly the whole list in its order,
 * whatever the cursor's depth, ties on the sort time included. What each page costs is held elsewhere
 * (test/cloud/growth-plans.test.ts on SQLite's query plans; the operation budgets on the cloud).
 */
import type { Id } from '../../types'
import type { IdeaRecord, SummonRecord } from '../../cloud/store/port'
import { createHarness, NOW, okData, seedGrid, seedProfiles, type Harness } from './helpers'

const HOUR = 3_600_000
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR).toISOString()
const LEADER = 'o_gr_leader'
const MEMBER = 'o_gr_member'
const OTHER = 'o_gr_other'

let h: Harness
beforeEach(async () => {
  h = createHarness({ adminOpenids: ['o_gr_admin'] })
  await seedProfiles(h.store, [LEADER, MEMBER, OTHER])
})
afterEach(() => h.close())

async function summon(gridId: Id | null, startHours: number, endHours: number, title = `s${startHours}`) {
  return h.store.summons.create(
    {
      gridId,
      title,
      body: '',
      place: '地点',
      startAt: at(startHours),
      endAt: at(endHours),
      signUpDeadline: null,
      capacity: null,
      tags: [],
      hours: 1,
      planId: null,
      publishedBy: LEADER,
    },
    new Date(NOW.getTime() - 2000 * HOUR),
  )
}

/** Pages a list to its end; answers every item in order and checks no page is longer than asked. */
async function pageAll<T>(read: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string }>, limit: number) {
  const seen: T[] = []
  let cursor: string | undefined
  for (let n = 0; n < 200; n++) {
    const page = await read(cursor)
    expect(page.items.length).toBeLessThanOrEqual(limit)
    seen.push(...page.items)
    cursor = page.nextCursor
    if (!cursor) return seen
  }
  throw new Error('the list did not end')
}

const byStart = (order: 1 | -1) => (a: SummonRecord, b: SummonRecord) =>
  a.startAt === b.startAt ? (a.id < b.id ? -order : order) : a.startAt < b.startAt ? -order : order

describe('summons.list pages each scope from where the page starts', () => {
  it('open: soonest first, a long summon that started weeks ago included, ended and withdrawn ones left out', async () => {
    const grid = await seedGrid(h.store, [LEADER])
    const all: SummonRecord[] = []
    for (let i = 0; i < 12; i++) all.push(await summon(grid.id, -200 + i * 10, -199 + i * 10)) // ended
    all.push(await summon(grid.id, -24 * 30, 24 * 30, 'long')) // started a month ago, runs another month
    for (let i = 0; i < 8; i++) all.push(await summon(i % 2 ? grid.id : null, 5 + (i % 3), 9 + i))
    all.push(await summon(grid.id, -1, 1, 'running'))
    const gone = await summon(grid.id, 20, 21, 'withdrawn')
    await h.store.summons.withdraw(gone.id, '天气', NOW)
    const expected = all.filter((s) => s.endAt > NOW.toISOString()).sort(byStart(1))
    const listed = await pageAll(
      async (cursor) => okData(await h.callAs(MEMBER)('summons.list', { scope: 'open', limit: 3, cursor })),
      3,
    )
    expect(listed.map((s) => s.id)).toEqual(expected.map((s) => s.id))
    expect(listed[0].title).toBe('long')
    const ofGrid = await pageAll(
      async (cursor) =>
        okData(await h.callAs(MEMBER)('summons.list', { scope: 'open', gridId: grid.id, limit: 2, cursor })),
      2,
    )
    expect(ofGrid.map((s) => s.id)).toEqual(expected.filter((s) => s.gridId === grid.id).map((s) => s.id))
  })

  it("mine: the member's sign-ups newest first, cancelled ones left out, ties on the start kept apart", async () => {
    const a = await seedGrid(h.store, [LEADER])
    const b = await seedGrid(h.store, [], { name: '第二网格' })
    const mine: SummonRecord[] = []
    for (let i = 0; i < 11; i++) {
      const s = await summon(i % 2 ? a.id : b.id, 10 + Math.floor(i / 2), 30)
      if (i !== 4) await h.store.summons.signUp(s.id, MEMBER, NOW)
      await h.store.summons.signUp(s.id, OTHER, NOW)
      if (i !== 4 && i !== 7) mine.push(s)
      if (i === 7) await h.store.summons.cancel(s.id, MEMBER, NOW)
    }
    const expected = mine.sort(byStart(-1))
    const listed = await pageAll(
      async (cursor) => okData(await h.callAs(MEMBER)('summons.list', { scope: 'mine', limit: 2, cursor })),
      2,
    )
    expect(listed.map((s) => s.id)).toEqual(expected.map((s) => s.id))
    expect(listed.every((s) => s.mine === 'confirmed')).toBe(true)
  })

  it("grid: the summons of the member's grids (member or leader) newest first, merged across grids", async () => {
    const grids = [
      await seedGrid(h.store, [], { name: '甲' }),
      await seedGrid(h.store, [], { name: '乙' }),
      await seedGrid(h.store, [MEMBER], { name: '丙' }),
      await seedGrid(h.store, [], { name: '丁' }),
    ]
    await h.store.grids.addMember(grids[0].id, MEMBER, NOW)
    await h.store.grids.addMember(grids[1].id, MEMBER, NOW)
    const all: SummonRecord[] = []
    for (let i = 0; i < 17; i++) all.push(await summon(grids[i % 4].id, -50 + ((i * 7) % 13) * 5, 100))
    const expected = all.filter((s) => s.gridId !== grids[3].id).sort(byStart(-1))
    const listed = await pageAll(
      async (cursor) => okData(await h.callAs(MEMBER)('summons.list', { scope: 'grid', limit: 4, cursor })),
      4,
    )
    expect(listed.map((s) => s.id)).toEqual(expected.map((s) => s.id))
  })
})

describe('plans.get pages ideas in both orders', () => {
  const waiting = (i: IdeaRecord) => i.status === 'pending_review' || (i.status === 'visible' && i.decision === null)

  it('newest and most liked, for a member and for a manager, to the end without repeats', async () => {
    const grid = await seedGrid(h.store, [LEADER])
    const plan = await h.store.plans.create(
      { gridId: grid.id, title: '方案', draft: '草稿', ideasUntil: null, publishedBy: LEADER },
      NOW,
    )
    const authors = Array.from({ length: 8 }, (_, i) => `o_gr_author${i}`)
    await seedProfiles(h.store, authors)
    const free = { max: 1_000, windowMinutes: 1 }
    for (let i = 0; i < 26; i++) {
      const status = i % 7 === 3 ? 'pending_review' : 'visible'
      // Pairs written in the same second: ties on the time are ordered by id.
      const when = new Date(NOW.getTime() - (30 - Math.floor(i / 2)) * 60_000)
      const added = await h.store.plans.addIdea(
        { planId: plan.id, openid: authors[i % 8], content: `建议${i}`, status },
        when,
        free,
      )
      if (!added.ok) throw new Error(added.reason)
      for (let l = 0; l < i % 4; l++) await h.store.plans.like(added.idea.id, authors[l], true, when)
      if (i % 5 === 0 && status === 'visible') await h.store.plans.decide(added.idea.id, 'adopted', '好', when)
    }
    const every = await h.store.plans.ideas(plan.id, LEADER)
    for (const [viewer, manager] of [
      [MEMBER, false],
      [LEADER, true],
    ] as const) {
      for (const sort of ['newest', 'likes'] as const) {
        const visible = every.filter((i) =>
          manager ? i.status === 'visible' || i.status === 'pending_review' : i.status === 'visible',
        )
        const key = (i: IdeaRecord) => [manager && waiting(i) ? 1 : 0, sort === 'likes' ? i.likes : 0]
        const expected = [...visible].sort((x, y) => {
          const [a, b] = [key(x), key(y)]
          if (a[0] !== b[0]) return b[0] - a[0]
          if (a[1] !== b[1]) return b[1] - a[1]
          if (x.createdAt !== y.createdAt) return x.createdAt < y.createdAt ? 1 : -1
          return x.id < y.id ? 1 : -1
        })
        const listed = await pageAll(async (cursor) => {
          const page = okData(await h.callAs(viewer)('plans.get', { planId: plan.id, sort, cursor }))
          return { items: page.ideas, nextCursor: page.nextCursor }
        }, 20)
        expect({ viewer, sort, ids: listed.map((i) => i.id) }).toEqual({ viewer, sort, ids: expected.map((i) => i.id) })
      }
    }
  })
})

describe('checkin.mine seeks the cursor', () => {
  it('pages a long history newest first, ties on the time ordered by id', async () => {
    const grids = [await seedGrid(h.store, [], { name: '一' }), await seedGrid(h.store, [], { name: '二' })]
    for (let i = 0; i < 23; i++) {
      const when = new Date(NOW.getTime() - (40 - Math.floor(i / 2)) * HOUR)
      await h.store.checkins.record(
        {
          openid: MEMBER,
          requestId: `req-growth-${i}`,
          gridId: grids[i % 2].id,
          summonId: null,
          method: 'poster',
          verifiedBy: ['poster'],
        },
        when,
        10,
      )
    }
    const every = await pageAll((cursor) => h.store.checkins.mine(MEMBER, cursor, 50), 50)
    expect(every).toHaveLength(23)
    const expected = [...every].sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1))
    expect(every.map((c) => c.id)).toEqual(expected.map((c) => c.id))
    const paged = await pageAll((cursor) => h.store.checkins.mine(MEMBER, cursor, 4), 4)
    expect(paged.map((c) => c.id)).toEqual(expected.map((c) => c.id))
    const handler = await pageAll(async (cursor) => okData(await h.callAs(MEMBER)('checkin.mine', { cursor })), 20)
    expect(handler.map((c) => c.id)).toEqual(expected.map((c) => c.id))
  })
})

describe('grids keep their member count', () => {
  it('counts first reports and joins once each', async () => {
    const grid = await seedGrid(h.store, [LEADER])
    for (let i = 0; i < 5; i++) {
      for (const requestId of [`first-${i}`, `again-${i}`])
        await h.store.checkins.record(
          {
            openid: `o_gr_p${i}`,
            requestId,
            gridId: grid.id,
            summonId: null,
            method: 'poster',
            verifiedBy: ['poster'],
          },
          new Date(NOW.getTime() - (requestId.startsWith('first') ? 2 : 1) * HOUR),
          10,
        )
    }
    expect(await h.store.grids.addMember(grid.id, MEMBER, NOW)).toBe(true)
    expect(await h.store.grids.addMember(grid.id, MEMBER, NOW)).toBe(false)
    expect(okData(await h.callAs(MEMBER)('grids.get', { gridId: grid.id })).memberCount).toBe(6)
    const listed = okData(await h.callAs(MEMBER)('grids.list', {}))
    expect(listed.find((g) => g.id === grid.id)?.memberCount).toBe(6)
  })
})
