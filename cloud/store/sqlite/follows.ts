import { MAX_BANKED, type Follower, type FollowStore } from '../port'
import type { Db } from './db'

export function sqliteFollows(db: Db): FollowStore {
  const get = db.prepare<[string, string], Follower>(
    'SELECT openid, banked FROM grid_follows WHERE grid_id = ? AND openid = ?',
  )
  const follow = db.prepare(
    'INSERT INTO grid_follows (grid_id, openid, banked, since) VALUES (?, ?, 0, ?) ON CONFLICT DO NOTHING',
  )
  const unfollow = db.prepare('DELETE FROM grid_follows WHERE grid_id = ? AND openid = ?')
  const bank = db.prepare(
    `UPDATE grid_follows SET banked = MIN(banked + 1, ${MAX_BANKED}) WHERE grid_id = ? AND openid = ?`,
  )
  const spend = db.prepare(
    'UPDATE grid_follows SET banked = banked - 1 WHERE grid_id = ? AND openid = ? AND banked > 0',
  )
  const followers = db.prepare<[string, string, number], Follower>(
    'SELECT openid, banked FROM grid_follows WHERE grid_id = ? AND openid > ? ORDER BY openid LIMIT ?',
  )
  const announce = db.prepare(
    'INSERT INTO summon_announcements (summon_id, grid_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  )
  const claim = db.prepare<[string, number], { summonId: string; gridId: string }>(`
    UPDATE summon_announcements SET claimed_at = ?
    WHERE summon_id IN (
      SELECT summon_id FROM summon_announcements WHERE claimed_at IS NULL ORDER BY created_at LIMIT ?)
    RETURNING summon_id AS summonId, grid_id AS gridId`)

  return {
    async get(gridId, openid) {
      return get.get(gridId, openid) ?? null
    },
    async follow(gridId, openid, now) {
      follow.run(gridId, openid, now.toISOString())
      return get.get(gridId, openid)!
    },
    async unfollow(gridId, openid) {
      unfollow.run(gridId, openid)
    },
    async bank(gridId, openid) {
      bank.run(gridId, openid)
      return get.get(gridId, openid) ?? null
    },
    async spend(gridId, openid) {
      return spend.run(gridId, openid).changes === 1
    },
    async followers(gridId, after, limit) {
      return followers.all(gridId, after ?? '', limit)
    },
    async announce(summonId, gridId, now) {
      announce.run(summonId, gridId, now.toISOString())
    },
    async claimAnnouncements(now, limit) {
      return claim.all(now.toISOString(), limit)
    },
  }
}
