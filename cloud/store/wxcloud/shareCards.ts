import type { ShareCardRecord, ShareCardStore } from '../port'
import { getAll, getDoc, retryOnce, type Doc, type WxDb } from './db'

type CardDoc = Doc & { activityId: string; expiresAt: string; pushed: ShareCardRecord['pushed'] }

const recordOf = (d: CardDoc): ShareCardRecord => ({
  summonId: d._id,
  activityId: d.activityId,
  expiresAt: d.expiresAt,
  pushed: d.pushed ?? null,
})

/** The cards an instance made (summon id → activity), newest per summon. */
export type MadeCards = Map<string, { activityId: string; expiresAt: string }>

/** `share_cards`: one record per summon (`_id` the summon id). */
export function wxShareCards(db: WxDb, made: MadeCards = new Map()): ShareCardStore {
  const _ = db.command
  const cards = () => db.collection('share_cards')
  return {
    async get(summonId) {
      const doc = await getDoc<CardDoc>(db, 'share_cards', summonId)
      return doc ? recordOf(doc) : null
    },
    async save(summonId, activity) {
      const card = { activityId: activity.activityId, expiresAt: activity.expiresAt }
      await retryOnce(() =>
        cards()
          .doc(summonId)
          .set({ data: { ...card, pushed: null } }),
      )
      // The summon carries its card too, so a sign-up or cancellation (which reads the summon anyway) can
      // answer it without another read. Written second: an instance killed in between leaves the summon
      // with the older card (or none), and the job still pushes to the one share_cards holds.
      await retryOnce(() =>
        db
          .collection('summons')
          .doc(summonId)
          .update({ data: { card: _.set(card) } }),
      )
      made.set(summonId, card)
      if (made.size > 1000) made.delete(made.keys().next().value as string)
    },
    async live(now, limit) {
      const docs = await getAll(
        cards()
          .where({ expiresAt: _.gt(now.toISOString()) })
          .orderBy('expiresAt', 'asc'),
        limit,
      )
      return (docs.slice(0, limit) as CardDoc[]).map(recordOf)
    },
    async markPushed(summonId, activityId, pushed) {
      // `_.set` replaces the nested object (a plain object would be merged field by field).
      await retryOnce(() =>
        cards()
          .where({ _id: summonId, activityId })
          .update({ data: { pushed: _.set(pushed) } }),
      )
    },
  }
}
