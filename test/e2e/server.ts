import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensureH5, ROOT } from '../../scripts/start'

/** Where the browser runs write screenshots and the server's log (not committed). */
export const RESULTS_DIR = join(ROOT, 'test-results')

export interface AppServer {
  baseUrl: string
  dataDir: string
  logFile: string
  child: ChildProcess
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${baseUrl}/healthz`)
    return res.ok
  } catch {
    return false
  }
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

/** Waits for `/healthz`, failing early (with the server's log) if the server exits. */
async function waitUntilHealthy(server: AppServer, timeoutMs: number): Promise<void> {
  let exited: string | null = null
  server.child.once('exit', (code, signal) => {
    exited = signal ? `signal ${signal}` : `exit code ${code}`
  })
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the local server stopped (${exited}):\n${tail(server.logFile)}`)
    if (await healthy(server.baseUrl)) return
    await sleep(200)
  }
  server.child.kill('SIGKILL')
  throw new Error(`the local server did not answer /healthz within ${timeoutMs} ms:\n${tail(server.logFile)}`)
}

/**
 * Builds the H5 app if it is missing or stale (as `npm start` does), then starts `scripts/start.js`
 * on a free port with a fresh data directory and the demo seed, and waits until it answers.
 */
export async function startAppServer(): Promise<AppServer> {
  await ensureH5(process.env)
  mkdirSync(RESULTS_DIR, { recursive: true })
  const port = await freePort()
  const dataDir = mkdtempSync(join(tmpdir(), 'erwei-e2e-'))
  const logFile = join(RESULTS_DIR, 'e2e-server.log')
  const log = createWriteStream(logFile)
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir }
  env.SEED = 'demo'
  delete env.FORCE_BUILD
  delete env.NODE_ENV
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.js')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.pipe(log)
  child.stderr?.pipe(log)
  const server: AppServer = { baseUrl: `http://127.0.0.1:${port}`, dataDir, logFile, child }
  await waitUntilHealthy(server, 60_000)
  return server
}

/** Stops the server (SIGTERM, then SIGKILL after 5 s) and removes its data directory. */
export async function stopAppServer(server: AppServer): Promise<void> {
  const { child } = server
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }
  rmSync(server.dataDir, { recursive: true, force: true })
}
