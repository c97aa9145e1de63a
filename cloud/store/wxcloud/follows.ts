import { MAX_BANKED, type Follower, type FollowStore } from '../port'
import { addOnce, getAll, getDoc, key, retryOnce, type Doc, type WxDb } from './db'

type FollowDoc = Doc & { gridId: string; openid: string; banked: number; since: string }

const followerOf = (d: FollowDoc): Follower => ({ openid: d.openid, banked: d.banked })

/**
 * Followers in `grid_follows` (`gridId_openid`, so a repeat follow is one record); the announcements
 * queue in `summon_announcements` (`_id` the summon), claimed by a conditional update per record.
 */
export function wxFollows(db: WxDb): FollowStore {
  const _ = db.command
  const follows = () => db.collection('grid_follows')
  const get = (gridId: string, openid: string) => getDoc<FollowDoc>(db, 'grid_follows', key(gridId, openid))

  return {
    async get(gridId, openid) {
      const doc = await get(gridId, openid)
      return doc ? followerOf(doc) : null
    },
    async follow(gridId, openid, now) {
      const existing = await get(gridId, openid)
      if (existing) return followerOf(existing)
      const data = { _id: key(gridId, openid), gridId, openid, banked: 0, since: now.toISOString() }
      // A follow racing with another of the same member: the first record stands.
      if (!(await addOnce(db, 'grid_follows', data))) return followerOf((await get(gridId, openid)) ?? data)
      return { openid, banked: 0 }
    },
    async unfollow(gridId, openid) {
      await retryOnce(() => follows().doc(key(gridId, openid)).remove())
    },
    async bank(gridId, openid) {
      // `_.inc` is atomic per record; the cap is a condition, so a member tapping fast stops at the cap.
      await retryOnce(() =>
        follows()
          .where({ _id: key(gridId, openid), banked: _.lt(MAX_BANKED) })
          .update({ data: { banked: _.inc(1) } }),
      )
      const doc = await get(gridId, openid)
      return doc ? followerOf(doc) : null
    },
    async spend(gridId, openid) {
      const done = await retryOnce(() =>
        follows()
          .where({ _id: key(gridId, openid), banked: _.gt(0) })
          .update({ data: { banked: _.inc(-1) } }),
      )
      return done.stats.updated === 1
    },
    async followers(gridId, after, limit) {
      const docs = (
        await retryOnce(() =>
          follows()
            .where(after === null ? { gridId } : { gridId, openid: _.gt(after) })
            .orderBy('openid', 'asc')
            .limit(limit)
            .get(),
        )
      ).data as FollowDoc[]
      return docs.map(followerOf)
    },
    async announce(summonId, gridId, now) {
      await addOnce(db, 'summon_announcements', {
        _id: summonId,
        gridId,
        createdAt: now.toISOString(),
        claimedAt: null,
      })
    },
    async claimAnnouncements(now, limit) {
      const waiting = await getAll(
        db.collection('summon_announcements').where({ claimedAt: null }).orderBy('createdAt', 'asc'),
        limit,
      )
      const claimed: { summonId: string; gridId: string }[] = []
      for (const a of waiting.slice(0, limit)) {
        // Claim with a conditional update so two job runs never announce twice.
        const done = await retryOnce(() =>
          db
            .collection('summon_announcements')
            .where({ _id: a._id, claimedAt: null })
            .update({ data: { claimedAt: now.toISOString() } }),
        )
        if (done.stats.updated === 1) claimed.push({ summonId: a._id, gridId: a.gridId as string })
      }
      return claimed
    },
  }
}
