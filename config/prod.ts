import type { UserConfigExport } from '@tarojs/cli'

export default {
  // Every kilobyte of the main package counts: drop console calls and licence comments.
  terser: {
    enable: true,
    config: {
      compress: { drop_console: true, pure_funcs: ['console.log', 'console.info', 'console.debug'] },
      output: { comments: false },
    },
  },
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>
