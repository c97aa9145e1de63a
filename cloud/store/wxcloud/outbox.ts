import type { OutboxMessage, OutboxStore } from '../port'
import { getAll, type WxDb } from './db'

/** In production messages go out as subscribe messages; this collection keeps a copy for leaders and audits. */
export function wxOutbox(db: WxDb): OutboxStore {
  return {
    async add(message, now) {
      await db.collection('outbox').add({ data: { ...message, createdAt: now.toISOString() } })
    },
    async list({ openid, limit = 50 }) {
      const docs = await getAll(
        db
          .collection('outbox')
          .where(openid ? { openid } : {})
          .orderBy('createdAt', 'desc'),
        limit,
      )
      return docs.slice(0, limit).map((d, i) => ({
        id: i + 1,
        openid: d.openid as string,
        template: d.template as string,
        page: d.page as string,
        data: d.data as Record<string, string>,
        createdAt: d.createdAt as string,
      })) satisfies OutboxMessage[]
    },
  }
}
