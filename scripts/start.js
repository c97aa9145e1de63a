#!/usr/bin/env node
'use strict'
/**
 * `npm start`: builds the H5 app when it is missing or older than its sources (or when FORCE_BUILD=1),
 * then starts the local server (cloud functions over HTTP + the H5 app at `/`) with the environment as
 * given: HOST, PORT, DATA_DIR, SEED, ADMIN_OPENIDS, DEV_LOGIN, LIVE_CODE_SECONDS (see README.md).
 * Relative paths (DATA_DIR, the default `.data`) are taken from the project root.
 *
 * Plain Node on purpose: the server's TypeScript is loaded through tsx's require hook.
 * The end-to-end tests reuse `ensureH5()` from here.
 */
const fs = require('node:fs')
const path = require('node:path')
const { runH5Build } = require('./build-h5')

const ROOT = path.resolve(__dirname, '..')
const H5_INDEX = path.join(ROOT, 'dist', 'h5', 'index.html')
/** What the H5 bundle is built from: a change to any file here makes the bundle stale. */
const SOURCES = ['src', 'types', 'config', 'babel.config.js']

const log = (line) => console.log(`[start] ${line}`)

/** The newest file under `entry` (a file or a folder) as { file, mtimeMs }, or null if there is none. */
function newestFile(entry) {
  let stat
  try {
    stat = fs.statSync(entry)
  } catch {
    return null
  }
  if (!stat.isDirectory()) return { file: entry, mtimeMs: stat.mtimeMs }
  let newest = null
  for (const name of fs.readdirSync(entry)) {
    const found = newestFile(path.join(entry, name))
    if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found
  }
  return newest
}

/** Why the H5 app must be (re)built, or null when dist/h5 is up to date. */
function h5BuildReason(env = process.env) {
  if (env.FORCE_BUILD === '1') return 'FORCE_BUILD=1'
  if (!fs.existsSync(H5_INDEX)) return 'dist/h5/index.html is missing'
  const builtAt = fs.statSync(H5_INDEX).mtimeMs
  for (const source of SOURCES) {
    const newest = newestFile(path.join(ROOT, source))
    if (newest && newest.mtimeMs > builtAt) return `${path.relative(ROOT, newest.file)} changed since the last build`
  }
  return null
}

let building = null

/** Builds the H5 app as `npm run build:h5` does (scripts/build-h5.js: taro, then the compressed copies). */
function buildH5(env = process.env) {
  const childEnv = { ...env }
  // Jest sets NODE_ENV=test; the bundle must be the same as `npm run build:h5` makes.
  if (childEnv.NODE_ENV === 'test') delete childEnv.NODE_ENV
  delete childEnv.FORCE_BUILD
  return runH5Build({ env: childEnv, onChild: (child) => (building = child) })
}

/** Builds the H5 app if it is missing or stale; answers whether it built. */
async function ensureH5(env = process.env) {
  const reason = h5BuildReason(env)
  if (!reason) {
    log('H5 app is up to date (dist/h5); FORCE_BUILD=1 rebuilds it')
    return false
  }
  log(`building the H5 app: ${reason} …`)
  const started = Date.now()
  await buildH5(env)
  log(`H5 app built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return true
}

/** The address to open in a browser for a server listening on `host`. */
function browsableUrl(host, port) {
  const local = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host
  return `http://${local.includes(':') ? `[${local}]` : local}:${port}`
}

function onPortInUse(err) {
  if (err && err.code === 'EADDRINUSE') {
    console.error(`[start] port ${err.port} is already in use: stop the other server or run with PORT=<another port>`)
  } else {
    console.error(err)
  }
  process.exit(1)
}

async function main() {
  process.chdir(ROOT)
  let stopping = false
  const interrupt = (signal) => {
    if (building) building.kill('SIGTERM')
    process.exit(signal === 'SIGINT' ? 130 : 143)
  }
  process.once('SIGINT', interrupt)
  process.once('SIGTERM', interrupt)

  await ensureH5(process.env)

  process.on('uncaughtException', onPortInUse)
  require('tsx/cjs/api').register()
  const { startServer } = require('../cloud/server/main.ts')
  const { config, close } = await startServer(process.env)
  process.removeListener('uncaughtException', onPortInUse)

  const stop = () => {
    if (stopping) process.exit(130) // a second Ctrl-C does not wait
    stopping = true
    log('stopping …')
    close().then(() => process.exit(0))
  }
  process.removeListener('SIGINT', interrupt)
  process.removeListener('SIGTERM', interrupt)
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)

  const url = browsableUrl(config.host, config.port)
  log(`data: ${config.dataDir} · demo data: ${config.seed === 'demo' ? 'on' : 'off'}`)
  console.log(`\n  二维报到 is running at ${url}  (open it, pick an identity; Ctrl-C stops)\n`)
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`[start] ${err && err.message ? err.message : err}`)
    process.exit(1)
  })
}

module.exports = { ROOT, H5_INDEX, h5BuildReason, buildH5, ensureH5, browsableUrl }
