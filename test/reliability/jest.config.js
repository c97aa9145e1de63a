/**
 * `npm run test:reliability`: the real local server as a child process, killed with SIGKILL in the middle
 * of a burst of writes and restarted on the same data, then a soak of mixed traffic (SOAK_SECONDS, default
 * 120) watching its memory. All traffic goes to 127.0.0.1; every loop is bounded in count and time.
 */
const path = require('node:path')

module.exports = {
  rootDir: path.resolve(__dirname, '..', '..'),
  roots: ['<rootDir>/test/reliability'],
  testMatch: ['**/*.test.ts'],
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
  maxWorkers: 1,
  testTimeout: 240_000,
  slowTestThreshold: 60,
}
