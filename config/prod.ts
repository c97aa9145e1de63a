import type { UserConfigExport } from '@tarojs/cli'

export default {
  mini: {
    // Every kilobyte of the main package counts: drop console calls and licence comments.
    terser: {
      enable: true,
      config: {
        compress: { drop_console: true, pure_funcs: ['console.log', 'console.info', 'console.debug'] },
        format: { comments: false },
        extractComments: false,
      },
    },
  },
  h5: {},
} satisfies UserConfigExport<'webpack5'>
