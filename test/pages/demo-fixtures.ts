import type { NewSummon } from '../../cloud/store/port'
import type { TestStore } from './harness'
import { publishSummonAt } from './summon-fixtures'

/*
 * The DEMO seed's people and a summon at its grid, for the page tests that still read the demo
 * (cloud/server/seed.ts). New tests build their own world with summon-fixtures.ts and
 * test/support/factories.ts instead.
 */

export const MEMBER = 'o_demo_member'
export const LEADER = 'o_demo_leader'
export const ADMIN = 'o_demo_admin'

/** Publishes a summon at 莲花商圈楼宇网格 (led by the demo leader): see `publishSummonAt`. */
export const createSummon = (store: TestStore, overrides: Partial<NewSummon> = {}, publishedHoursAgo = 48) =>
  publishSummonAt(store, '莲花商圈楼宇网格', LEADER, overrides, publishedHoursAgo)
