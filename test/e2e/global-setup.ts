import { startAppServer, type AppServer } from './server'

declare global {
  // Shared between global-setup and global-teardown (both run in jest's parent process).
  // eslint-disable-next-line no-var
  var __E2E_SERVER__: AppServer | undefined
}

/** Starts one real local server for all journeys, unless E2E_BASE_URL points at a running one. */
export default async function globalSetup(): Promise<void> {
  if (process.env.E2E_BASE_URL) return
  const server = await startAppServer()
  globalThis.__E2E_SERVER__ = server
  process.env.E2E_BASE_URL = server.baseUrl
  console.log(`\ne2e: local server on ${server.baseUrl} (log: test-results/e2e-server.log)`)
}
