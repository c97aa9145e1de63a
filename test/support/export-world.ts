/**
 * A district with more history than an export carries, written straight into the cloud database's
 * stand-in (the records the adapter writes, without the handlers: 20,000 scans through `dispatch` would
 * take minutes): members, grids, summons with their places, check-ins and sign-ups. Shared by the export
 * budgets (test/cloud/budgets.test.ts) and the export suite (test/cloud/exports.test.ts).
 */
import type { Ctx } from '../../cloud/core/context'
import { dispatch } from '../../cloud/core/dispatch'
import { FUNCTIONS } from '../../cloud/functions'
import type { Platform } from '../../cloud/platform/port'
import { createWxCloudStore } from '../../cloud/store/wxcloud'
import { memberKey } from '../../cloud/store/wxcloud/summons'
import type { Envelope, ExportFile, ExportKind } from '../../types'
import { createWxDbStandIn, type StandIn, type StandInDb } from './wxdb-standin'

export const EXPORT_ADMIN = 'o_export_admin'
export const EXPORT_NOW = new Date('2026-06-01T02:00:00.000Z')

export interface ExportWorldSize {
  members: number
  grids: number
  summons: number
  checkins: number
  /** Sign-ups per summon (each a place in the summon's `seats`). */
  perSummon: number
}

const iso = (ms: number) => new Date(ms).toISOString()

export async function exportWorld(size: ExportWorldSize): Promise<StandIn> {
  const standIn = createWxDbStandIn({ seed: 11 })
  const db = standIn.db
  const add = (collection: string, data: Record<string, unknown>) => db.collection(collection).add({ data })
  const openid = (i: number) => `o_export_m${i}`
  const t0 = EXPORT_NOW.getTime()
  await add('admins', { _id: EXPORT_ADMIN })
  for (let i = 0; i < size.members; i++)
    await add('users', { _id: openid(i), name: `成员${i}`, org: i % 3 ? '西湖区团委' : null })
  for (let g = 0; g < size.grids; g++)
    await add('grids', {
      _id: `g_export_${g}`,
      name: `导出网格${g}`,
      townId: g % 2 ? 'beishan' : 'xixi',
      leaders: [],
      lastActivityAt: null,
    })
  for (let s = 0; s < size.summons; s++) {
    const startAt = iso(t0 - s * 86_400_000)
    const seats: Record<string, unknown> = {}
    for (let k = 0; k < size.perSummon; k++) {
      const who = openid((s * size.perSummon + k) % size.members)
      seats[memberKey(who)] = { openid: who, at: iso(t0 - s * 86_400_000 - 3_600_000 + k) }
    }
    await add('summons', {
      _id: `s_export_${s}`,
      title: `导出召集令${s}`,
      gridId: `g_export_${s % size.grids}`,
      startAt,
      endAt: iso(t0 - s * 86_400_000 + 7_200_000),
      withdrawnAt: null,
      seats,
      waiting: {},
      left: {},
    })
    for (const [k, seat] of Object.entries(seats)) {
      const who = (seat as { openid: string }).openid
      await add('signups', {
        _id: `s_export_${s}_${k}`,
        summonId: `s_export_${s}`,
        openid: who,
        status: 'confirmed',
        startAt,
        updatedAt: iso(t0),
      })
    }
  }
  for (let c = 0; c < size.checkins; c++) {
    const live = c % 4 === 0
    await add('checkins', {
      _id: `c_export_${String(c).padStart(6, '0')}`,
      openid: openid(c % size.members),
      gridId: live ? null : `g_export_${c % size.grids}`,
      summonId: live ? `s_export_${c % size.summons}` : null,
      // Half the live scans are older records, written before they carried their summon's title.
      ...(live && c % 8 === 0 ? { summonTitle: `导出召集令${c % size.summons}` } : {}),
      method: live ? 'live' : 'poster',
      verifiedBy: live ? ['live'] : ['poster'],
      at: iso(t0 - c * 60_000),
    })
  }
  return standIn
}

/** `stats.export` by the admin on one instance (`db`) of the world, with its own store and the platform. */
export function exportOn(db: StandInDb, platform: Platform) {
  const store = createWxCloudStore(db)
  return (kind: ExportKind): Promise<Envelope<ExportFile>> => {
    const ctx: Ctx = {
      openid: EXPORT_ADMIN,
      store,
      platform,
      config: { secret: 'export-secret-0123456789', adminOpenids: [], liveCodeSeconds: 30 },
      now: () => EXPORT_NOW,
    }
    return dispatch(FUNCTIONS.stats, { action: 'export', data: { kind } }, ctx) as Promise<Envelope<ExportFile>>
  }
}
