import type { OverviewSnapshot } from '../port'
import { getDoc, retryOnce, type Doc, type WxDb } from './db'

const SNAPSHOTS = 'stats_snapshots'

type SnapshotDoc = Doc & Omit<OverviewSnapshot, 'scope'>

/** The stored overview of `scope` ('district' or a town id), or null; errors propagate. 1 operation. */
export async function readSnapshot(db: WxDb, scope: string): Promise<OverviewSnapshot | null> {
  const doc = await getDoc<SnapshotDoc>(db, SNAPSHOTS, scope)
  if (!doc) return null
  const snapshot = { scope, takenAt: doc.takenAt, activity: doc.activity, members: doc.members, weeks: doc.weeks }
  return doc.gridHours ? { ...snapshot, gridHours: doc.gridHours } : snapshot
}

/** Stores each snapshot as the whole record `_id = scope` (`set` replaces), one operation each. */
export async function saveSnapshots(db: WxDb, snapshots: OverviewSnapshot[]): Promise<void> {
  await Promise.all(
    snapshots.map(({ scope, ...data }) => retryOnce(() => db.collection(SNAPSHOTS).doc(scope).set({ data }))),
  )
}

/** Forgets every snapshot (a grid was created, renamed or moved), so the next overview recomputes. 1 operation. */
export async function dropSnapshots(db: WxDb): Promise<void> {
  await retryOnce(() =>
    db
      .collection(SNAPSHOTS)
      .where({ takenAt: db.command.exists(true) })
      .remove(),
  )
}
