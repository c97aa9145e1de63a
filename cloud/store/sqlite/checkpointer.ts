/**
 * WAL checkpoints off the request thread: the server's connection turns SQLite's automatic checkpoint off
 * (it would copy pages and fsync inside whichever commit crossed 1,000 pages), and a worker thread with its
 * own connection runs a PASSIVE checkpoint every half second, which never blocks the writer. The worker
 * is plain JavaScript (`eval`), so it runs the same under tsx, node and jest.
 */
import { Worker } from 'node:worker_threads'
import type { Db } from './db'

const WORKER = `
const { workerData, parentPort } = require('node:worker_threads')
const Database = require('better-sqlite3')
let db
try {
  db = new Database(workerData.file, { fileMustExist: true })
  db.pragma('busy_timeout = 1000')
} catch {
  process.exit(0) // the database went away before the worker started (a short-lived test server)
}
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch { /* the next round tries again */ }
}, workerData.everyMs)
parentPort.on('message', () => {
  clearInterval(timer)
  try { db.pragma('wal_checkpoint(PASSIVE)'); db.close() } catch { /* closing anyway */ }
  process.exit(0)
})
`

export interface Checkpointer {
  stop(): Promise<void>
}

export function checkpointInWorker(db: Db, file: string, everyMs = 500): Checkpointer {
  db.pragma('wal_autocheckpoint = 0')
  const worker = new Worker(WORKER, { eval: true, workerData: { file, everyMs } })
  worker.unref()
  return {
    stop: () =>
      new Promise((resolve) => {
        worker.once('exit', () => resolve())
        worker.postMessage('stop')
      }),
  }
}
