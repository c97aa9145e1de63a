/** `startServer` (cloud/server/main.ts) and its settings from the environment (API.md "Local server settings"). */
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { XIHU_TOWNS } from '../../cloud/domain/towns'
import { configFromEnv } from '../../cloud/server/config'
import { startServer } from '../../cloud/server/main'
import { DEMO_GRIDS, PERSONAS } from '../../cloud/server/seed'
import type { Envelope } from '../../types'
import { okData } from './helpers'

type Started = Awaited<ReturnType<typeof startServer>>

let dataDir: string
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'erwei-main-'))
  jest.spyOn(console, 'log').mockImplementation(() => undefined)
})
afterEach(() => {
  jest.restoreAllMocks()
  rmSync(dataDir, { recursive: true, force: true })
})

const start = (env: NodeJS.ProcessEnv = {}) =>
  startServer({ HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, STATIC_DIR: join(dataDir, 'h5'), ...env })

/** Starts, runs `use` against the running server, and always closes it. */
async function withServer<T>(env: NodeJS.ProcessEnv, use: (s: Started, url: string) => Promise<T>): Promise<T> {
  const started = await start(env)
  try {
    return await use(started, `http://127.0.0.1:${(started.server.address() as AddressInfo).port}`)
  } finally {
    await started.close()
  }
}

async function postJson(url: string, body: unknown, token?: string) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers })
  return { status: response.status, body: (await response.json()) as Envelope<unknown> }
}

const login = async (url: string, openid: string) =>
  (okData((await postJson(`${url}/dev/login`, { openid })).body) as { token: string }).token

const seededMessages = () =>
  (console.log as jest.Mock).mock.calls.filter(([line]) => String(line).includes('seeded')).length

describe('startServer', () => {
  it('with SEED=demo seeds personas and grids once, across restarts on the same DATA_DIR', async () => {
    const token = await withServer({ SEED: 'demo' }, async ({ store }, url) => {
      expect(await store.grids.list({})).toHaveLength(DEMO_GRIDS.length)
      for (const persona of PERSONAS) expect(await store.users.getProfile(persona.openid)).toEqual(persona.profile)
      expect(await store.users.isAdmin('o_demo_admin')).toBe(true)
      return login(url, 'o_demo_leader')
    })
    await withServer({ SEED: 'demo' }, async ({ store }, url) => {
      expect(await store.grids.list({})).toHaveLength(DEMO_GRIDS.length)
      // The secret lives in DATA_DIR too: a token from before the restart still works.
      const me = okData((await postJson(`${url}/api/account`, { action: 'me' }, token)).body) as {
        roles: { leaderOf: string[] }
      }
      expect(me.roles.leaderOf).toHaveLength(2)
    })
    expect(seededMessages()).toBe(1)
  })

  it('with SEED=0 seeds only the towns', async () => {
    await withServer({ SEED: '0' }, async ({ store }) => {
      expect(await store.grids.list({})).toEqual([])
      expect((await store.grids.towns()).map((t) => t.id)).toEqual(XIHU_TOWNS.map((t) => t.id))
      expect(await store.users.getProfile('o_demo_member')).toBeNull()
    })
    expect(seededMessages()).toBe(0)
  })

  it('makes the ADMIN_OPENIDS admins', async () => {
    await withServer({ SEED: '0', ADMIN_OPENIDS: ' o_env_admin , o_env_admin2,' }, async (_s, url) => {
      for (const [openid, admin] of [
        ['o_env_admin', true],
        ['o_env_admin2', true],
        ['o_someone', false],
      ] as const) {
        const me = okData((await postJson(`${url}/api/account`, { action: 'me' }, await login(url, openid))).body)
        expect(me).toMatchObject({ roles: { admin } })
      }
    })
  })

  it('turns /dev/login off with DEV_LOGIN=0', async () => {
    await withServer({ SEED: '0', DEV_LOGIN: '0' }, async (_s, url) => {
      const answer = await postJson(`${url}/dev/login`, { openid: 'o_member' })
      expect(answer.status).toBe(404)
      expect(answer.body.ok).toBe(false)
    })
  })
})

describe('configFromEnv', () => {
  it('has the defaults of API.md', () => {
    expect(configFromEnv({})).toMatchObject({
      host: '127.0.0.1',
      port: 10086,
      dataDir: resolve('.data'),
      seed: 'demo',
      adminOpenids: [],
      devLogin: true,
      liveCodeSeconds: 30,
    })
  })

  it.each([
    ['2', 5],
    ['5', 5],
    ['0', 5],
    ['-10', 5],
    ['45.7', 45],
    ['abc', 30],
    ['', 30],
  ])('LIVE_CODE_SECONDS=%j gives %i (minimum 5)', (value, seconds) => {
    expect(configFromEnv({ LIVE_CODE_SECONDS: value }).liveCodeSeconds).toBe(seconds)
  })

  it('treats empty settings as unset', () => {
    expect(configFromEnv({ HOST: '', PORT: '', DATA_DIR: '', LIVE_CODE_SECONDS: '' })).toMatchObject({
      host: '127.0.0.1',
      port: 10086,
      dataDir: resolve('.data'),
      liveCodeSeconds: 30,
    })
  })

  it.each([
    ['0', false],
    ['1', true],
    ['', true],
  ])('DEV_LOGIN=%j gives devLogin %s', (value, devLogin) => {
    expect(configFromEnv({ DEV_LOGIN: value }).devLogin).toBe(devLogin)
  })
})
