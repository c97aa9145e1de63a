import type { NewSummon } from '../../cloud/store/port'
import type { TestStore } from './harness'

/*
 * The DEMO seed's people, grids and summons, for page tests that still read the demo (cloud/server/seed.ts).
 * New tests build their own world with summon-fixtures.ts and test/support/factories.ts instead.
 */

const HOUR = 60 * 60 * 1000
export const DAY = 24 * HOUR

export const MEMBER = 'o_demo_member'
export const LEADER = 'o_demo_leader'
export const ADMIN = 'o_demo_admin'

const inHours = (hours: number, from = new Date()) => new Date(from.getTime() + hours * HOUR).toISOString()

/** The id of the demo grid with this name. */
export async function gridIdOf(store: TestStore, name: string): Promise<string> {
  const grid = (await store.grids.list({ q: name }))[0]
  if (!grid) throw new Error(`no grid ${name}`)
  return grid.id
}

/** The id of the seeded summon with this title (any state). */
export async function summonIdOf(store: TestStore, title: string): Promise<string> {
  for (const scope of ['open', 'grid', 'mine'] as const) {
    for (const openid of [MEMBER, LEADER]) {
      const page = await store.summons.list({ scope, openid, limit: 50, now: new Date() })
      const hit = page.items.find((s) => s.title === title)
      if (hit) return hit.id
    }
  }
  throw new Error(`no summon ${title}`)
}

/**
 * Publishes a summon at 莲花商圈楼宇网格 (led by the demo leader) straight into the store, published
 * `publishedHoursAgo` before now; starts in two days unless told otherwise.
 */
export async function createSummon(
  store: TestStore,
  overrides: Partial<NewSummon> = {},
  publishedHoursAgo = 48,
): Promise<string> {
  const published = new Date(Date.now() - publishedHoursAgo * HOUR)
  const summon = await store.summons.create(
    {
      gridId: await gridIdOf(store, '莲花商圈楼宇网格'),
      title: '测试召集令 · 周末环湖净跑',
      body: '沿湖捡拾垃圾，一边跑一边做公益。',
      place: '西湖区北山街集合',
      startAt: inHours(48),
      endAt: inHours(50),
      signUpDeadline: null,
      capacity: null,
      tags: ['志愿服务'],
      hours: 2,
      planId: null,
      publishedBy: LEADER,
      ...overrides,
    },
    published,
  )
  return summon.id
}

export { inHours }
