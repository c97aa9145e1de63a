#!/usr/bin/env node
/**
 * `npm run build:cloud`: bundles each cloud function into cloudfunctions/<name>/ (index.js, package.json,
 * config.json) for WeChat Cloud: CommonJS for the cloud's Node runtime, wx-server-sdk left external, no
 * TypeScript source in the folders.
 */
const { buildSync } = require('esbuild')
const { mkdirSync, rmSync, writeFileSync, statSync } = require('node:fs')
const { join, resolve } = require('node:path')

const root = resolve(__dirname, '..')
const out = join(root, 'cloudfunctions')
const SDK_VERSION = '~3.0.1'

/** Each function, the OpenAPIs it calls, and (for the job) its timer trigger. */
const FUNCTIONS = {
  account: { openapi: ['phonenumber.getPhoneNumber'] },
  grids: { openapi: ['wxacode.getUnlimited'] },
  checkin: { openapi: [] },
  // setUpdatableMsg: sign-ups and cancellations push the share card's count themselves.
  summons: {
    openapi: ['updatableMessage.createActivityId', 'updatableMessage.setUpdatableMsg', 'subscribeMessage.send'],
  },
  plans: { openapi: ['security.msgSecCheck', 'subscribeMessage.send'] },
  stats: { openapi: [] },
  orgs: { openapi: [] },
  hours: { openapi: [] },
  jobs: {
    openapi: ['subscribeMessage.send', 'updatableMessage.setUpdatableMsg'],
    // Every 5 minutes: reminders an hour before the start, promotion notices, quiet grids.
    triggers: [{ name: 'every5min', type: 'timer', config: '0 */5 * * * * *' }],
  },
}

rmSync(out, { recursive: true, force: true })
for (const [name, spec] of Object.entries(FUNCTIONS)) {
  const dir = join(out, name)
  mkdirSync(dir, { recursive: true })
  const entry =
    name === 'jobs'
      ? `exports.main = require('./cloud/wx/main.ts').runJobs`
      : `exports.main = require('./cloud/wx/main.ts').handlerFor(${JSON.stringify(name)})`
  buildSync({
    stdin: { contents: entry, resolveDir: root, sourcefile: `${name}-entry.js`, loader: 'js' },
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    outfile: join(dir, 'index.js'),
    legalComments: 'none',
    logLevel: 'warning',
  })
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name, version: '1.0.0', private: true, main: 'index.js', dependencies: { 'wx-server-sdk': SDK_VERSION } }, null, 2)}\n`,
  )
  const config = { permissions: { openapi: spec.openapi } }
  if (spec.triggers) config.triggers = spec.triggers
  writeFileSync(join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`)
  console.log(`cloudfunctions/${name}: ${(statSync(join(dir, 'index.js')).size / 1024).toFixed(0)} KB`)
}
