/** The weapp smoke test: Taro's real weapp output in miniprogram-simulate (a mock runtime, not DevTools). */
module.exports = {
  rootDir: '../..',
  displayName: 'weapp',
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/test/weapp'],
  testMatch: ['**/*.test.ts'],
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
  // The built output is plain JS and must run as it is.
  transformIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 60_000,
}
