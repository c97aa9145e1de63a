/**
 * The real local server as a child process for the reliability suites: `cloud/server/main.ts` through
 * tsx's loader in ONE Node process (what `npx tsx cloud/server/main.ts` runs, without the npx and tsx
 * wrapper processes), so SIGKILL and /proc/<pid>/status hit the server itself. 127.0.0.1 only.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'

export const ROOT = resolve(__dirname, '..', '..')
export const RESULTS_DIR = join(ROOT, 'test-results', 'reliability')
export const ADMIN = 'o_rel_admin'

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer()
    probe.once('error', fail)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => done(port))
    })
  })
}

export interface Answer<T = unknown> {
  status: number
  ok: boolean
  data: T
  code?: string
}

export interface ChildServer {
  baseUrl: string
  child: ChildProcess
  pid: number
  /** SIGKILL: no shutdown code runs, as in a crash or an OOM kill. */
  kill9(): void
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>
  exited: Promise<void>
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

export async function startServer(dataDir: string, port: number, logName = 'server.log'): Promise<ChildServer> {
  mkdirSync(RESULTS_DIR, { recursive: true })
  const logFile = join(RESULTS_DIR, logName)
  const fd = openSync(logFile, 'a')
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    STATIC_DIR: join(dataDir, 'h5'),
    SEED: '0',
    DEV_LOGIN: '1',
    ADMIN_OPENIDS: ADMIN,
  }
  delete env.NODE_ENV
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'cloud', 'server', 'main.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', fd, fd],
  })
  closeSync(fd)
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${tail(logFile)}`)
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`server did not answer /healthz within 30 s:\n${tail(logFile)}`)
    }
    await sleep(100)
  }
  return {
    baseUrl,
    child,
    pid: child.pid!,
    exited,
    kill9: () => {
      child.kill('SIGKILL')
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        await exited
        clearTimeout(timer)
      }
    },
  }
}

/** Resident memory of a process in MB, from /proc/<pid>/status (VmRSS). */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  if (!match) throw new Error(`no VmRSS for ${pid}`)
  return Number(match[1]) / 1024
}

/** One API call; throws only when no HTTP answer arrived (connection refused, reset, timeout). */
export async function call<T = unknown>(
  baseUrl: string,
  token: string,
  name: string,
  data: unknown = {},
  timeoutMs = 15_000,
): Promise<Answer<T>> {
  const [fn, action] = name.split('.')
  const res = await fetch(`${baseUrl}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ action, data }),
    signal: AbortSignal.timeout(timeoutMs),
  })
  const body = (await res.json()) as { ok: boolean; data?: T; error?: { code: string } }
  return { status: res.status, ok: body.ok, data: body.data as T, code: body.error?.code }
}

/** Like `call`, but a failed envelope is an error. */
export async function must<T = unknown>(baseUrl: string, token: string, name: string, data: unknown = {}): Promise<T> {
  const answer = await call<T>(baseUrl, token, name, data)
  if (!answer.ok) throw new Error(`${name} answered ${answer.status} ${answer.code}`)
  return answer.data
}

export async function login(baseUrl: string, openid: string): Promise<string> {
  const res = await fetch(`${baseUrl}/dev/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
  })
  const body = (await res.json()) as { ok: boolean; data: { token: string } }
  if (!body.ok) throw new Error(`login ${openid} failed`)
  return body.data.token
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function pool<T>(items: T[], limit: number, work: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      await work(items[i], i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}
