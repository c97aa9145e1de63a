/** Arranging volunteer hours (issue 15) through the real handlers, at chosen moments of the handlers' clock. */
import type { LivePhase } from '../../types'
import type { PageHarness } from './harness'
import { createSummon, LEADER } from './demo-fixtures'

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE

/** A volunteer service summon at 莲花商圈楼宇网格 from `startAt` to `endAt`, crediting at most `hours`. */
export async function serviceSummon(
  h: PageHarness,
  startAt: Date,
  endAt: Date,
  { hours = 2, title = '测试 · 河道清洁志愿服务' } = {},
): Promise<string> {
  return createSummon(h.store, { startAt: startAt.toISOString(), endAt: endAt.toISOString(), hours, title }, 72)
}

/** A member with a profile (so rosters name them). */
export async function member(h: PageHarness, openid: string, name: string): Promise<string> {
  await h.store.users.saveProfile(openid, { name, affiliation: 'none' }, new Date())
  return openid
}

let requests = 0

/** `openid` scans the leader's live code of `phase` at `at` (handlers' clock), as the scanner sends it. */
export async function scanAt(h: PageHarness, summonId: string, openid: string, phase: LivePhase, at: Date) {
  h.setClock(at)
  try {
    const live = await h.callAs(LEADER, 'checkin.liveCode', phase === 'in' ? { summonId } : { summonId, phase })
    return await h.callAs(openid, 'checkin.scan', { code: live.code, requestId: `hours-test-${++requests}-${phase}` })
  } finally {
    h.setClock(null)
  }
}

/** The leader confirms the summon's hours (after its end). */
export const confirmHours = (h: PageHarness, summonId: string) => h.callAs(LEADER, 'hours.confirm', { summonId })
