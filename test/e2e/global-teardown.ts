import { stopAppServer } from './server'

export default async function globalTeardown(): Promise<void> {
  const server = globalThis.__E2E_SERVER__
  if (!server) return
  globalThis.__E2E_SERVER__ = undefined
  await stopAppServer(server)
}
