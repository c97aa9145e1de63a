import type { OutboxMessage, OutboxStore } from '../port'
import type { Db } from './db'

interface OutboxRow {
  id: number
  openid: string
  template: string
  page: string
  data_json: string
  created_at: string
}

/** The local stand-in for subscribe messages: every message the app would send, kept in a table. */
export function sqliteOutbox(db: Db): OutboxStore {
  const insert = db.prepare('INSERT INTO outbox (openid, template, page, data_json, created_at) VALUES (?, ?, ?, ?, ?)')
  return {
    async add(message, now) {
      insert.run(message.openid, message.template, message.page, JSON.stringify(message.data), now.toISOString())
    },
    async list({ openid, limit = 50 }) {
      const rows = (
        openid
          ? db.prepare('SELECT * FROM outbox WHERE openid = ? ORDER BY id DESC LIMIT ?').all(openid, limit)
          : db.prepare('SELECT * FROM outbox ORDER BY id DESC LIMIT ?').all(limit)
      ) as OutboxRow[]
      return rows.map((r): OutboxMessage => ({
        id: r.id,
        openid: r.openid,
        template: r.template,
        page: r.page,
        data: JSON.parse(r.data_json) as Record<string, string>,
        createdAt: r.created_at,
      }))
    },
  }
}
