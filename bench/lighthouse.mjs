#!/usr/bin/env node
/**
 * Lighthouse (performance, mobile, cold) on the H5 home of a running local server, signed out (选择身份) and
 * signed in (召集令 as the demo member: the token is put into localStorage first, the HTTP cache cleared),
 * the median of N runs with the figures that do not depend on the machine's load beside the score.
 *
 * Lighthouse is not a project dependency: point LIGHTHOUSE_DIR at a folder where it is installed
 * (`npm install lighthouse@12` there; 12.x runs on Node 20 with Debian's Chromium), e.g.
 *   LIGHTHOUSE_DIR=/tmp/lh node bench/lighthouse.mjs http://127.0.0.1:3000 3
 * Several servers (say, main's build and a change, each with STATIC_DIR=<its dist/h5>) are measured in
 * alternating runs, so that both see the same load of a shared machine:
 *   LIGHTHOUSE_DIR=/tmp/lh node bench/lighthouse.mjs http://127.0.0.1:3401 http://127.0.0.1:3402 5
 */
import { execSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const dir = process.env.LIGHTHOUSE_DIR
if (!dir) {
  console.error('LIGHTHOUSE_DIR is not set: install lighthouse@12 in a folder of its own and name it here')
  process.exit(2)
}
const require = createRequire(join(dir, 'package.json'))
const puppeteer = require('puppeteer-core')

const { default: lighthouse } = await import(join(dir, 'node_modules', 'lighthouse', 'core', 'index.js'))
const args = process.argv.slice(2)
const runsArg = args.length > 0 && /^\d+$/.test(args[args.length - 1]) ? args.pop() : '3'
const origins = args.length > 0 ? args : ['http://127.0.0.1:3000']
const runs = Number(runsArg)
const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium'
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking']

async function once(origin, signedIn) {
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: 'new', args: ARGS })
  try {
    const page = await browser.newPage()
    let flags = { output: 'json', onlyCategories: ['performance'], logLevel: 'error' }
    if (signedIn) {
      const res = await fetch(`${origin}/dev/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ openid: 'o_demo_member' }),
      })
      const token = (await res.json()).data.token
      await page.goto(`${origin}/healthz`)
      await page.evaluate((t) => localStorage.setItem('erwei.token', JSON.stringify({ data: t })), token)
      await (await page.createCDPSession()).send('Network.clearBrowserCache')
      flags = { ...flags, disableStorageReset: true }
    }
    const load = execSync('cat /proc/loadavg').toString().split(' ')[0]
    const { lhr } = await lighthouse(`${origin}/`, flags, undefined, page)
    const a = lhr.audits
    const requests = a['network-requests'].details.items
    const depth = (node) => Math.max(0, ...Object.values(node ?? {}).map((c) => 1 + depth(c.children)))
    return {
      score: lhr.categories.performance.score,
      fcpMs: Math.round(a['first-contentful-paint'].numericValue),
      lcpMs: Math.round(a['largest-contentful-paint'].numericValue),
      tbtMs: Math.round(a['total-blocking-time'].numericValue),
      cls: Number(a['cumulative-layout-shift'].numericValue.toFixed(3)),
      requests: requests.length,
      transferredKB: Math.round(requests.reduce((s, r) => s + (r.transferSize || 0), 0) / 1024),
      chainDepth: depth(a['critical-request-chains'].details?.chains),
      scriptMs: Math.round(a['bootup-time'].details.items.reduce((s, r) => s + (r.scripting || 0), 0)),
      load1m: Number(load),
      // Lighthouse's own measure of this machine's CPU at the time of the run (higher is faster): the
      // simulated 4x phone slowdown multiplies what this machine took, so TBT moves inversely with it.
      benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
    }
  } finally {
    await browser.close()
  }
}

const median = (rows, key) => rows.map((r) => r[key]).sort((x, y) => x - y)[Math.floor(rows.length / 2)]
for (const signedIn of [false, true]) {
  const rows = new Map(origins.map((o) => [o, []]))
  for (let i = 0; i < runs; i++) {
    // Alternate the order, so that neither server always runs first in a pair.
    for (const origin of i % 2 ? [...origins].reverse() : origins) rows.get(origin).push(await once(origin, signedIn))
  }
  for (const [origin, list] of rows) {
    const keys = Object.keys(list[0])
    const med = Object.fromEntries(keys.map((k) => [k, median(list, k)]))
    const where = origins.length > 1 ? ` ${origin}` : ''
    console.log(
      `${signedIn ? 'signed in (召集令)' : 'signed out (选择身份)'}${where}: median of ${runs}`,
      JSON.stringify(med),
      `scores ${list.map((r) => r.score).join(' ')}`,
    )
  }
}
