// babel-preset-taro 更多选项和默认值：
// https://docs.taro.zone/docs/next/babel-config
// The weapp's target is ES2015 as iOS 10's JavaScriptCore runs it (`WEAPP_TARGETS`): project.config.json
// keeps WeChat's own ES6→ES5 conversion off (`es6: false`), so what the build emits is what the phone
// parses. iOS runs the mini program's logic in the system JavaScriptCore, so an old iPhone throws a
// SyntaxError at launch on `?.`, `??`, `??=`, object spread or async functions; ES2015 itself (classes,
// arrows, const) has been complete since iOS 10, and keeping it native costs far less than ES5. Chrome
// 53 covers the oldest X5/XWeb engine of WeChat on Android. `scripts/check-weapp-syntax.js` parses every
// file of dist/weapp at ecmaVersion 2015 and fails otherwise. The H5 build keeps package.json's
// browserslist; jest (NODE_ENV=test) keeps its own `node: current`.
const WEAPP_TARGETS = { ios: '10', chrome: '53' }

module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        ...(process.env.TARO_ENV === 'weapp' && process.env.NODE_ENV !== 'test' ? { targets: WEAPP_TARGETS } : {}),
      },
    ],
  ],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        libraryDirectory: 'dist/es/packages',
        // The `style/css` entry also pulls in the CSS of sub-components (Overlay, TabPane …).
        style: (name) => `${name}/style/css`,
        camel2DashComponentName: false,
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
      },
      'nutui-react-taro',
    ],
  ],
}
