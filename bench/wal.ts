/**
 * What a poster check-in costs SQLite's write-ahead log: the real store records first reports (a new
 * member × grid pair each, 200 grids) in transactions of 40, as group commit does under load, with the
 * automatic checkpoint off as the server runs it. This build's new database (2 KB pages) against one
 * created with SQLite's default 4 KB pages, in the same run. Bytes are exact; CPU is a median.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { createSqliteStore } from '../cloud/store/sqlite'
import { median, round, type Row } from './lib'

const GRIDS = 200
const CHECKINS = 12_000
const BATCH = 40
const RUNS = 3

async function once(pageSize: number | null): Promise<{ walKB: number; cpuUs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'erwei-bench-wal-'))
  const file = join(dir, 'erwei.sqlite')
  try {
    if (pageSize) {
      // A database made before this build: the page size is fixed when the first table is written.
      const old = new Database(file)
      old.pragma(`page_size = ${pageSize}`)
      old.exec('CREATE TABLE made_before (x); DROP TABLE made_before')
      old.close()
    }
    const store = createSqliteStore(file)
    const now = new Date()
    store.db.exec('BEGIN')
    const grids: string[] = []
    for (let g = 0; g < GRIDS; g++) {
      const input = {
        name: `压测网格 ${g}`,
        townId: 'xixi',
        kind: 'building' as const,
        base: { address: `压测路 ${g} 号` },
      }
      grids.push((await store.grids.create(input, now)).id)
    }
    store.db.exec('COMMIT')
    store.db.pragma('wal_checkpoint(TRUNCATE)')
    store.db.pragma('wal_autocheckpoint = 0')
    const started = process.cpuUsage()
    for (let i = 0; i < CHECKINS; i += BATCH) {
      store.db.exec('BEGIN')
      for (let j = i; j < i + BATCH; j++) {
        const input = {
          openid: `o_bench_${j}`,
          requestId: `r_${j}`,
          gridId: grids[j % GRIDS],
          summonId: null,
          method: 'poster' as const,
          verifiedBy: ['poster' as const],
        }
        await store.checkins.record(input, new Date(now.getTime() + j), 5)
      }
      store.db.exec('COMMIT')
    }
    const cpu = process.cpuUsage(started)
    const walKB = statSync(`${file}-wal`).size / 1024 / CHECKINS
    store.db.close()
    return { walKB, cpuUs: (cpu.user + cpu.system) / CHECKINS }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function walRows(): Promise<Row[]> {
  const now: { walKB: number; cpuUs: number }[] = []
  const before: { walKB: number; cpuUs: number }[] = []
  // Alternating, so both see the same moments of the machine.
  for (let r = 0; r < RUNS; r++) {
    now.push(await once(null))
    before.push(await once(4096))
  }
  const walNow = median(now.map((x) => x.walKB))
  const walBefore = median(before.map((x) => x.walKB))
  const cpuNow = median(now.map((x) => x.cpuUs))
  const cpuBefore = median(before.map((x) => x.cpuUs))
  const series = `${CHECKINS} first reports at ${GRIDS} grids, ${BATCH} per commit`
  return [
    {
      section: 'sqlite',
      name: `WAL written per poster check-in (${series})`,
      value: round(walNow, 2),
      unit: 'KB',
      against: { name: 'a database with 4 KB pages', value: round(walBefore, 2) },
      ratio: round(walNow / walBefore, 3),
    },
    {
      section: 'sqlite',
      name: `CPU per poster check-in, record and commit (${series})`,
      value: round(cpuNow, 1),
      unit: 'µs',
      against: { name: 'a database with 4 KB pages', value: round(cpuBefore, 1) },
      ratio: round(cpuNow / cpuBefore, 3),
      note: `median of ${RUNS}, alternating`,
    },
  ]
}
