import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import type { Envelope, FunctionName } from '../../types'
import type { Ctx } from '../core/context'
import { dispatch } from '../core/dispatch'
import { AppError, HTTP_STATUS } from '../core/errors'
import { FUNCTIONS, isFunctionName } from '../functions'
import { exportFileOf, FILES_PATH } from '../platform/exportFiles'
import type { Platform } from '../platform/port'
import type { Store } from '../store/port'
import type { ServerConfig } from './config'
import { PERSONAS } from './seed'
import { issueToken, maskOpenid, verifyToken } from './tokens'

export const MAX_BODY_BYTES = 64 * 1024

export interface AppDeps {
  config: ServerConfig
  secret: string
  store: Store
  platform: Platform
  now?: () => Date
  log?: (line: string) => void
  /** Where the local platform writes exports (served under `/files/`); none: no exports served. */
  exportsDir?: string
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body)
  // With its length, the answer goes out in one write, without chunked framing.
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(json),
  })
  res.end(json)
}

/** Tokens verified recently, so a member's requests do not each pay an HMAC (bounded; expiry checked on use). */
const VERIFIED_TOKENS_MAX = 10_000

function sendError(res: ServerResponse, err: AppError): void {
  send(res, HTTP_STATUS[err.code], { ok: false, error: err.toJSON() } satisfies Envelope<never>)
}

/** Reads a JSON body of at most 64 KB; larger bodies are refused before they are read whole. */
function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > MAX_BODY_BYTES) return reject(tooLarge())
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data')
        req.resume()
        return reject(tooLarge())
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      if (!text.trim()) return resolve({})
      try {
        resolve(JSON.parse(text))
      } catch {
        reject(new AppError('BAD_REQUEST', '请求内容不是有效的 JSON', { body: '不是有效的 JSON' }))
      }
    })
    // The client went away mid-body: a bad request, not a server failure to log with a stack.
    req.on('error', () => reject(new AppError('BAD_REQUEST', '请求没有传完整，请重试', { body: '不完整' })))
  })
}

const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', '提交的内容太大了，请精简后再试')

/** A field of a JSON body that may be any JSON value (`null`, an array, a string…). */
function fieldOf(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined
}

/** The action named in a body, for the log line: only a name the function serves, never text from the client. */
function servedAction(fn: FunctionName, body: unknown): string {
  const action = fieldOf(body, 'action')
  return typeof action === 'string' && Object.prototype.hasOwnProperty.call(FUNCTIONS[fn], action) ? action : '?'
}

function decodedPath(req: IncomingMessage): string {
  try {
    return decodeURIComponent(new URL(req.url ?? '/', 'http://local').pathname)
  } catch {
    throw new AppError('NOT_FOUND', '没有这个页面')
  }
}

/** The brotli or gzip copy that the H5 build wrote beside a file (scripts/compress-h5.js), if the client takes it. */
function precompressed(req: IncomingMessage, file: string): { name: 'br' | 'gzip'; file: string } | null {
  const accepted = String(req.headers['accept-encoding'] ?? '')
  if (/\bbr\b/.test(accepted) && existsSync(`${file}.br`)) return { name: 'br', file: `${file}.br` }
  if (/\bgzip\b/.test(accepted) && existsSync(`${file}.gz`)) return { name: 'gzip', file: `${file}.gz` }
  return null
}

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization ?? ''
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  return match ? match[1] : null
}

/** The local server: the cloud functions over HTTP, `/dev/login`, and the built H5 app at `/`. */
export function createApp(deps: AppDeps): Server {
  const now = deps.now ?? (() => new Date())
  const log = deps.log ?? ((line: string) => console.log(line))
  const ctxFor = (openid: string | null): Ctx => ({
    openid,
    store: deps.store,
    platform: deps.platform,
    config: {
      secret: deps.secret,
      adminOpenids: deps.config.adminOpenids,
      liveCodeSeconds: deps.config.liveCodeSeconds,
      followMode: deps.config.followMode,
    },
    now,
  })

  const verified = new Map<string, { openid: string; expiresMs: number }>()
  const openidOf = (token: string): string | null => {
    const at = now().getTime()
    const hit = verified.get(token)
    if (hit) return hit.expiresMs >= at ? hit.openid : null
    const openid = verifyToken(token, deps.secret, new Date(at))
    if (!openid) return null
    if (verified.size >= VERIFIED_TOKENS_MAX) verified.clear()
    verified.set(token, { openid, expiresMs: Number(token.split('.')[1]) * 1000 })
    return openid
  }

  async function api(req: IncomingMessage, res: ServerResponse, fn: string): Promise<string> {
    if (!isFunctionName(fn)) throw new AppError('NOT_FOUND', '没有这个云函数')
    const token = bearer(req)
    const openid = token ? openidOf(token) : null
    const body = await readJson(req)
    const action = servedAction(fn, body)
    if (!openid) throw new AppError('UNAUTHENTICATED', '请先登录')
    const envelope = await dispatch(FUNCTIONS[fn], body, ctxFor(openid))
    const status = envelope.ok ? 200 : HTTP_STATUS[envelope.error.code]
    send(res, status, envelope)
    return `${fn}.${action}`
  }

  async function devLogin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!deps.config.devLogin) throw new AppError('NOT_FOUND', '本地登录已关闭')
    const openid = fieldOf(await readJson(req), 'openid')
    if (typeof openid !== 'string' || !/^o_[A-Za-z0-9_-]{1,60}$/.test(openid)) {
      throw new AppError('BAD_REQUEST', '身份标识应以 o_ 开头，只含字母、数字、- 或 _', { openid: '格式不正确' })
    }
    send(res, 200, { ok: true, data: { token: issueToken(openid, deps.secret, now()) } })
  }

  function personas(res: ServerResponse): void {
    if (!deps.config.devLogin) throw new AppError('NOT_FOUND', '本地登录已关闭')
    send(res, 200, {
      ok: true,
      data: PERSONAS.map(({ openid, title, description }) => ({ openid, title, description })),
    })
  }

  /** The local outbox of subscribe messages, newest first (openids masked). */
  async function outbox(res: ServerResponse): Promise<void> {
    if (!deps.config.devLogin) throw new AppError('NOT_FOUND', '本地登录已关闭')
    const messages = await deps.store.outbox.list({ limit: 100 })
    send(res, 200, { ok: true, data: messages.map((m) => ({ ...m, openid: maskOpenid(m.openid) })) })
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse): void {
    const path = decodedPath(req)
    const root = deps.config.staticDir
    let file = normalize(join(root, path))
    if (!file.startsWith(root + sep) && file !== root) throw new AppError('NOT_FOUND', '没有这个页面')
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html')
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('H5 应用尚未构建：请运行 npm start（它会先构建），或 npm run build:h5')
      return
    }
    const type = MIME[extname(file)] ?? 'application/octet-stream'
    // index.html names the hashed bundles, so it is revalidated; the bundles never change under their names.
    const cache = file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable'
    const encoding = precompressed(req, file)
    const headers: Record<string, string> = { 'content-type': type, 'cache-control': cache, vary: 'accept-encoding' }
    if (encoding) headers['content-encoding'] = encoding.name
    res.writeHead(200, headers)
    createReadStream(encoding?.file ?? file).pipe(res)
  }

  /**
   * An export file (`/files/<stem>/<name>`): its unguessable stem is the permission, as a cloud storage
   * temporary link's signature is; an expired or unknown one is not found.
   */
  function serveExport(res: ServerResponse, pathname: string): void {
    const [stem, name] = pathname.slice(FILES_PATH.length).split('/')
    const file = deps.exportsDir && stem ? exportFileOf(deps.exportsDir, stem, now()) : null
    if (!file) throw new AppError('NOT_FOUND', '下载链接已过期，请重新导出')
    let filename = 'export.csv'
    try {
      filename = decodeURIComponent(name ?? '') || filename
    } catch {
      // A mangled name: the default one.
    }
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-length': statSync(file).size,
      'content-disposition': `attachment; filename="export.csv"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'cache-control': 'private, no-store',
    })
    createReadStream(file).pipe(res)
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<string> {
    const { pathname } = new URL(req.url ?? '/', 'http://local')
    const apiMatch = /^\/api\/([A-Za-z]+)\/?$/.exec(pathname)
    if (req.method === 'POST' && apiMatch) return api(req, res, apiMatch[1])
    if (req.method === 'POST' && pathname === '/dev/login') return devLogin(req, res).then(() => 'dev.login')
    if (req.method === 'GET' && pathname === '/dev/personas') return (personas(res), 'dev.personas')
    if (req.method === 'GET' && pathname === '/dev/outbox') return outbox(res).then(() => 'dev.outbox')
    if (req.method === 'GET' && pathname === '/healthz') return (send(res, 200, { ok: true, data: {} }), 'healthz')
    if (req.method === 'GET' && pathname.startsWith(FILES_PATH)) return (serveExport(res, pathname), 'files.export')
    if (pathname.startsWith('/api/') || pathname.startsWith('/dev/')) throw new AppError('NOT_FOUND', '没有这个接口')
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new AppError('NOT_FOUND', '没有这个接口')
    serveStatic(req, res)
    return 'static'
  }

  return createServer((req, res) => {
    const started = process.hrtime.bigint()
    route(req, res)
      .catch((err: unknown) => {
        if (!(err instanceof AppError)) console.error('unhandled server error', err)
        const appError = err instanceof AppError ? err : new AppError('INTERNAL', '服务暂时出了点问题，请稍后再试')
        if (!res.headersSent) sendError(res, appError)
        return 'error'
      })
      .then((what) => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6
        // One line per request, without personal data: no openid, no body.
        if (what !== 'static') log(`${req.method} ${what} ${res.statusCode} ${ms.toFixed(1)}ms`)
      })
  })
}
