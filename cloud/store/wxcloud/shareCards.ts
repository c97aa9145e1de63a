import type { ShareCardRecord, ShareCardStore } from '../port'
import { getAll, getDoc, retryOnce, type Doc, type WxDb } from './db'

type CardDoc = Doc & { activityId: string; expiresAt: string; pushed: ShareCardRecord['pushed'] }

const recordOf = (d: CardDoc): ShareCardRecord => ({
  summonId: d._id,
  activityId: d.activityId,
  expiresAt: d.expiresAt,
  pushed: d.pushed ?? null,
})

/** `share_cards`: one record per summon (`_id` the summon id). */
export function wxShareCards(db: WxDb): ShareCardStore {
  const _ = db.command
  const cards = () => db.collection('share_cards')
  return {
    async get(summonId) {
      const doc = await getDoc<CardDoc>(db, 'share_cards', summonId)
      return doc ? recordOf(doc) : null
    },
    async save(summonId, activity) {
      await retryOnce(() =>
        cards()
          .doc(summonId)
          .set({ data: { activityId: activity.activityId, expiresAt: activity.expiresAt, pushed: null } }),
      )
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
