/**
 * Package sizes from existing builds: the weapp main package and each subpackage (dist/weapp, against
 * WeChat's 2048 KB per package and against weapp-budget.json when there is one), and the H5 JavaScript
 * and CSS, raw and gzip (dist/h5). Builds the weapp first (under the shared build lock) when it is missing.
 */
import { execSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { gzipSync } from 'node:zlib'
import { ratioOf, ROOT, round, type Row } from './lib'

export const WEAPP_LIMIT_KB = 2048
const WEAPP = join(ROOT, 'dist', 'weapp')
const H5 = join(ROOT, 'dist', 'h5')
export const BUDGET_FILE = join(ROOT, 'weapp-budget.json')

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(path) : [path]
  })
}

const kb = (bytes: number) => round(bytes / 1024, 1)

interface AppJson {
  subPackages?: { root: string }[]
  subpackages?: { root: string }[]
}

function ensureWeapp(): void {
  if (existsSync(join(WEAPP, 'app.json')) && existsSync(join(WEAPP, 'app.js'))) return
  console.log('bench: dist/weapp is missing, building it (flock /tmp/build.lock npm run build:weapp)…')
  execSync('flock /tmp/build.lock npm run build:weapp', { cwd: ROOT, stdio: 'inherit' })
}

/** Bytes of the main package and of each subpackage root, as WeChat counts them (every file of the output). */
export function weappPackages(): Record<string, number> {
  ensureWeapp()
  const app = JSON.parse(readFileSync(join(WEAPP, 'app.json'), 'utf8')) as AppJson
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/+$/, ''))
  const sizes: Record<string, number> = { main: 0, ...Object.fromEntries(roots.map((r) => [r, 0])) }
  for (const file of filesUnder(WEAPP)) {
    const path = relative(WEAPP, file).split(sep).join('/')
    const root = roots.find((r) => path === r || path.startsWith(`${r}/`))
    sizes[root ?? 'main'] += statSync(file).size
  }
  return sizes
}

/**
 * The budget in KB per package from weapp-budget.json, written by `npm run check:weapp -- --update-budget`:
 * bytes per package as miniprogram-ci reports them (`__APP__` for the main package, `admin/` for a
 * subpackage root).
 */
export function readBudget(): Record<string, number> | null {
  if (!existsSync(BUDGET_FILE)) return null
  const raw = JSON.parse(readFileSync(BUDGET_FILE, 'utf8')) as Record<string, unknown>
  const budget: Record<string, number> = {}
  for (const [name, bytes] of Object.entries(raw)) {
    if (typeof bytes !== 'number') continue
    budget[name === '__APP__' ? 'main' : name.replace(/\/+$/, '')] = kb(bytes)
  }
  return budget
}

export function sizeRows(): Row[] {
  const rows: Row[] = []
  const budget = readBudget()
  for (const [name, bytes] of Object.entries(weappPackages())) {
    const size = kb(bytes)
    const label = name === 'main' ? 'main package' : `subpackage ${name}`
    rows.push({
      section: 'weapp size',
      name: `${label} / 2048 KB limit`,
      value: size,
      unit: 'KB',
      against: { name: 'WeChat limit', value: WEAPP_LIMIT_KB },
      ratio: ratioOf(size, WEAPP_LIMIT_KB),
    })
    const allowed = budget?.[name]
    if (allowed !== undefined) {
      rows.push({
        section: 'weapp size',
        name: `${label} / budget`,
        value: size,
        unit: 'KB',
        against: { name: 'weapp-budget.json', value: allowed },
        ratio: ratioOf(size, allowed),
      })
    }
  }
  if (!existsSync(join(H5, 'index.html'))) {
    rows.push({ section: 'h5 size', name: 'dist/h5 missing', value: NaN, unit: 'KB', note: 'run npm run build:h5' })
    return rows
  }
  for (const ext of ['js', 'css']) {
    const files = filesUnder(H5).filter((f) => f.endsWith(`.${ext}`))
    const raw = files.reduce((n, f) => n + statSync(f).size, 0)
    const gzip = files.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0)
    rows.push({
      section: 'h5 size',
      name: `${ext.toUpperCase()} gzip / raw (${files.length} files)`,
      value: kb(gzip),
      unit: 'KB',
      against: { name: 'raw', value: kb(raw) },
      ratio: ratioOf(gzip, raw),
    })
  }
  return rows
}
