/**
 * The `pages` jest project: Taro pages rendered in jsdom by @tarojs/test-utils-react 0.1.1, calling the
 * real cloud handlers in-process (see harness.tsx). Loaded by the root jest.config.js.
 *
 * The four Taro 4 adjustments of TOOLCHAIN.md live here and in setup/: TARO_PLATFORM=web, a router adapter
 * for the 3.6 `createRouter` signature, `@tarojs/taro` loaded before the router, and a Babel transform of
 * the ESM (.mjs/.cjs too) that Taro, NutUI and swiper ship.
 */
const path = require('path')

const root = path.resolve(__dirname, '../..')
const setup = (file) => path.join(__dirname, 'setup', file)

// Packages published as untranspiled ESM: everything else in node_modules stays as it is.
const esmPackages = [
  '@tarojs',
  '@nutui',
  '@stencil',
  'swiper',
  'ssr-window',
  'dom7',
  'lodash-es',
  'query-string',
  'decode-uri-component',
  'split-on-first',
  'filter-obj',
  'history',
  'mobile-detect',
  'react-transition-group',
  'classnames',
  'resolve-pathname',
  'tslib',
]

module.exports = {
  displayName: 'pages',
  rootDir: root,
  testEnvironment: setup('environment.js'),
  testEnvironmentOptions: { url: 'http://localhost/', customExportConditions: ['node', 'node-addons'] },
  roots: ['<rootDir>/test/pages'],
  testMatch: ['<rootDir>/test/pages/**/*.test.tsx'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.(ts|tsx|js|jsx|mjs|cjs)$': ['babel-jest', { configFile: path.join(root, 'babel.config.js') }],
  },
  // Ignore a file of node_modules unless it lies under one of those packages (at any depth: taro-h5 ships
  // its own nested node_modules).
  transformIgnorePatterns: [`^(?!.*/node_modules/(${esmPackages.join('|')})/).*/node_modules/`],
  moduleNameMapper: {
    '\\.(css|scss|sass|less)$': setup('style-stub.js'),
    '\\.(png|jpe?g|gif|svg)$': setup('image-stub.js'),
    '^@nutui/nutui-react-taro/dist/es/packages/[^/]+/style/css$': setup('style-stub.js'),
    '^@tarojs/taro$': setup('taro.js'),
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '^@/(.*)$': '<rootDir>/src/$1',
    // Page tests run the H5 build's files where a module has one (Taro picks `x.h5.ts` for H5 builds).
    '^(.*)/services/location$': '$1/services/location.h5',
  },
  setupFiles: [setup('env.ts')],
  setupFilesAfterEnv: [setup('timeout.ts')],
  globals: {
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_MUTATION_OBSERVER: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    DEPRECATED_ADAPTER_COMPONENT: false,
    __TARO_FRAMEWORK__: 'react',
  },
}
