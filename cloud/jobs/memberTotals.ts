/**
 * The member-total fold (issue 16), run by the timer-triggered `jobs` function on the cloud database (SQLite
 * keeps its count with triggers). `grids.get` answers a grid's folded `memberTotal` plus its joins after
 * `countedAt`, so a read costs the joins since the last fold, not the grid's size. Each run, with T = now −
 * COUNT_MARGIN_MS (every join stamped at or before T is in the database by then):
 *
 * 1. finds the grids with joins in (F, T], F = `job_marks/member_totals.foldedTo` (the T of the last run that
 *    finished; none yet: every join), in one aggregation over that window (index `joined`), plus up to a
 *    page of grids never folded (written by an instance of an earlier version after the first run);
 * 2. gives each such grid its members with `joinedAt <= T` as `memberTotal` and T as `countedAt`: a grid
 *    counted at F adds its joins of the window, with an update that applies only while `countedAt` is
 *    still F (so the fold costs the window's joins, not the grids' sizes); any other grid is counted anew
 *    (one aggregation per 100 grids) with an update that applies only while `countedAt` is older than T;
 * 3. moves every other grid counted at F or later to T (one update, `memberTotal` unchanged: it had no
 *    join in (countedAt, T], or step 1 would have found it), so grids share one `countedAt` and a list's
 *    aggregation has a branch or two (see `memberCounts`); on the first run, every grid without a join up
 *    to T (those written before the fold included) gets `memberTotal` 0, so that run costs 4 operations
 *    plus one per grid with members, whatever the number of grids;
 * 4. moves the mark to T (only forward).
 *
 * Each run also counts AUDIT_GRIDS grids anew in turn, so a total that went wrong would not stay wrong.
 *
 * Every write is an absolute value under a condition, never a bare increment: a run killed anywhere, run twice,
 * or overlapping another run (from another instance, even with an older mark) leaves each grid with a
 * `memberTotal` equal to its members joined by its `countedAt`, and the next run finishes what was left.
 * Memberships are never removed (no one leaves a grid in this product): a removal would have to be
 * subtracted here the same way, by a time mark on the membership.
 */
import { AGG_LIMIT, COUNT_MARGIN_MS, type GridDoc } from '../store/wxcloud/grids'
import { addOnce, getByIds, getDoc, PAGE, retryOnce, type Doc, type WriteResult, type WxDb } from '../store/wxcloud/db'

export const MEMBER_TOTALS_MARK = 'member_totals'
/**
 * Grids each run counts anew whatever their window, in `_id` order round the district: a total that went
 * wrong (a join written with a clock more than COUNT_MARGIN_MS behind, which nothing here expects) is
 * mended within (grids / 5) runs, at a few operations a run.
 */
export const AUDIT_GRIDS = 5
/** Conditional updates sent at once. */
const UPDATES_AT_ONCE = 10

export interface FoldOutcome {
  /** Grids whose total was counted anew (some may already have been, by an overlapping run). */
  counted: number
  /** Grids moved to the new `countedAt` without a change of total. */
  moved: number
  /** The time the totals count up to after this run (the mark). */
  foldedTo: string
}

/** Runs `write` over `items`, UPDATES_AT_ONCE at a time, answering the results in order. */
async function inChunks<T>(items: T[], write: (item: T) => Promise<WriteResult>): Promise<WriteResult[]> {
  const results: WriteResult[] = []
  for (let i = 0; i < items.length; i += UPDATES_AT_ONCE)
    results.push(...(await Promise.all(items.slice(i, i + UPDATES_AT_ONCE).map(write))))
  return results
}

export async function foldMemberTotals(
  db: WxDb,
  now: Date,
  { audit: auditSize = AUDIT_GRIDS } = {},
): Promise<FoldOutcome> {
  const _ = db.command
  const to = new Date(now.getTime() - COUNT_MARGIN_MS).toISOString()
  const mark = await getDoc<Doc & { foldedTo?: string; auditAfter?: string }>(db, 'job_marks', MEMBER_TOTALS_MARK)
  const from = typeof mark?.foldedTo === 'string' ? mark.foldedTo : null
  if (from !== null && from >= to) return { counted: 0, moved: 0, foldedTo: from }

  // 1. The grids with joins in the window, and (after the first run, which moves them all in step 3) grids
  // never folded (written by an instance of an earlier version) and the next few grids to audit.
  const auditAfter = typeof mark?.auditAfter === 'string' ? mark.auditAfter : ''
  const [window, unfolded, audit] = await Promise.all([
    retryOnce(() =>
      db
        .collection('grid_members')
        .aggregate()
        .match({ joinedAt: from === null ? _.lte(to) : _.and([_.gt(from), _.lte(to)]) })
        .group({ _id: '$gridId', n: _.aggregate.sum(1) })
        .limit(AGG_LIMIT)
        .end(),
    ),
    from === null
      ? { data: [] }
      : retryOnce(() =>
          db
            .collection('grids')
            .where({ countedAt: _.exists(false) })
            .limit(PAGE)
            .get(),
        ),
    from === null || auditSize <= 0
      ? { data: [] }
      : retryOnce(() =>
          db
            .collection('grids')
            .where({ _id: _.gt(auditAfter) })
            .orderBy('_id', 'asc')
            .field({ _id: true })
            .limit(auditSize)
            .get(),
        ),
  ])
  // With as many groups as an aggregation answers, some grids may be missing: count these, move none.
  const complete = window.list.length < AGG_LIMIT
  const counts = new Map(window.list.map((r) => [r._id as string, r.n as number]))
  const audited = new Set(audit.data.map((g) => g._id))
  for (const g of [...unfolded.data, ...audit.data]) if (!counts.has(g._id)) counts.set(g._id, 0)

  // 2. New totals up to T. A grid counted at F (the usual case) adds its window's joins to its total,
  // which is its members up to F: an update that applies only while `countedAt` is still F. Every other
  // grid, and one whose update did not apply (an overlapping run moved it), is counted anew up to T (the
  // first run's window is that count already).
  const grids = () => db.collection('grids')
  let counted = 0
  let recount = [...counts.keys()]
  const records = new Map<string, GridDoc>()
  if (from !== null && recount.length) {
    for (const g of (await getByIds(db, 'grids', recount)) as GridDoc[]) records.set(g._id, g)
    const chained = [...records.values()].filter(
      (g) => g.countedAt === from && typeof g.memberTotal === 'number' && !audited.has(g._id),
    )
    const added = await inChunks(chained, (g) =>
      retryOnce(() =>
        grids()
          .where({ _id: g._id, countedAt: from })
          .update({ data: { memberTotal: g.memberTotal! + counts.get(g._id)!, countedAt: to } }),
      ),
    )
    const done = new Set(chained.filter((_g, i) => added[i].stats.updated === 1).map((g) => g._id))
    counted += done.size
    recount = recount.filter((id) => !done.has(id))
    for (let i = 0; i < recount.length; i += PAGE) {
      const batch = recount.slice(i, i + PAGE)
      const { list } = await retryOnce(() =>
        db
          .collection('grid_members')
          .aggregate()
          .match({ gridId: _.in(batch), joinedAt: _.lte(to) })
          .group({ _id: '$gridId', n: _.aggregate.sum(1) })
          .limit(AGG_LIMIT)
          .end(),
      )
      const found = new Map(list.map((r) => [r._id as string, r.n as number]))
      for (const id of batch) counts.set(id, found.get(id) ?? 0)
    }
  }
  // An audited grid without joins in the window whose total is right is left to step 3 (no write).
  const inWindow = new Set(window.list.map((r) => r._id as string))
  const unchanged = (id: string) => {
    const g = records.get(id)
    return (
      audited.has(id) && !inWindow.has(id) && g?.memberTotal === counts.get(id) && (g?.countedAt ?? '') >= (from ?? '')
    )
  }
  const set = await inChunks(
    recount.filter((id) => !unchanged(id)),
    (gridId) =>
      retryOnce(() =>
        grids()
          .where({ _id: gridId, countedAt: _.or([_.exists(false), _.lt(to)]) })
          .update({ data: { memberTotal: counts.get(gridId)!, countedAt: to } }),
      ),
  )
  counted += set.reduce((sum, r) => sum + (r.stats.updated ?? 0), 0)
  if (!complete) return { counted, moved: 0, foldedTo: from ?? '' }

  // 3. The other grids: no join in the window, so their totals hold up to T. The grids of step 2 are not
  // among them: each is counted at T now (or later, by a newer run; `countedAt` only moves forward).
  const { stats } = await retryOnce(() =>
    db
      .collection('grids')
      .where({ countedAt: from === null ? _.or([_.exists(false), _.lt(to)]) : _.and([_.gte(from), _.lt(to)]) })
      .update({ data: from === null ? { memberTotal: 0, countedAt: to } : { countedAt: to } }),
  )

  // 4. The mark, forward only, with where the audit goes on (from the first grid after the last one).
  if (mark) {
    const last = audit.data[audit.data.length - 1]
    const next = auditSize <= 0 ? auditAfter : last && audit.data.length === auditSize ? last._id : ''
    await retryOnce(() =>
      db
        .collection('job_marks')
        .where({ _id: MEMBER_TOTALS_MARK, foldedTo: _.or([_.exists(false), _.lt(to)]) })
        .update({ data: { foldedTo: to, auditAfter: next } }),
    )
  } else if (!(await addOnce(db, 'job_marks', { _id: MEMBER_TOTALS_MARK, foldedTo: to }))) {
    await retryOnce(() =>
      db
        .collection('job_marks')
        .where({ _id: MEMBER_TOTALS_MARK, foldedTo: _.lt(to) })
        .update({ data: { foldedTo: to } }),
    )
  }
  return { counted, moved: stats.updated ?? 0, foldedTo: to }
}
