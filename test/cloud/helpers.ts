/**
 * The cloud test harness: a real SQLite store, the local platform and the real handlers, called the way
 * the cloud calls them (`dispatch(FUNCTIONS[fn], {action, data}, ctx)`), plus the local HTTP server on a
 * free port for the transport suites.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CloudConfig, Ctx } from '../../cloud/core/context'
import { dispatch } from '../../cloud/core/dispatch'
import { FUNCTIONS } from '../../cloud/functions'
import { createLocalPlatform } from '../../cloud/platform/local'
import type { Platform } from '../../cloud/platform/port'
import { createApp } from '../../cloud/server/app'
import { configFromEnv, loadSecret } from '../../cloud/server/config'
import { openTestStore, type SqliteTestStore } from '../support/store'
import type {
  ActionName,
  ApiError,
  Envelope,
  ErrorCode,
  FollowMode,
  FunctionName,
  GridInput,
  ReqOf,
  ResOf,
} from '../../types'

export const SECRET = 'test-secret-0123456789'
/** A fixed clock, so invites, tokens and live codes are deterministic. */
export const NOW = new Date('2026-06-01T02:00:00.000Z')
export const CHINESE = /[\u4e00-\u9fa5]/

export type TestStore = SqliteTestStore
export type Caller = <A extends ActionName>(action: A, data?: ReqOf<A>) => Promise<Envelope<ResOf<A>>>
/** Calls any `function.action` name with any data, for malformed input. */
export type RawCaller = (action: string, data: unknown) => Promise<Envelope<unknown>>

export interface CallOptions {
  now?: Date
}

export interface Harness {
  store: TestStore
  platform: Platform
  config: CloudConfig
  callAs(openid: string | null, options?: CallOptions): Caller
  rawAs(openid: string | null, options?: CallOptions): RawCaller
  close(): void
}

/**
 * The local platform without image rendering: `qrcode`'s PNG encoder takes seconds inside jest's VM
 * (about 0.1 s in plain Node), so only the poster suite renders real images. The contract makes
 * `image` optional.
 */
export function platformWithoutImages(): Platform {
  return { ...createLocalPlatform(), codeImage: async () => undefined }
}

export interface HarnessOptions {
  file?: string
  adminOpenids?: string[]
  platform?: Platform
  followMode?: FollowMode
}

export function splitAction(name: string): { fn: FunctionName; action: string } {
  const [fn, action] = name.split('.') as [FunctionName, string]
  return { fn, action }
}

export function createHarness(harnessOptions: HarnessOptions = {}): Harness {
  const store = openTestStore(harnessOptions.file ?? ':memory:')
  const platform = harnessOptions.platform ?? createLocalPlatform()
  const config: CloudConfig = {
    secret: SECRET,
    adminOpenids: harnessOptions.adminOpenids ?? [],
    liveCodeSeconds: 30,
    ...(harnessOptions.followMode ? { followMode: harnessOptions.followMode } : {}),
  }
  const ctxOf = (openid: string | null, { now = NOW }: CallOptions = {}): Ctx => ({
    openid,
    store,
    platform,
    config,
    now: () => now,
  })
  const rawAs =
    (openid: string | null, options?: CallOptions): RawCaller =>
    (name, data) => {
      const { fn, action } = splitAction(name)
      return dispatch(FUNCTIONS[fn], { action, data }, ctxOf(openid, options))
    }
  const callAs = (openid: string | null, options?: CallOptions): Caller => {
    const raw = rawAs(openid, options)
    return (action, data) => raw(action, data ?? {}) as never
  }
  return { store, platform, config, callAs, rawAs, close: () => store.close() }
}

// ---------- envelope assertions ----------

/** The data of a successful envelope; fails the test with the error otherwise. */
export function okData<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${JSON.stringify(envelope.error)}`)
  return envelope.data
}

/** The error of a failed envelope with the given code; checks it is a Chinese sentence without internals. */
export function errorOf(envelope: Envelope<unknown>, code: ErrorCode): ApiError {
  if (envelope.ok) throw new Error(`expected ${code}, got ok: ${JSON.stringify(envelope.data).slice(0, 200)}`)
  expect(envelope.error.code).toBe(code)
  expectUserFacing(envelope.error)
  return envelope.error
}

/** What the user may see: Chinese text, never a stack trace or a source location. */
export function expectUserFacing(error: ApiError): void {
  for (const text of [error.message, ...Object.values(error.fields ?? {})]) {
    expect(text).toMatch(CHINESE)
    expect(text).not.toMatch(/\bat |\.ts:|\.js:|Error:/)
  }
}

/** The outcome of an envelope as one word: `ok` or its error code. */
export function outcomeOf(envelope: Envelope<unknown>): 'ok' | ErrorCode {
  return envelope.ok ? 'ok' : envelope.error.code
}

// ---------- seed helpers ----------

export const PROFILE = { name: '测试青年', affiliation: 'league' } as const

export const GRID_INPUT: GridInput = {
  name: '测试楼宇网格',
  townId: 'xixi',
  kind: 'building',
  base: { address: '西湖区测试路 1 号' },
}

/** Creates a grid directly in the store, with the given leaders. */
export async function seedGrid(store: TestStore, leaders: string[] = [], input: Partial<GridInput> = {}) {
  const grid = await store.grids.create({ ...GRID_INPUT, ...input }, NOW)
  for (const openid of leaders) await store.grids.addLeader(grid.id, openid, NOW)
  return grid
}

export async function seedProfiles(store: TestStore, openids: string[]): Promise<void> {
  for (const openid of openids) await store.users.saveProfile(openid, { ...PROFILE }, NOW)
}

// ---------- the local HTTP server ----------

export interface HttpAnswer {
  status: number
  body: Envelope<unknown>
  text: string
}

export interface TestServer {
  baseUrl: string
  store: TestStore
  secret: string
  dataDir: string
  /** The request log lines the server wrote. */
  logLines: string[]
  login(openid: string): Promise<string>
  post(fn: string, action: string, data: unknown, token?: string | null): Promise<HttpAnswer>
  /** POSTs a raw body to a path. */
  send(path: string, body: string, headers?: Record<string, string>): Promise<HttpAnswer>
  close(): Promise<void>
}

export interface TestServerOptions {
  devLogin?: boolean
  adminOpenids?: string[]
  platform?: Platform
  now?: () => Date
}

async function answerOf(response: Response): Promise<HttpAnswer> {
  const text = await response.text()
  let body: Envelope<unknown>
  try {
    body = JSON.parse(text) as Envelope<unknown>
  } catch {
    throw new Error(`not JSON (${response.status}): ${text.slice(0, 200)}`)
  }
  return { status: response.status, body, text }
}

/** `createApp` on 127.0.0.1, a free port and a fresh data directory (database, secret). */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'erwei-test-'))
  const config = {
    ...configFromEnv({ DATA_DIR: dataDir, STATIC_DIR: join(dataDir, 'h5'), PORT: '0' }),
    devLogin: options.devLogin ?? true,
    adminOpenids: options.adminOpenids ?? [],
  }
  const secret = loadSecret(dataDir)
  const store = openTestStore(join(dataDir, 'erwei.sqlite'))
  const logLines: string[] = []
  const server = createApp({
    config,
    secret,
    store,
    platform: options.platform ?? createLocalPlatform({ exportsDir: join(dataDir, 'exports') }),
    now: options.now,
    log: (line) => logLines.push(line),
    exportsDir: join(dataDir, 'exports'),
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const send: TestServer['send'] = async (path, body, headers = {}) =>
    answerOf(await fetch(baseUrl + path, { method: 'POST', body, headers }))
  const post: TestServer['post'] = (fn, action, data, token) =>
    send(`/api/${fn}`, JSON.stringify({ action, data }), {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    })
  const login = async (openid: string) => {
    const answer = await send('/dev/login', JSON.stringify({ openid }), { 'content-type': 'application/json' })
    return (okData(answer.body) as { token: string }).token
  }
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => {
        store.close()
        rmSync(dataDir, { recursive: true, force: true })
        resolve()
      })
      server.closeAllConnections()
    })
  return { baseUrl, store, secret, dataDir, logLines, login, post, send, close }
}
