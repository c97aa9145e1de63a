/**
 * Small helpers shared by the benchmarks: medians, timing, a child server on 127.0.0.1, and a bounded
 * HTTP load generator (keep-alive, a fixed number of clients, a request cap and a time cap).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { openSync, closeSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'

export const ROOT = resolve(__dirname, '..')

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export const percentile = (sorted: number[], p: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN

export const round = (n: number, digits = 1): number => {
  const f = 10 ** digits
  return Math.round(n * f) / f
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

/** Milliseconds taken by `fn` (sync or async). */
export async function timeMs(fn: () => unknown): Promise<number> {
  const started = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - started) / 1e6
}

/** The median of `runs` timed runs after `warmups` untimed ones. */
export async function medianMs(fn: () => unknown, runs = 5, warmups = 1): Promise<number> {
  return (await medianTimes(fn, runs, warmups)).wall
}

/**
 * Medians of wall-clock and CPU milliseconds (this process, user + system) over `runs` runs after
 * `warmups`. On a shared, noisy machine the CPU figure moves much less than the wall-clock one.
 */
export async function medianTimes(fn: () => unknown, runs = 5, warmups = 1): Promise<{ wall: number; cpu: number }> {
  for (let i = 0; i < warmups; i++) await fn()
  const walls: number[] = []
  const cpus: number[] = []
  for (let i = 0; i < runs; i++) {
    const cpu0 = process.cpuUsage()
    walls.push(await timeMs(fn))
    const cpu = process.cpuUsage(cpu0)
    cpus.push((cpu.user + cpu.system) / 1000)
  }
  return { wall: median(walls), cpu: median(cpus) }
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
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

export interface ChildServer {
  port: number
  pid: number | undefined
  child: ChildProcess
  stop(): Promise<void>
}

/** Starts a TypeScript entry as its own Node process (tsx's loader) and waits for `/healthz`. */
export async function startChild(entry: string, env: NodeJS.ProcessEnv, logFile: string): Promise<ChildServer> {
  const port = Number(env.PORT) || (await freePort())
  const fd = openSync(logFile, 'a')
  // BENCH_CPU_PROF=<dir>: the child writes a V8 CPU profile there when it exits (node --cpu-prof).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : []
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', fd, fd],
  })
  closeSync(fd)
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited early (${child.exitCode}), see ${logFile}`)
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`${entry} did not answer within 30 s, see ${logFile}`)
    }
    await sleep(100)
  }
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done()
      child.once('exit', () => done())
      child.kill('SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref()
    })
  return { port, pid: child.pid, child, stop }
}

export interface LoadResult {
  requests: number
  ok: number
  failed: number
  seconds: number
  perSecond: number
  p50: number
  p99: number
}

export interface LoadOptions {
  port: number
  path: string
  clients: number
  /** The body and headers of request number i (0-based). */
  bodyOf(i: number): { body: string; token?: string }
  maxRequests: number
  maxSeconds: number
}

/**
 * `clients` concurrent keep-alive connections, each sending its next request when the previous answer
 * arrived, until `maxRequests` were sent or `maxSeconds` passed. A 200 answer counts as ok.
 */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.clients })
  const latencies: number[] = []
  let next = 0
  let ok = 0
  let failed = 0
  const started = process.hrtime.bigint()
  const deadline = Date.now() + options.maxSeconds * 1000
  const one = (i: number) =>
    new Promise<boolean>((done) => {
      const { body, token } = options.bodyOf(i)
      const headers: Record<string, string | number> = {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      }
      if (token) headers.authorization = `Bearer ${token}`
      const t0 = process.hrtime.bigint()
      const req = request(
        { host: '127.0.0.1', port: options.port, path: options.path, method: 'POST', agent, headers },
        (res) => {
          res.resume()
          res.on('end', () => {
            latencies.push(Number(process.hrtime.bigint() - t0) / 1e6)
            done(res.statusCode === 200)
          })
        },
      )
      req.on('error', () => done(false))
      req.end(body)
    })
  const client = async () => {
    while (next < options.maxRequests && Date.now() < deadline) {
      const i = next++
      if (await one(i)) ok++
      else failed++
    }
  }
  await Promise.all(Array.from({ length: options.clients }, client))
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  agent.destroy()
  latencies.sort((a, b) => a - b)
  return {
    requests: ok + failed,
    ok,
    failed,
    seconds,
    perSecond: (ok + failed) / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  }
}

/** One row of the report: a figure, what it is measured against, and their ratio. */
export interface Row {
  section: string
  name: string
  value: number
  unit: string
  /** What the figure is compared with (a baseline measured in the same run, a limit, a budget). */
  against?: { name: string; value: number }
  /** value / against.value, the figure the report leads with. */
  ratio?: number
  note?: string
}

export const ratioOf = (value: number, against: number): number => round(value / against, 3)
