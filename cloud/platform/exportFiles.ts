/**
 * Export files on the local machine: what the local platform writes and the local server serves (the
 * stand-ins for cloud storage and its temporary links). A file is stored as `<expiry ms>-<32 hex>.csv`
 * under one directory, so its name is unguessable and carries its own expiry; it is written to a hidden
 * temporary name and renamed into place, so a process killed mid-write leaves nothing the server serves.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EXPORT_LINK_SECONDS, type ExportUpload, type StoredExport } from './port'

/** The local server serves export files under this path: `/files/<stem>/<the name the user sees>`. */
export const FILES_PATH = '/files/'

/** Where exports go when the caller names no directory (tests): one directory per process. */
export const defaultExportsDir = () => join(tmpdir(), `erwei-exports-${process.pid}`)

const STEM = /^(\d{13})-([0-9a-f]{32})$/

/** Writes the file whole and answers its link (relative to the local server). */
export function writeExportFile(dir: string, file: ExportUpload, now: Date): StoredExport {
  mkdirSync(dir, { recursive: true })
  sweepExpired(dir, now)
  const expires = now.getTime() + EXPORT_LINK_SECONDS * 1000
  const stem = `${String(expires).padStart(13, '0')}-${randomBytes(16).toString('hex')}`
  const partial = join(dir, `.${stem}.partial`)
  writeFileSync(partial, file.content, { mode: 0o600 })
  renameSync(partial, join(dir, `${stem}.csv`))
  return {
    url: `${FILES_PATH}${stem}/${encodeURIComponent(file.filename)}`,
    expiresAt: new Date(expires).toISOString(),
  }
}

/** The file behind a served path's stem, or null when the stem is malformed, unknown or expired. */
export function exportFileOf(dir: string, stem: string, now: Date): string | null {
  const match = STEM.exec(stem)
  if (!match || Number(match[1]) <= now.getTime()) return null
  const path = join(dir, `${stem}.csv`)
  return existsSync(path) ? path : null
}

/** Deletes expired exports (and partial files older than a link's life). */
function sweepExpired(dir: string, now: Date): void {
  for (const name of readdirSync(dir)) {
    const stem = name.replace(/^\./, '').replace(/\.(csv|partial)$/, '')
    const match = STEM.exec(stem)
    if (match && Number(match[1]) <= now.getTime()) rmSync(join(dir, name), { force: true })
  }
}
