#!/usr/bin/env node
/**
 * `npm run check:weapp` (part 1): reads the production weapp build (dist/weapp) as WeChat would and
 * fails, listing every broken rule, when
 * - the main package is over 598 KB (issue 13: what WeChat downloads before the first screen; the tabs
 *   only, every other page in a subpackage), or over weapp-budget.json's `__APP__` if that is lower;
 * - a subpackage is over 2 MB, or has grown more than 10% over weapp-budget.json (`--update-budget`
 *   writes today's subpackage sizes as their budget; the main package's stays the ceiling);
 * - any item of miniprogram-ci's offline `checkCodeQuality` fails (JS/WXML/WXSS compression, lazy code
 *   loading, unused files …);
 * - any .js file is newer than ES2015 (scripts/check-weapp-syntax.js: what iOS 10 parses);
 * - app.json lacks `style: "v2"` or `sitemapLocation`, sitemap.json is missing or lets WeChat search index
 *   a leader or admin page, or a public page is not allowed;
 * - the H5-only 选择身份 page (pages/login) is in app.json, or any weapp file refers to it;
 * - the build (dist/weapp-build-report.json, written by config/index.ts) reported a mini-css-extract
 *   "Conflicting order" warning, or did not write the report.
 */
const { generateKeyPairSync } = require('node:crypto')
const { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs')
const { tmpdir } = require('node:os')
const { join, relative, resolve } = require('node:path')
const syntax = require('./check-weapp-syntax')

const root = resolve(__dirname, '..')
const projectPath = join(root, 'dist', 'weapp')
const budgetFile = join(root, 'weapp-budget.json')
const buildReportFile = join(root, 'dist', 'weapp-build-report.json')
const LIMIT = 2048 * 1024
/** The main package's ceiling (issue 13), whatever weapp-budget.json says. */
const MAIN_LIMIT = 598 * 1024
const GROWTH = 1.1
const LOGIN_PAGE = 'pages/login/index'
// The pages WeChat search may index (sitemap.json): what anyone may read without an account or a role.
const PUBLIC_PAGES = [
  'pages/summons/index',
  'member/pages/summon/index',
  'pages/plans/index',
  'member/pages/plan/index',
  'member/pages/grids/index',
  'member/pages/grid/index',
]

async function codeQuality() {
  const ci = require('miniprogram-ci')
  // The analysis is offline; the appid and key only satisfy the project's constructor.
  const keyPath = join(mkdtempSync(join(tmpdir(), 'mpci-')), 'key.pem')
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 })
  writeFileSync(keyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }))
  const project = new ci.Project({
    appid: 'wx0000000000000000',
    type: 'miniProgram',
    projectPath,
    privateKeyPath: keyPath,
    ignores: ['node_modules/**/*'],
  })
  return ci.checkCodeQuality(project)
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

/** WeChat's sitemap semantics: the first rule whose `page` is the page or `*` decides; none means allowed. */
function sitemapAllows(sitemap, page) {
  const rule = (sitemap.rules || []).find((r) => r.page === page || r.page === '*')
  return !rule || rule.action !== 'disallow'
}

/** Every page of app.json, subpackage pages with their root. */
function allPages(app) {
  const subPackages = app.subPackages || app.subpackages || []
  return [...app.pages, ...subPackages.flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`))]
}

function checkAppJson(failures) {
  const app = JSON.parse(readFileSync(join(projectPath, 'app.json'), 'utf8'))
  if (app.style !== 'v2') failures.push(`app.json: style is ${JSON.stringify(app.style)}, not "v2"`)
  const pages = allPages(app)
  if (pages.includes(LOGIN_PAGE)) failures.push(`app.json ships the H5-only page ${LOGIN_PAGE}`)
  // Nothing in the weapp may navigate to (or otherwise name) the page it does not ship.
  for (const path of files(projectPath).filter((f) => /\.(js|json|wxml)$/.test(f))) {
    if (readFileSync(path, 'utf8').includes(LOGIN_PAGE))
      failures.push(`${relative(projectPath, path)} refers to ${LOGIN_PAGE}`)
  }
  if (app.sitemapLocation !== 'sitemap.json') {
    failures.push(`app.json: sitemapLocation is ${JSON.stringify(app.sitemapLocation)}, not "sitemap.json"`)
    return
  }
  const sitemapFile = join(projectPath, app.sitemapLocation)
  if (!existsSync(sitemapFile)) {
    failures.push('dist/weapp/sitemap.json is missing')
    return
  }
  const sitemap = JSON.parse(readFileSync(sitemapFile, 'utf8'))
  for (const page of pages) {
    const allowed = sitemapAllows(sitemap, page)
    if (/^(leader|admin)\//.test(page) && allowed) failures.push(`sitemap.json lets WeChat search index ${page}`)
    if (PUBLIC_PAGES.includes(page) && !allowed)
      failures.push(`sitemap.json keeps the public page ${page} out of search`)
    if (!/^(leader|admin)\//.test(page) && !PUBLIC_PAGES.includes(page) && allowed)
      failures.push(`sitemap.json lets WeChat search index ${page}, which is not a public page`)
  }
  for (const page of PUBLIC_PAGES) if (!pages.includes(page)) failures.push(`app.json has no public page ${page}`)
}

function checkBuildReport(failures) {
  if (!existsSync(buildReportFile)) {
    failures.push(
      'dist/weapp-build-report.json is missing: build with `npm run build:weapp` (config/index.ts writes it)',
    )
    return
  }
  const reportTime = statSync(buildReportFile).mtimeMs
  if (reportTime < statSync(join(projectPath, 'app.json')).mtimeMs - 60_000)
    failures.push('dist/weapp-build-report.json is older than dist/weapp: rebuild')
  const report = JSON.parse(readFileSync(buildReportFile, 'utf8'))
  const conflicts = [...report.warnings, ...report.errors].filter((m) => m.includes('Conflicting order'))
  if (conflicts.length)
    failures.push(
      `the build reported ${conflicts.length} mini-css-extract-plugin "Conflicting order" warnings, e.g.\n${conflicts[0]}`,
    )
}

async function main() {
  if (!existsSync(join(projectPath, 'app.json')))
    throw new Error('dist/weapp is missing: run `npm run build:weapp` first')
  const checks = await codeQuality()
  const sizes = checks.find((c) => c.name === 'PACKAGE_SIZE_LIMIT').detail
  const budget = existsSync(budgetFile) ? JSON.parse(readFileSync(budgetFile, 'utf8')) : null
  const failures = []
  console.log('package        size                   limit      budget')
  for (const [name, bytes] of Object.entries(sizes)) {
    const isMain = name === '__APP__'
    const allowed = isMain
      ? Math.min(MAIN_LIMIT, (budget && budget[name]) || MAIN_LIMIT)
      : budget && budget[name]
        ? Math.round(budget[name] * GROWTH)
        : null
    console.log(
      `${(isMain ? 'main' : name).padEnd(14)} ${`${kb(bytes)} (${bytes} B)`.padEnd(22)} ${kb(LIMIT).padEnd(10)} ${allowed ? kb(allowed) : '—'}`,
    )
    if (bytes > LIMIT) failures.push(`${name} is ${kb(bytes)}, over WeChat's 2 MB limit`)
    if (isMain && bytes > allowed)
      failures.push(
        `the main package is ${kb(bytes)} (${bytes} B), over its ${kb(allowed)} (${allowed} B) ceiling: move pages or code used only by them into a subpackage`,
      )
    if (!isMain && allowed && bytes > allowed)
      failures.push(`${name} grew to ${kb(bytes)}, more than 10% over its budget of ${kb(budget[name])}`)
  }
  if (!budget || process.argv.includes('--update-budget')) {
    writeFileSync(budgetFile, `${JSON.stringify({ ...sizes, __APP__: MAIN_LIMIT }, null, 2)}\n`)
    console.log(`wrote ${budgetFile}`)
  }
  const sections = []
  const section = (name, run) => {
    const before = failures.length
    run()
    sections.push(`${name}: ${failures.length === before ? 'ok' : 'FAILED'}`)
  }
  section('package sizes', () => undefined)
  section('code quality', () => {
    for (const c of checks) if (!c.success) failures.push(`checkCodeQuality ${c.name}: ${c.text}`)
  })
  section(`syntax (ES${syntax.ECMA_VERSION})`, () => {
    const result = syntax.report(projectPath)
    if (!result.ok) failures.push(result.text)
  })
  section('app.json, sitemap and H5-only pages', () => checkAppJson(failures))
  section('build warnings', () => checkBuildReport(failures))
  for (const line of sections) console.log(line)
  if (failures.length) throw new Error(`weapp checks failed:\n- ${failures.join('\n- ')}`)
  console.log('weapp checks: ok')
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err.message)
    process.exit(1)
  },
)
