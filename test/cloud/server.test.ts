/** The local server over real HTTP: tokens, limits, statuses, logs and errors (API.md "Transport"). */
import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect } from 'node:net'
import { join } from 'node:path'
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import { HTTP_STATUS } from '../../cloud/core/errors'
import { MAX_BODY_BYTES } from '../../cloud/server/app'
import { issueToken } from '../../cloud/server/tokens'
import type { ApiError, ErrorCode } from '../../types'
import {
  errorOf,
  expectUserFacing,
  GRID_INPUT,
  okData,
  platformWithoutImages,
  seedGrid,
  startTestServer,
  type HttpAnswer,
  type TestServer,
} from './helpers'

const PHONE = '13812345678'
const quietPlatform = platformWithoutImages()

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ platform: quietPlatform })
})
afterAll(() => server.close())

/** The error of an HTTP answer, checked against the status API.md gives its code. */
function httpError(answer: HttpAnswer, code: ErrorCode): ApiError {
  expect(answer.status).toBe(HTTP_STATUS[code])
  return errorOf(answer.body, code)
}

describe('/dev/login', () => {
  it('issues a token that works on the API', async () => {
    const token = await server.login('o_http_member')
    const me = okData((await server.post('account', 'me', {}, token)).body)
    expect(me).toMatchObject({ openid: 'o_http_member', profile: null })
  })

  it.each([['no_prefix'], ['o_'], ['o_has space'], ['o_' + 'x'.repeat(61)], [42], [null]])(
    'refuses the openid %j with 400',
    async (openid) => {
      const answer = await server.send('/dev/login', JSON.stringify({ openid }))
      expect(httpError(answer, 'BAD_REQUEST').fields).toEqual({ openid: '格式不正确' })
    },
  )

  it('answers 404 when DEV_LOGIN is off', async () => {
    const closed = await startTestServer({ devLogin: false })
    try {
      httpError(await closed.send('/dev/login', JSON.stringify({ openid: 'o_member' })), 'NOT_FOUND')
      expect((await fetch(`${closed.baseUrl}/dev/personas`)).status).toBe(404)
    } finally {
      await closed.close()
    }
  })
})

describe('identity', () => {
  const me = (token: string | null) => server.post('account', 'me', {}, token)
  const DAY = 86400_000

  it.each([
    ['no token', () => null],
    ['a malformed token', () => 'not-a-token'],
    ['a token signed with another secret', () => issueToken('o_member', 'another-secret')],
    ['an expired token', () => issueToken('o_member', server.secret, new Date(Date.now() - 31 * DAY))],
    ['a token with a forged openid', () => `${Buffer.from('o_admin').toString('base64url')}.9999999999.x`],
  ])('%s → 401 UNAUTHENTICATED', async (_name, token) => {
    httpError(await me(token()), 'UNAUTHENTICATED')
  })

  it('refuses a scheme other than Bearer', async () => {
    const token = await server.login('o_member')
    const answer = await server.send('/api/account', JSON.stringify({ action: 'me' }), {
      authorization: `Basic ${token}`,
    })
    httpError(answer, 'UNAUTHENTICATED')
  })

  it('ignores an openid sent in the body', async () => {
    const token = await server.login('o_member')
    const answer = await server.send('/api/account', JSON.stringify({ action: 'me', openid: 'o_admin' }), {
      authorization: `Bearer ${token}`,
    })
    expect(okData(answer.body)).toMatchObject({ openid: 'o_member' })
  })
})

describe('requests the server refuses', () => {
  let token: string
  beforeAll(async () => {
    token = await server.login('o_member')
  })
  const auth = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' })

  it(`refuses a body over ${MAX_BODY_BYTES / 1024} KB with 413`, async () => {
    const big = JSON.stringify({ action: 'me', data: {}, pad: 'x'.repeat(70 * 1024) })
    httpError(await server.send('/api/account', big, auth()), 'PAYLOAD_TOO_LARGE')
  })

  it('cuts off a chunked body with no content-length once it passes the limit', async () => {
    const answer = await rawRequest(server.baseUrl, '/api/account', auth(), (req) => {
      req.write(JSON.stringify({ action: 'me', pad: '' }).slice(0, -2))
      for (let i = 0; i < 70; i++) req.write('x'.repeat(1024))
      req.end('"}')
    })
    expect(answer.status).toBe(413)
    expect(answer.body.ok).toBe(false)
  })

  it('reads no more than the declared content-length (a lying small length cannot smuggle more)', async () => {
    const body = JSON.stringify({ action: 'me', data: {}, pad: 'x'.repeat(70 * 1024) })
    const answer = await rawRequest(server.baseUrl, '/api/account', { ...auth(), 'content-length': '20' }, (req) =>
      req.end(body),
    )
    // The first 20 bytes are not JSON: refused. What follows them is not read as this body; Node's parser
    // takes it for a next request and refuses that too, so either refusal may arrive first.
    expect(answer.status).toBe(400)
    expect(answer.text).not.toContain('"ok":true')
  })

  it('refuses malformed JSON with 400', async () => {
    const error = httpError(await server.send('/api/account', '{"action": "me",', auth()), 'BAD_REQUEST')
    expect(error.fields).toEqual({ body: '不是有效的 JSON' })
  })

  it.each([['null'], ['"text"'], ['42'], ['[1, 2]']])('refuses the JSON body %s with 400', async (body) => {
    httpError(await server.send('/api/account', body, auth()), 'BAD_REQUEST')
  })

  it('answers 404 for an unknown function and an unknown action', async () => {
    httpError(await server.post('nosuchfunction', 'me', {}, token), 'NOT_FOUND')
    httpError(await server.post('account', 'nosuchaction', {}, token), 'NOT_FOUND')
    httpError(await server.post('account', 'toString', {}, token), 'NOT_FOUND')
    httpError(await server.post('account', '__proto__', {}, token), 'NOT_FOUND')
  })

  it.each([
    ['__proto__', '{"name": "青年", "affiliation": "none", "__proto__": {"admin": true}}'],
    ['constructor', '{"name": "青年", "affiliation": "none", "constructor": "x"}'],
    ['toString', '{"name": "青年", "affiliation": "none", "toString": 1}'],
  ])('refuses a request key named %s with 400, naming it', async (key, data) => {
    const body = `{"action": "updateProfile", "data": ${data}}`
    const error = httpError(await server.send('/api/account', body, auth()), 'BAD_REQUEST')
    expect(Object.keys(error.fields ?? {})).toEqual([key])
    expect(Object.getOwnPropertyDescriptor(error.fields, key)?.value).toBe('不认识的字段')
    expect(error.message).toBe('请求内容不认识的字段')
  })

  it('refuses a nested __proto__ key with 400, naming its path', async () => {
    const body = `{"action": "get", "data": {"planId": "p1", "sort": "newest", "__proto__": {"x": 1}}}`
    const top = httpError(await server.send('/api/plans', body, auth()), 'BAD_REQUEST')
    expect(top.fields).toEqual(JSON.parse('{"__proto__": "不认识的字段"}'))
    const base = '{"address": "西湖区 1 号", "__proto__": {"radiusM": 1}, "constructor": {}}'
    const create = `{"action": "create", "data": {"name": "网格", "townId": "xixi", "kind": "park", "base": ${base}}}`
    const nested = httpError(await server.send('/api/grids', create, auth()), 'BAD_REQUEST')
    expect(Object.keys(nested.fields ?? {}).sort()).toEqual(['base.__proto__', 'base.constructor'])
    expect(nested.message).toBe('实体阵地不认识的字段')
  })

  it('answers 404 for unknown paths and methods', async () => {
    httpError(await server.send('/api/account/me/extra', '{}'), 'NOT_FOUND')
    httpError(await server.send('/dev/nothing', '{}'), 'NOT_FOUND')
    const get = await fetch(`${server.baseUrl}/api/account`)
    expect(get.status).toBe(404)
  })

  it('answers a malformed path without a server error', async () => {
    const answer = await fetch(`${server.baseUrl}/%E0%A4%A`)
    expect(answer.status).toBe(404)
  })

  it('sends the precompressed copy the client takes, with long caching for hashed bundles', async () => {
    const dir = join(server.dataDir, 'h5', 'js')
    mkdirSync(dir, { recursive: true })
    const body = 'console.log("二维报到")\n'.repeat(200)
    writeFileSync(join(dir, 'app.3f9a2c.js'), body)
    writeFileSync(join(dir, 'app.3f9a2c.js.br'), brotliCompressSync(body))
    writeFileSync(join(dir, 'app.3f9a2c.js.gz'), gzipSync(body))
    const url = `${server.baseUrl}/js/app.3f9a2c.js`
    const asked = async (encoding: string) => {
      const answer = await new Promise<{ headers: Record<string, unknown>; bytes: Buffer }>((resolve, reject) =>
        request(url, { headers: { 'accept-encoding': encoding } }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => resolve({ headers: res.headers, bytes: Buffer.concat(chunks) }))
        })
          .on('error', reject)
          .end(),
      )
      return answer
    }
    const br = await asked('gzip, deflate, br')
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(brotliDecompressSync(br.bytes).toString()).toBe(body)
    const gz = await asked('gzip')
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.bytes).toString()).toBe(body)
    const plain = await asked('identity')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.bytes.toString()).toBe(body)
  })

  it('keeps static files inside their folder', async () => {
    const answer = await fetch(`${server.baseUrl}/..%2f..%2f..%2fetc%2fpasswd`)
    expect(answer.status).toBe(404)
    expect(await answer.text()).not.toContain('root:')
  })
})

describe('statuses', () => {
  it('maps every code as API.md says', () => {
    const apiMd: [number, ErrorCode[]][] = [
      [400, ['BAD_REQUEST']],
      [401, ['UNAUTHENTICATED']],
      [403, ['FORBIDDEN']],
      [404, ['NOT_FOUND']],
      [409, ['CONFLICT']],
      [422, ['CODE_INVALID', 'CODE_EXPIRED', 'OUT_OF_RANGE', 'CLOSED', 'DEADLINE_PASSED', 'CONTENT_REJECTED']],
      [413, ['PAYLOAD_TOO_LARGE']],
      [429, ['RATE_LIMITED']],
      [500, ['INTERNAL']],
    ]
    const expected = Object.fromEntries(apiMd.flatMap(([status, codes]) => codes.map((code) => [code, status])))
    expect(HTTP_STATUS).toEqual(expected)
  })

  it('answers each handler outcome over HTTP with its status', async () => {
    const { id: gridId } = await seedGrid(server.store, ['o_status_leader'])
    await server.store.users.addAdmin('o_status_admin')
    const admin = await server.login('o_status_admin')
    const member = await server.login('o_status_member')
    const { inviteCode } = okData((await server.post('grids', 'invite', { gridId }, admin)).body) as {
      inviteCode: string
    }
    await server.store.grids.createInvite(gridId, 'expiredinvite', 'o_status_admin', new Date(Date.now() - 1000))

    expect((await server.post('grids', 'get', { gridId }, member)).status).toBe(200)
    httpError(await server.post('grids', 'create', GRID_INPUT, member), 'FORBIDDEN')
    httpError(await server.post('grids', 'get', { gridId: 'nosuchgrid' }, member), 'NOT_FOUND')
    expect((await server.post('grids', 'acceptInvite', { inviteCode }, member)).status).toBe(200)
    // The taker's own retry is answered ok again (a lost answer); anyone else is too late.
    const other = await server.login('o_status_other')
    httpError(await server.post('grids', 'acceptInvite', { inviteCode }, other), 'CONFLICT')
    httpError(await server.post('grids', 'acceptInvite', { inviteCode: 'expiredinvite' }, member), 'CODE_EXPIRED')
  })
})

describe('a client that goes away mid-body', () => {
  it('is logged as a bad request, not as a server failure', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const before = server.logLines.length
    const { port } = new URL(server.baseUrl)
    const socket = connect(Number(port), '127.0.0.1')
    await new Promise<void>((resolve) => socket.on('connect', resolve))
    socket.write('POST /api/account HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"action":')
    await new Promise((resolve) => setTimeout(resolve, 50))
    socket.destroy()
    await waitFor(() => server.logLines.length > before)
    expect(server.logLines[before]).toMatch(/^POST error 400 /)
    expect(errors).not.toHaveBeenCalled()
    errors.mockRestore()
  })
})

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('concurrent requests', () => {
  it('let exactly one of 20 simultaneous callers take an invite', async () => {
    const { id: gridId } = await seedGrid(server.store, [], { name: '抢邀请码的网格' })
    await server.store.grids.createInvite(gridId, 'raceinvite', 'o_admin', new Date(Date.now() + 86400_000))
    const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => server.login(`o_http_racer_${i}`)))
    const answers = await Promise.all(
      tokens.map((token) => server.post('grids', 'acceptInvite', { inviteCode: 'raceinvite' }, token)),
    )
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array<number>(19).fill(409)])
    expect((await server.store.grids.get(gridId))?.leaders).toHaveLength(1)
  })
})

describe('failures inside a handler', () => {
  let logged: unknown[][]
  beforeEach(() => {
    logged = []
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args))
  })
  afterEach(() => jest.restoreAllMocks())

  it('answer 500 INTERNAL in Chinese, without details, when the platform throws', async () => {
    const failing = { ...quietPlatform, codeImage: () => Promise.reject(new Error('wxacode quota at cloud/x.ts:1')) }
    const broken = await startTestServer({ platform: failing })
    try {
      const { id: gridId } = await seedGrid(broken.store, ['o_leader'])
      const answer = await broken.post('grids', 'posterCode', { gridId }, await broken.login('o_leader'))
      httpError(answer, 'INTERNAL')
      expect(answer.text).not.toContain('wxacode')
      expect(logged).toHaveLength(1)
    } finally {
      await broken.close()
    }
  })

  it('answer 500 INTERNAL when the database is gone', async () => {
    const broken = await startTestServer()
    const token = await broken.login('o_member')
    broken.store.close()
    const answer = await broken.post('account', 'me', {}, token)
    httpError(answer, 'INTERNAL')
    expect(answer.text).not.toMatch(/database|sqlite|\.ts:|\bat /i)
    await broken.close().catch(() => undefined)
  })
})

describe('what the server writes', () => {
  it('never answers a stack trace, and logs no openid or phone number', async () => {
    const token = await server.login('o_secret_person')
    const answers = [
      await server.post('account', 'updateProfile', { name: '张三', phone: PHONE, affiliation: 'league' }, token),
      await server.post('account', 'updateProfile', { name: '', phone: `${PHONE}9`, affiliation: 'x' }, token),
      await server.post('account', PHONE, {}, token),
      await server.post('account', 'o_secret_person', {}, token),
      await server.post('account', `me\nGET forged.line 200`, {}, token),
      await server.send('/dev/login', JSON.stringify({ openid: 'o_secret_person' })),
      await server.send('/api/account', `{"action": "${PHONE}"`, { authorization: `Bearer ${token}` }),
    ]
    for (const answer of answers) {
      expect(answer.text).not.toMatch(/\bat |\.ts:|\.js:|Error:/)
      if (!answer.body.ok) expectUserFacing(answer.body.error)
    }
    const log = server.logLines.join('\n')
    expect(server.logLines.length).toBeGreaterThanOrEqual(answers.length)
    expect(log).not.toContain('o_secret')
    expect(log).not.toContain(PHONE)
    expect(log).not.toContain('forged')
    for (const line of server.logLines) expect(line).toMatch(/^(GET|POST) \S+ \d{3} \d+\.\dms$/)
  })
})

/** A request through node:http, for bodies fetch cannot send (chunked, lying content-length). */
function rawRequest(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  write: (req: ReturnType<typeof request>) => void,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null, text })
      })
    })
    req.on('error', reject)
    write(req)
  })
}
