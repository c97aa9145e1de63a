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
        '**/{account,grids,grid-history,summons,summon-edit,checkin,plans,stats,authorization,production,follows,shareCards,orgs,growth,hours}.test.ts',
      ],
      setupFiles: ['<rootDir>/test/support/wx-env.js'],
      transform: { '^.+\\.ts$': nodeTransform },
    },
    // The `pages` project is added by test/pages/jest.project.js.
    ...(() => {
      try {
        return [require('./test/pages/jest.project.js')]
      } catch {
        return []
      }
    })(),
  ],
}
