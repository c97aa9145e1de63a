import type { UserConfigExport } from '@tarojs/cli'

export default {
  // Every kilobyte of the main package counts: drop console calls and licence comments. Taro's own
  // defaults already keep terser's compress and output at `ecma: 5` (it introduces no newer syntax than
  // Babel left); `safari10` works around iOS 10's `let` in loops and `await` as a name, since the weapp
  // targets iOS 10's JavaScriptCore (babel.config.js).
  terser: {
    enable: true,
    config: {
      compress: { drop_console: true, pure_funcs: ['console.log', 'console.info', 'console.debug'] },
      mangle: { safari10: true },
      output: { comments: false, safari10: true },
    },
  },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>
