/**
 * `npm run bench`: every benchmark, one table (ratios first), also written to bench/report.json.
 * `npm run bench -- sizes stats` runs only the named parts (sizes, http, dbops, stats, growth, wal).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { dbOpsRows } from './dbops'
import { growthRows } from './growth'
import { httpRows } from './http'
import { ROOT, round, type Row } from './lib'
import { sizeRows } from './sizes'
import { statsRows } from './stats'
import { walRows } from './wal'

const LOG_DIR = join(ROOT, 'test-results', 'bench')

const PARTS: Record<string, () => Row[] | Promise<Row[]>> = {
  sizes: sizeRows,
  dbops: dbOpsRows,
  stats: statsRows,
  growth: growthRows,
  wal: walRows,
  http: () => httpRows(LOG_DIR),
}

const fmt = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '' : String(n))

function table(rows: Row[]): string {
  const lines = [
    ['ratio', 'measure', 'value', 'against'],
    ...rows.map((r) => [
      fmt(r.ratio),
      `[${r.section}] ${r.name}`,
      `${fmt(r.value)} ${r.unit}`,
      [r.against ? `${r.against.name}: ${fmt(r.against.value)}` : '', r.note ?? ''].filter(Boolean).join('; '),
    ]),
  ]
  const widths = lines[0].map((_, c) => Math.max(...lines.map((l) => [...l[c]].length)))
  const line = (cells: string[]) =>
    `| ${cells.map((cell, c) => cell + ' '.repeat(widths[c] - [...cell].length)).join(' | ')} |`
  return [line(lines[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.slice(1).map(line)].join('\n')
}

async function main(): Promise<void> {
  mkdirSync(LOG_DIR, { recursive: true })
  const wanted = process.argv.slice(2).filter((a) => a in PARTS)
  const started = Date.now()
  const rows: Row[] = []
  const seconds: Record<string, number> = {}
  for (const name of wanted.length ? wanted : Object.keys(PARTS)) {
    const t0 = Date.now()
    console.log(`bench: ${name}…`)
    rows.push(...(await PARTS[name]()))
    seconds[name] = round((Date.now() - t0) / 1000, 1)
  }
  const report = {
    generatedAt: new Date().toISOString(),
    machine: { node: process.version, cores: cpus().length, loadavg1m: round(loadavg()[0], 2) },
    seconds: { ...seconds, total: round((Date.now() - started) / 1000, 1) },
    rows,
  }
  writeFileSync(join(ROOT, 'bench', 'report.json'), `${JSON.stringify(report, null, 2)}\n`)
  console.log(`\n${table(rows)}\n`)
  console.log(`bench: ${report.seconds.total} s (${JSON.stringify(seconds)}); written to bench/report.json`)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
