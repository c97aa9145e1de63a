import type { ShareCardRecord, ShareCardStore } from '../port'
import type { Db } from './db'

interface Row {
  summon_id: string
  activity_id: string
  expires_at: string
  member_count: number | null
  room_limit: number | null
  target_state: number | null
}

const recordOf = (r: Row): ShareCardRecord => ({
  summonId: r.summon_id,
  activityId: r.activity_id,
  expiresAt: r.expires_at,
  pushed:
    r.member_count === null || r.room_limit === null || r.target_state === null
      ? null
      : { memberCount: r.member_count, roomLimit: r.room_limit, targetState: r.target_state === 1 ? 1 : 0 },
})

export function sqliteShareCards(db: Db): ShareCardStore {
  const get = db.prepare<[string], Row>('SELECT * FROM share_cards WHERE summon_id = ?')
  const save = db.prepare(`
    INSERT INTO share_cards (summon_id, activity_id, expires_at) VALUES (?, ?, ?)
    ON CONFLICT(summon_id) DO UPDATE SET activity_id = excluded.activity_id, expires_at = excluded.expires_at,
      member_count = NULL, room_limit = NULL, target_state = NULL`)
  const live = db.prepare<[string, number], Row>(
    'SELECT * FROM share_cards WHERE expires_at > ? ORDER BY expires_at LIMIT ?',
  )
  const pushed = db.prepare(
    'UPDATE share_cards SET member_count = ?, room_limit = ?, target_state = ? WHERE summon_id = ? AND activity_id = ?',
  )
  return {
    async get(summonId) {
      const row = get.get(summonId)
      return row ? recordOf(row) : null
    },
    async save(summonId, activity) {
      save.run(summonId, activity.activityId, activity.expiresAt)
    },
    async live(now, limit) {
      return live.all(now.toISOString(), limit).map(recordOf)
    },
    async markPushed(summonId, activityId, state) {
      pushed.run(state.memberCount, state.roomLimit, state.targetState, summonId, activityId)
    },
  }
}
