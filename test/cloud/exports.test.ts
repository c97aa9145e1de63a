/**
 * Exports past 256 KB (issue 16): written whole to storage and answered as a link — on SQLite a file the
 * local server serves under an unguessable, expiring name; on the cloud an instance killed mid-export
 * leaves no link and no file. The 20,000-row operation and time budgets are in test/cloud/budgets.test.ts.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { INLINE_MAX_BYTES } from '../../cloud/functions/exportFile'
import { EXPORT_LIMIT } from '../../cloud/functions/stats'
import { beijing, beijingMinute } from '../../cloud/domain/time'
import { createLocalPlatform } from '../../cloud/platform/local'
import { EXPORT_LINK_SECONDS } from '../../cloud/platform/port'
import type { SqliteTestStore } from '../support/store'
import { exportOn, exportWorld, EXPORT_NOW } from '../support/export-world'
import { settleWithin } from '../support/fleet'
import { onWxCloud } from '../support/store'
import { NOW, okData, seedGrid, startTestServer, type TestServer } from './helpers'

const describeOnCloud = onWxCloud() ? describe : describe.skip
const describeOnSqlite = onWxCloud() ? describe.skip : describe

const ADMIN = 'o_export_admin'
const ROWS = 6_000

describeOnSqlite('a large export on the local server', () => {
  let server: TestServer
  let clock = NOW
  beforeAll(async () => {
    server = await startTestServer({ adminOpenids: [ADMIN], now: () => clock })
    const grid = await seedGrid(server.store)
    const db = (server.store as SqliteTestStore).db
    const insert = db.prepare(
      `INSERT INTO checkins (id, openid, request_id, grid_id, method, verified_json, at)
       VALUES (?, ?, ?, ?, 'poster', '["poster"]', ?)`,
    )
    db.transaction(() => {
      for (let i = 0; i < ROWS; i++)
        insert.run(
          `c${i}`,
          `o_export_m${i % 300}`,
          `r${i}`,
          grid.id,
          new Date(NOW.getTime() - i * 60_000).toISOString(),
        )
    })()
  })
  afterAll(() => server.close())

  it('answers a link instead of the CSV, and the link downloads the whole file until it expires', async () => {
    const token = await server.login(ADMIN)
    const file = okData((await server.post('stats', 'export', { kind: 'checkins' }, token)).body) as {
      filename: string
      csv: string
      url: string
      expiresAt: string
    }
    expect(file.csv).toBe('')
    expect(file.expiresAt).toBe(new Date(NOW.getTime() + EXPORT_LINK_SECONDS * 1000).toISOString())
    const [, , stem, name] = file.url.split('/')
    expect(stem).toMatch(/^\d{13}-[0-9a-f]{32}$/)
    expect(decodeURIComponent(name)).toBe(file.filename)

    const download = await fetch(server.baseUrl + file.url)
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(download.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    )
    const body = Buffer.from(await download.arrayBuffer())
    expect(body.length).toBeGreaterThan(INLINE_MAX_BYTES)
    const lines = body
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines).toHaveLength(Math.min(ROWS, EXPORT_LIMIT) + 1)
    expect(lines[0]).toContain('签到时间')

    // Another name for the same folder, a guessed stem, a partial file: not found.
    const wrong = stem.replace(/.$/, (c) => (c === '0' ? '1' : '0'))
    expect((await fetch(`${server.baseUrl}/files/${wrong}/x.csv`)).status).toBe(404)
    const partial = `${String(NOW.getTime() + 3_600_000)}-${'a'.repeat(32)}`
    writeFileSync(join(server.dataDir, 'exports', `.${partial}.partial`), 'half')
    expect((await fetch(`${server.baseUrl}/files/${partial}/x.csv`)).status).toBe(404)

    clock = new Date(Date.parse(file.expiresAt))
    const expired = await fetch(server.baseUrl + file.url)
    expect(expired.status).toBe(404)
    expect(((await expired.json()) as { error: { message: string } }).error.message).toBe('下载链接已过期，请重新导出')
    clock = NOW
  })
})

describeOnCloud('a large export on the cloud database', () => {
  let world: Awaited<ReturnType<typeof exportWorld>>
  beforeAll(async () => {
    world = await exportWorld({ members: 300, grids: 10, summons: 20, checkins: ROWS, perSummon: 10 })
  }, 60_000)

  it('pages through the check-ins (a transient error on a page is sent again) and answers a link', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'erwei-export-'))
    const envelope = await exportOn(
      world.instance({ failAt: [3, 5] }),
      createLocalPlatform({ exportsDir: dir }),
    )('checkins')
    const file = okData(envelope)
    expect(file.csv).toBe('')
    expect(file.url).toMatch(/^\/files\/\d{13}-[0-9a-f]{32}\//)
    expect(Date.parse(file.expiresAt!)).toBe(EXPORT_NOW.getTime() + EXPORT_LINK_SECONDS * 1000)
    expect(readdirSync(dir).filter((f) => f.endsWith('.csv'))).toHaveLength(1)
  })

  it('an instance killed at any operation of the export hands back nothing and stores nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'erwei-export-'))
    const platform = createLocalPlatform({ exportsDir: dir })
    const upload = jest.spyOn(platform, 'uploadExport')
    const probe = world.instance()
    await exportOn(probe, createLocalPlatform({ exportsDir: mkdtempSync(join(tmpdir(), 'erwei-export-')) }))('checkins')
    for (let killAfter = 0; killAfter < probe.ops; killAfter++) {
      for (const plan of [{ killAfter }, { killAt: killAfter + 1 }]) {
        const answer = await settleWithin(exportOn(world.instance(plan), platform)('checkins'), 100)
        expect({ plan, answer }).toEqual({ plan, answer: 'hung' })
      }
    }
    expect(upload).not.toHaveBeenCalled()
    expect(readdirSync(dir)).toEqual([])
  }, 60_000)

  it('a failed upload answers an error, never a link', async () => {
    const platform = createLocalPlatform({ exportsDir: mkdtempSync(join(tmpdir(), 'erwei-export-')) })
    jest.spyOn(platform, 'uploadExport').mockRejectedValueOnce(new Error('-501001 storage busy'))
    jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const envelope = await exportOn(world.instance(), platform)('checkins')
    expect(envelope.ok).toBe(false)
  })
})

describe('the exports’ Beijing time', () => {
  it('formats as dayjs does, without its time-zone plugin', () => {
    for (const iso of ['2026-06-01T02:00:00.000Z', '2026-12-31T16:30:59.999Z', '2027-02-28T15:59:00.000Z'])
      expect(beijingMinute(iso)).toBe(beijing(iso))
  })
})
