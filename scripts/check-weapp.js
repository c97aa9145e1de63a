#!/usr/bin/env node
/**
 * `npm run check:weapp` (part 1): reads the production weapp build as WeChat would, with miniprogram-ci's
 * offline `checkCodeQuality`, and fails when the main package or a subpackage is over 2 MB, or has grown
 * more than 10% over weapp-budget.json. `--update-budget` writes today's sizes as the budget.
 */
const { generateKeyPairSync } = require('node:crypto')
const { existsSync, mkdtempSync, readFileSync, writeFileSync } = require('node:fs')
const { tmpdir } = require('node:os')
const { join, resolve } = require('node:path')

const root = resolve(__dirname, '..')
const projectPath = join(root, 'dist', 'weapp')
const budgetFile = join(root, 'weapp-budget.json')
const LIMIT = 2048 * 1024
const GROWTH = 1.1

async function packageSizes() {
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
  const checks = await ci.checkCodeQuality(project)
  return checks.find((c) => c.name === 'PACKAGE_SIZE_LIMIT').detail
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`

async function main() {
  if (!existsSync(join(projectPath, 'app.json')))
    throw new Error('dist/weapp is missing: run `npm run build:weapp` first')
  const sizes = await packageSizes()
  const budget = existsSync(budgetFile) ? JSON.parse(readFileSync(budgetFile, 'utf8')) : null
  const failures = []
  console.log('package        size        limit      budget')
  for (const [name, bytes] of Object.entries(sizes)) {
    const allowed = budget && budget[name] ? Math.round(budget[name] * GROWTH) : null
    console.log(
      `${(name === '__APP__' ? 'main' : name).padEnd(14)} ${kb(bytes).padEnd(11)} ${kb(LIMIT).padEnd(10)} ${allowed ? kb(allowed) : '—'}`,
    )
    if (bytes > LIMIT) failures.push(`${name} is ${kb(bytes)}, over WeChat's 2 MB limit`)
    if (allowed && bytes > allowed)
      failures.push(`${name} grew to ${kb(bytes)}, more than 10% over its budget of ${kb(budget[name])}`)
  }
  if (!budget || process.argv.includes('--update-budget')) {
    writeFileSync(budgetFile, `${JSON.stringify(sizes, null, 2)}\n`)
    console.log(`wrote ${budgetFile}`)
  }
  if (failures.length) throw new Error(failures.join('\n'))
  console.log('weapp package sizes: ok')
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err.message)
    process.exit(1)
  },
)
