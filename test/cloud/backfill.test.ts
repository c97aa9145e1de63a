/**
 * The one-off backfill of `spanMs` (summons) and `startAt` (sign-ups) for cloud records written before
 * those fields existed (cloud/jobs/backfill.ts), on the stand-in: paged, resumable after a kill anywhere,
 * idempotent, and without unindexed queries. (SQLite's migrations filled its columns: nothing to do there.)
 */
import { backfillMissingFields } from '../../cloud/jobs/backfill'
import { settleWithin } from '../support/fleet'
import { createWxDbStandIn, type StandIn } from '../support/wxdb-standin'

const SUMMONS = 230
const PER_SUMMON = 3
const START = Date.parse('2025-03-01T01:00:00.000Z')

async function oldWorld(): Promise<StandIn> {
  const standIn = createWxDbStandIn({ seed: 5 })
  const add = (c: string, data: Record<string, unknown>) => standIn.db.collection(c).add({ data })
  for (let s = 0; s < SUMMONS; s++) {
    const startAt = new Date(START + s * 86_400_000).toISOString()
    const endAt = new Date(START + s * 86_400_000 + ((s % 5) + 1) * 3_600_000).toISOString()
    // Every third summon was written after `spanMs` existed.
    await add('summons', {
      _id: `s${String(s).padStart(4, '0')}`,
      startAt,
      endAt,
      withdrawnAt: null,
      ...(s % 3 ? {} : { spanMs: Date.parse(endAt) - Date.parse(startAt) }),
    })
    for (let k = 0; k < PER_SUMMON; k++)
      await add('signups', {
        _id: `s${String(s).padStart(4, '0')}_o_m${k}`,
        summonId: `s${String(s).padStart(4, '0')}`,
        openid: `o_m${k}`,
        status: 'confirmed',
        ...(s % 3 ? {} : { startAt }),
      })
  }
  return standIn
}

function expectComplete(standIn: StandIn) {
  const summons = new Map(standIn.dump('summons').map((s) => [s._id, s]))
  for (const s of summons.values())
    expect(s.spanMs).toBe(Date.parse(s.endAt as string) - Date.parse(s.startAt as string))
  for (const x of standIn.dump('signups')) expect(x.startAt).toBe(summons.get(x.summonId as string)!.startAt)
}

describe('backfill of spanMs and startAt', () => {
  it('fills every record missing a field, and a second run changes nothing', async () => {
    const standIn = await oldWorld()
    const missing = {
      spans: SUMMONS - Math.ceil(SUMMONS / 3),
      signups: (SUMMONS - Math.ceil(SUMMONS / 3)) * PER_SUMMON,
    }
    expect(await backfillMissingFields(standIn.db)).toEqual({ ...missing, more: false })
    expectComplete(standIn)
    standIn.resetOps()
    expect(await backfillMissingFields(standIn.db)).toEqual({ spans: 0, signups: 0, more: false })
    // Nothing left: one empty page of each collection.
    expect(standIn.ops).toBe(2)
    expect(standIn.warnings).toEqual([])
  })

  it('stops after its pages and says there is more; the next run goes on', async () => {
    const standIn = await oldWorld()
    const first = await backfillMissingFields(standIn.db, 1)
    expect(first).toMatchObject({ spans: 100, more: true })
    const second = await backfillMissingFields(standIn.db, 1)
    expect(second.spans).toBe(SUMMONS - Math.ceil(SUMMONS / 3) - 100)
    while ((await backfillMissingFields(standIn.db, 1)).more);
    expectComplete(standIn)
  })

  it('a run killed at any operation leaves records the next run completes', async () => {
    const standIn = await oldWorld()
    // Kill points across both collections (each run starts again where the records say).
    for (const killAt of [1, 2, 50, 120, 154, 156, 170]) {
      // Killed (hung) or, once little is left, finished before its kill point: either way no half state.
      await settleWithin(backfillMissingFields(standIn.instance({ killAt })), 50)
    }
    await backfillMissingFields(standIn.instance({ failAt: [1, 3, 40] }))
    expectComplete(standIn)
  })
})
