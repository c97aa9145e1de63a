import type { PosterCodeStore } from '../port'
import { getDoc, retryOnce, type WxDb } from './db'

/** The `poster_codes` collection: one record per scene, `_id` the scene. */
export function wxCodes(db: WxDb): PosterCodeStore {
  return {
    async get(scene) {
      const doc = await getDoc(db, 'poster_codes', scene)
      return doc ? { fileID: doc.fileID as string, page: doc.page as string } : null
    },
    async save(scene, { fileID, page }, now) {
      await retryOnce(() =>
        db
          .collection('poster_codes')
          .doc(scene)
          .set({ data: { fileID, page, savedAt: now.toISOString() } }),
      )
    },
  }
}
