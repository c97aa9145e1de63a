#!/usr/bin/env node
'use strict'
/**
 * The H5 build recipe, in one place for `npm run build:h5`, `npm run dev:h5` and `npm start`
 * (scripts/start.js): `taro build --type h5` with any extra arguments passed on, then — unless it is
 * watching — scripts/compress-h5.js, which writes the brotli and gzip copies the local server sends
 * (without them every visitor downloads the JavaScript uncompressed).
 *
 * `node scripts/build-h5.js [--watch …]`
 */
const { spawn } = require('node:child_process')
const path = require('node:path')

const ROOT = path.resolve(__dirname, '..')

/** The commands of an H5 build, in order, each as [script, ...args] for `node`. */
function h5BuildSteps(args = []) {
  const taro = require.resolve('@tarojs/cli/bin/taro', { paths: [ROOT] })
  const steps = [[taro, 'build', '--type', 'h5', ...args]]
  // A watching build never ends; its bundles are for the developer's own browser.
  if (!args.includes('--watch')) steps.push([path.join(__dirname, 'compress-h5.js')])
  return steps
}

/**
 * Runs the steps one after another in the project root; resolves when the last succeeds, rejects
 * naming the step that failed. `onChild` sees each child process (to stop it on Ctrl-C).
 */
async function runH5Build({ args = [], env = process.env, onChild = () => undefined } = {}) {
  for (const [script, ...rest] of h5BuildSteps(args)) {
    const name = `${path.basename(script)}${rest.length ? ` ${rest.join(' ')}` : ''}`
    await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [script, ...rest], { cwd: ROOT, env, stdio: 'inherit' })
      onChild(child)
      child.on('error', reject)
      child.on('exit', (code, signal) => {
        onChild(null)
        if (code === 0) resolve()
        else reject(new Error(`${name} failed (${signal ? `signal ${signal}` : `exit code ${code}`})`))
      })
    })
  }
}

if (require.main === module) {
  runH5Build({ args: process.argv.slice(2) }).catch((err) => {
    console.error(`[build:h5] ${err && err.message ? err.message : err}`)
    process.exit(1)
  })
}

module.exports = { h5BuildSteps, runH5Build }
