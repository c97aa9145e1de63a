/**
 * The cast of the summon page tests, built with the factories (test/support/factories.ts) rather than read
 * from the demo: a member, a leader and a district admin with fixed openids and names of their own, and one
 * grid (SUMMON_GRID) led by the leader with the member in it. Pass `summonWorld` as the harness fixture;
 * `createSummon` then publishes at that grid.
 */
import type { NewSummon } from '../../cloud/store/port'
import { aGrid, aMember, anAdmin } from '../support/factories'
import type { TestStore } from './harness'

const HOUR = 60 * 60 * 1000
export const DAY = 24 * HOUR

export const MEMBER = 'o_test_member'
export const LEADER = 'o_test_leader'
export const ADMIN = 'o_test_admin'
/** The names the pages show for the cast. */
export const MEMBER_NAME = '方晓青'
export const LEADER_NAME = '江网格长'
export const ADMIN_NAME = '测试区团委'
/** The grid the leader leads and the member belongs to. */
export const SUMMON_GRID = '测试楼宇网格'
export const SUMMON_GRID_ADDRESS = '测试大厦 1 楼青年之家'

const inHours = (hours: number, from = new Date()) => new Date(from.getTime() + hours * HOUR).toISOString()

const BEIJING_OFFSET = 8 * HOUR
/** Beijing wall-clock time `hour:minute`, `days` calendar days after today's Beijing date, as an ISO string. */
export function beijingAt(days: number, hour: number, minute = 0, now = new Date()): string {
  const local = new Date(now.getTime() + BEIJING_OFFSET)
  const utc = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days, hour, minute)
  return new Date(utc - BEIJING_OFFSET).toISOString()
}

/** Harness fixture: the cast and SUMMON_GRID (nothing else: no summons, no plans). */
export async function summonWorld(store: TestStore): Promise<void> {
  await aMember(store, { name: MEMBER_NAME }, MEMBER)
  await aMember(store, { name: LEADER_NAME }, LEADER)
  await anAdmin(store, ADMIN_NAME, ADMIN)
  await aGrid(store, {
    name: SUMMON_GRID,
    kind: 'building',
    base: { address: SUMMON_GRID_ADDRESS },
    leaders: [LEADER],
    members: [MEMBER],
  })
}

/** The id of the grid with this name. */
export async function gridIdOf(store: TestStore, name: string): Promise<string> {
  const grid = (await store.grids.list({ q: name }))[0]
  if (!grid) throw new Error(`no grid ${name}`)
  return grid.id
}

/**
 * Publishes a summon at the grid named `gridName` by `publishedBy` straight into the store, published
 * `publishedHoursAgo` before now; starts in two days unless told otherwise.
 */
export async function publishSummonAt(
  store: TestStore,
  gridName: string,
  publishedBy: string,
  overrides: Partial<NewSummon> = {},
  publishedHoursAgo = 48,
): Promise<string> {
  const published = new Date(Date.now() - publishedHoursAgo * HOUR)
  const summon = await store.summons.create(
    {
      gridId: await gridIdOf(store, gridName),
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
      publishedBy,
      ...overrides,
    },
    published,
  )
  return summon.id
}

/** Publishes a summon at SUMMON_GRID (led by LEADER): see `publishSummonAt`. */
export const createSummon = (store: TestStore, overrides: Partial<NewSummon> = {}, publishedHoursAgo = 48) =>
  publishSummonAt(store, SUMMON_GRID, LEADER, overrides, publishedHoursAgo)

export { inHours }
