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

/** Starts the local server with the settings of API.md; resolves once it listens. */
export async function startServer(env: NodeJS.ProcessEnv = process.env) {
  const config = configFromEnv(env)
  const secret = loadSecret(config.dataDir)
  const store = createSqliteStore(join(config.dataDir, 'erwei.sqlite'), { server: true })
  if (config.seed === 'demo' && (await seedDemo(store))) console.log('seeded demo data')
  const platform = createLocalPlatform({ outbox: (message) => store.outbox.add(message, new Date()) })
  const log = requestLog()
  const server = createApp({ config, secret, store, platform, log: log.line })
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
