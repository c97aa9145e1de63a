import type { PosterCode, PosterCodeStore } from '../port'
import type { Db } from './db'

/** Rendered poster codes by scene (locally the platform draws them on the fly; the table serves the port). */
export function sqliteCodes(db: Db): PosterCodeStore {
  const select = db.prepare<[string], { file_id: string; page: string }>(
    'SELECT file_id, page FROM poster_codes WHERE scene = ?',
  )
  const upsert = db.prepare(`
    INSERT INTO poster_codes (scene, file_id, page, saved_at) VALUES (?, ?, ?, ?)
    ON CONFLICT(scene) DO UPDATE SET file_id = excluded.file_id, page = excluded.page, saved_at = excluded.saved_at`)
  return {
    async get(scene) {
      const row = select.get(scene)
      return row ? ({ fileID: row.file_id, page: row.page } satisfies PosterCode) : null
    },
    async save(scene, { fileID, page }, now) {
      upsert.run(scene, fileID, page, now.toISOString())
    },
  }
}
