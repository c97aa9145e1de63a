/**
 * `npm run test:e2e`: browser journeys in Debian's Chromium (playwright-core) against the real local
 * server, started once by global-setup.ts on a free port with a fresh database (SEED=demo).
 */
const path = require('node:path')

module.exports = {
  rootDir: path.resolve(__dirname, '..', '..'),
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      'babel-jest',
      {
        babelrc: false,
        configFile: false,
        presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
      },
    ],
  },
  globalSetup: '<rootDir>/test/e2e/global-setup.ts',
  globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
  maxWorkers: 1,
  // A journey clicks through several pages of a production build on a 2-core machine.
  testTimeout: 120_000,
  slowTestThreshold: 30,
}
