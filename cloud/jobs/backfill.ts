/**
 * A one-off repair of cloud records written before two fields existed (issue 16), run by the `jobs`
 * function when asked (`{ job: "backfill" }`, README «Deploying to WeChat Cloud»):
 * - a summon's `spanMs` (endAt − startAt): the open list reaches back by the longest span, which it reads
 *   from the `span` index, so a summon without it is missed by that bound;
 * - a sign-up's `startAt` (its summon's): 我的报名 and the sign-up export order by it.
 * SQLite needs none: its migrations gave the columns their values.
 *
 * Paged and resumable by construction: each page is "the next 100 records still missing the field, after
 * the last one seen", and each write is conditional on the field still missing, so a run killed anywhere
 * leaves only records that a later run finds again, and running it twice changes nothing. It stops after
 * `pages` pages (a function's time limit) and answers whether anything may be left.
 */
import { PAGE, retryOnce, type Doc, type WxDb } from '../store/wxcloud/db'

export interface BackfillOutcome {
  spans: number
  signups: number
  /** True when a page ran out before the records did: run it again. */
  more: boolean
}

/** Pages of 100 a run reads at most (each page of summons costs up to 100 writes). */
export const BACKFILL_PAGES = 10

export async function backfillMissingFields(db: WxDb, pages = BACKFILL_PAGES): Promise<BackfillOutcome> {
  const _ = db.command
  const outcome: BackfillOutcome = { spans: 0, signups: 0, more: false }

  /** Walks the records of `collection` missing `field` in `_id` order (the `_id` index), a page at a time. */
  async function walk(collection: string, field: string, fix: (page: Doc[]) => Promise<number>) {
    let after = ''
    for (let n = 0; n < pages; n++) {
      const { data } = await retryOnce(() =>
        db
          .collection(collection)
          .where({ _id: _.gt(after), [field]: _.exists(false) })
          .orderBy('_id', 'asc')
          .limit(PAGE)
          .get(),
      )
      if (data.length) after = data[data.length - 1]._id
      const fixed = await fix(data)
      if (collection === 'summons') outcome.spans += fixed
      else outcome.signups += fixed
      if (data.length < PAGE) return
    }
    outcome.more = true
  }

  await walk('summons', 'spanMs', async (page) => {
    let fixed = 0
    for (const s of page) {
      const span = Date.parse(s.endAt as string) - Date.parse(s.startAt as string)
      if (!Number.isFinite(span)) continue
      const { stats } = await retryOnce(() =>
        db
          .collection('summons')
          .where({ _id: s._id, spanMs: _.exists(false) })
          .update({ data: { spanMs: span } }),
      )
      fixed += stats.updated ?? 0
    }
    return fixed
  })

  await walk('signups', 'startAt', async (page) => {
    const summonIds = [...new Set(page.map((d) => d.summonId as string))]
    if (!summonIds.length) return 0
    const { data: summons } = await retryOnce(() =>
      db
        .collection('summons')
        .where({ _id: _.in(summonIds) })
        .field({ startAt: true })
        .limit(PAGE)
        .get(),
    )
    let fixed = 0
    // One write per summon: every sign-up of it still without `startAt` (the `summon` index).
    for (const s of summons) {
      const { stats } = await retryOnce(() =>
        db
          .collection('signups')
          .where({ summonId: s._id, startAt: _.exists(false) })
          .update({ data: { startAt: s.startAt } }),
      )
      fixed += stats.updated ?? 0
    }
    return fixed
  })
  return outcome
}
