#!/usr/bin/env node
/**
 * Part of `npm run build:h5`: writes a gzip and a brotli copy beside every text asset of dist/h5 (.js, .css,
 * .html, .svg, .json), at the highest levels, once at build time, so the local server sends them without
 * compressing per request. Prints the totals.
 */
const { readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs')
const { join, extname } = require('node:path')
const { brotliCompressSync, gzipSync, constants } = require('node:zlib')

const root = join(__dirname, '..', 'dist', 'h5')
const TEXT = new Set(['.js', '.css', '.html', '.svg', '.json'])

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else if (TEXT.has(extname(name))) yield path
  }
}

let raw = 0
let gz = 0
let br = 0
for (const path of files(root)) {
  const body = readFileSync(path)
  const gzipped = gzipSync(body, { level: 9 })
  const brotli = brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  })
  writeFileSync(`${path}.gz`, gzipped)
  writeFileSync(`${path}.br`, brotli)
  raw += body.length
  gz += gzipped.length
  br += brotli.length
}
const kb = (n) => `${(n / 1024).toFixed(0)} KB`
console.log(`dist/h5 text assets: ${kb(raw)} raw, ${kb(gz)} gzip, ${kb(br)} brotli`)
