#!/usr/bin/env node
/**
 * The weapp's syntax level: parses every .js file under dist/weapp with acorn at ES2015, as a script, and
 * fails listing each file that does not parse with its first offending position and the code there.
 *
 * Why ES2015: project.config.json keeps WeChat's ES6→ES5 conversion off (`es6: false`), so the phone
 * runs what the build emits; on iOS the logic layer is the system's JavaScriptCore, and iOS 10 — the
 * build's target (babel.config.js) — has all of ES2015 and none of `?.`, `??`, `??=`, object spread or
 * async functions, each a SyntaxError at launch. Run alone: `node scripts/check-weapp-syntax.js [dir]`.
 */
const { readdirSync, readFileSync, statSync } = require('node:fs')
const { join, relative, resolve } = require('node:path')

const ECMA_VERSION = 2015

function jsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return jsFiles(path)
    return name.endsWith('.js') ? [path] : []
  })
}

/** Every file of `dir` that does not parse at ES2015: `{ file, line, column, message, excerpt }`. */
function checkSyntax(dir) {
  const acorn = require('acorn')
  const failures = []
  const files = jsFiles(dir)
  for (const path of files) {
    const code = readFileSync(path, 'utf8')
    try {
      acorn.parse(code, { ecmaVersion: ECMA_VERSION, sourceType: 'script' })
    } catch (err) {
      const pos = typeof err.pos === 'number' ? err.pos : 0
      failures.push({
        file: relative(dir, path),
        line: err.loc ? err.loc.line : 0,
        column: err.loc ? err.loc.column + 1 : 0,
        message: err.message.replace(/ \(\d+:\d+\)$/, ''),
        excerpt: code.slice(Math.max(0, pos - 40), pos + 30).replace(/\s+/g, ' '),
      })
    }
  }
  return { files: files.length, failures }
}

function report(dir) {
  const { files, failures } = checkSyntax(dir)
  if (!failures.length) return { ok: true, text: `all ${files} .js files parse as ES${ECMA_VERSION}` }
  const lines = failures.map((f) => `  ${f.file}:${f.line}:${f.column} ${f.message} near ${JSON.stringify(f.excerpt)}`)
  return {
    ok: false,
    text: `${failures.length} of ${files} .js files are newer than ES${ECMA_VERSION}:\n${lines.join('\n')}`,
  }
}

module.exports = { checkSyntax, report, ECMA_VERSION }

if (require.main === module) {
  const dir = resolve(process.argv[2] || join(__dirname, '..', 'dist', 'weapp'))
  const { ok, text } = report(dir)
  ;(ok ? console.log : console.error)(`weapp syntax: ${text}`)
  process.exit(ok ? 0 : 1)
}
