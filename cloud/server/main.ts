import { join } from 'node:path'
import { announceSummons } from '../jobs/follows'
import { sendDueNotices } from '../jobs/notices'
import { refreshShareCards } from '../jobs/shareCards'
import { notifyQuietGrids } from '../jobs/quiet'
import { createLocalPlatform } from '../platform/local'
import { createSqliteStore } from '../store/sqlite'
import { createApp } from './app'
import { configFromEnv, loadSecret } from './config'
import { requestLog } from './log'
import { seedDemo } from './seed'

/**
 * Seeds the demo into an empty database in ONE transaction, on a plain connection opened for it (the
 * server's group-committed store would commit once per store call). The SQLite adapter's methods run
 * synchronously, so nothing else can interleave while the seed awaits them; a failure rolls it all back.
 */
export async function seedOnce(file: string, now = new Date()): Promise<boolean> {
  const store = createSqliteStore(file)
  const started = Date.now()
  try {
    store.db.exec('BEGIN IMMEDIATE')
    const seeded = await seedDemo(store, now)
    store.db.exec('COMMIT')
    if (seeded) console.log(`seeded demo data in ${Date.now() - started} ms`)
    return seeded
  } catch (err) {
    if (store.db.inTransaction) store.db.exec('ROLLBACK')
    throw err
  } finally {
    store.close()
  }
}

/** Starts the local server with the settings of API.md; resolves once it listens. */
export async function startServer(env: NodeJS.ProcessEnv = process.env) {
  const config = configFromEnv(env)
  const secret = loadSecret(config.dataDir)
  const file = join(config.dataDir, 'erwei.sqlite')
  if (config.seed === 'demo') await seedOnce(file)
  const store = createSqliteStore(file, { server: true })
  const exportsDir = join(config.dataDir, 'exports')
  const platform = createLocalPlatform({ outbox: (message) => store.outbox.add(message, new Date()), exportsDir })
  const log = requestLog()
  const server = createApp({ config, secret, store, platform, log: log.line, exportsDir })
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve))
  // The local stand-in for the timer-triggered cloud function.
  const job = setInterval(() => {
    const now = new Date()
    Promise.all([
      sendDueNotices(store, platform, now),
      announceSummons(store, platform, now, config.followMode),
      refreshShareCards(store, platform, now),
      notifyQuietGrids(store, platform, now),
    ]).catch((err: unknown) => console.error('scheduled job failed', err))
  }, config.jobIntervalSeconds * 1000)
  job.unref()
  const close = () =>
    new Promise<void>((resolve) => {
      clearInterval(job)
      server.close(() => {
        store.close()
        log.flush()
        resolve()
      })
      server.closeAllConnections()
    })
  return { server, store, config, close }
}

if (require.main === module) {
  startServer().then(({ config, close }) => {
    console.log(`二维报到 local server on http://${config.host}:${config.port} (data: ${config.dataDir})`)
    const stop = () => close().then(() => process.exit(0))
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}
