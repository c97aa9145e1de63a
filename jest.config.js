/**
 * `npm test`: the cloud suites (Node, real SQLite) and the page suites (jsdom, Taro test utils over the
 * real handlers in-process). Browser journeys have their own config (test/e2e).
 */
const nodeTransform = [
  'babel-jest',
  {
    babelrc: false,
    configFile: false,
    presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
  },
]

/**
 * A project kept in its own file, loaded so that a broken one fails `npm test` instead of vanishing from
 * the run: a file that does not load, names a setup file or environment that does not exist, or whose
 * roots hold no test, stops jest with the reason (the run used to pass with the page suites silently gone).
 */
function loadProject(file) {
  const fs = require('node:fs')
  const path = require('node:path')
  let project
  try {
    project = require(file)
  } catch (err) {
    throw new Error(`jest project ${file} failed to load: ${err && err.message ? err.message : err}`)
  }
  const broken = (why) => {
    throw new Error(`jest project ${file} (${project.displayName}) is broken: ${why}`)
  }
  const rootDir = project.rootDir || __dirname
  const resolved = (p) => p.replace('<rootDir>', rootDir)
  const files = [
    ...(project.setupFiles || []),
    ...(project.setupFilesAfterEnv || []),
    ...(typeof project.testEnvironment === 'string' && project.testEnvironment.includes('/')
      ? [project.testEnvironment]
      : []),
  ]
  for (const f of files) if (!fs.existsSync(resolved(f))) broken(`${f} does not exist`)
  const tests = (dir) =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir, { withFileTypes: true })
          .flatMap((e) =>
            e.isDirectory() ? tests(path.join(dir, e.name)) : /\.test\.tsx?$/.test(e.name) ? [e.name] : [],
          )
      : []
  const roots = (project.roots || [rootDir]).map(resolved)
  if (roots.every((r) => tests(r).length === 0)) broken(`no test files under ${roots.join(', ')}`)
  return project
}

module.exports = {
  projects: [
    {
      displayName: 'cloud',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/cloud'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': nodeTransform },
    },
    {
      // The same behaviour suites on the WeChat cloud-database adapter, over the stand-in database.
      displayName: 'cloud-wx',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/cloud'],
      testMatch: [
        '**/{account,grids,grid-history,summons,summon-edit,checkin,plans,stats,authorization,production,follows,shareCards,orgs,growth,hours,grid-admin,exports,figures-faults}.test.ts',
      ],
      setupFiles: ['<rootDir>/test/support/wx-env.js'],
      transform: { '^.+\\.ts$': nodeTransform },
    },
    // The `pages` project is defined in test/pages/jest.project.js.
    loadProject('./test/pages/jest.project.js'),
  ],
}
