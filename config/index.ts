import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import type { Compiler, StatsError } from 'webpack'
import devConfig from './dev'
import prodConfig from './prod'

/** The pure domain module the pages share with the cloud functions (compiled like src). */
const SHARED_DOMAIN = path.resolve(__dirname, '..', 'cloud', 'domain', 'orgs.ts')

/**
 * Writes the weapp build's webpack warnings and errors to dist/weapp-build-report.json (beside the
 * package, not in it), so `npm run check:weapp` can fail on warnings without running the build again.
 */
class BuildReportPlugin {
  apply(compiler: Compiler) {
    compiler.hooks.done.tap('BuildReportPlugin', (stats) => {
      const { warnings = [], errors = [] } = stats.toJson({ all: false, warnings: true, errors: true })
      const text = (e: StatsError) => [e.moduleName, e.message].filter(Boolean).join(': ')
      const file = path.resolve(__dirname, '..', 'dist', 'weapp-build-report.json')
      mkdirSync(path.dirname(file), { recursive: true })
      writeFileSync(file, `${JSON.stringify({ warnings: warnings.map(text), errors: errors.map(text) }, null, 2)}\n`)
    })
  }
}

/** Where an H5 page's code comes from: a page path of app.config.ts, relative to src, without extension. */
const SRC = path.resolve(__dirname, '..', 'src')

/**
 * Writes dist/h5-build-report.json (beside the site, not served): the files the H5 entry loads before any
 * page (`initial`) and, for each lazily loaded page or module (`routes`, by its path under src), the files
 * its `import()` fetches. The budget test of the first screen (test/e2e/h5-budget.e2e.ts) and `npm run
 * bench -- sizes` read it. With H5_STATS=1 it also writes dist/h5-stats.json (every module's size and chunks).
 */
class H5ManifestPlugin {
  apply(compiler: Compiler) {
    compiler.hooks.done.tap('H5ManifestPlugin', (stats) => {
      const { compilation } = stats
      const filesOf = (chunks: Iterable<{ files: Iterable<string> }>) =>
        [...new Set([...chunks].flatMap((chunk) => [...chunk.files]))].filter((f) => /\.(js|css)$/.test(f)).sort()
      const routes: Record<string, string[]> = {}
      for (const group of compilation.chunkGroups) {
        if (group.isInitial()) continue
        for (const origin of group.origins) {
          const context = (origin.module as { context?: string } | null)?.context
          if (!context || !origin.request) continue
          const rel = path.relative(SRC, path.resolve(context, origin.request)).split(path.sep).join('/')
          routes[rel.replace(/\.(tsx?|jsx?)$/, '')] = filesOf(group.chunks)
        }
      }
      const initial = filesOf(compilation.entrypoints.get('app')?.chunks ?? [])
      const out = path.resolve(__dirname, '..', 'dist')
      mkdirSync(out, { recursive: true })
      writeFileSync(path.join(out, 'h5-build-report.json'), `${JSON.stringify({ initial, routes }, null, 2)}\n`)
      if (process.env.H5_STATS === '1') {
        const json = stats.toJson({ all: false, modules: true, chunks: true, chunkModules: false, ids: true })
        writeFileSync(path.join(out, 'h5-stats.json'), JSON.stringify(json))
      }
    })
  }
}

/** How Taro's H5 rem script measures the screen: the root element's box. */
const TARO_REM_BOX = 'r=e.getBoundingClientRect(),width=r.width,height=r.height'

/**
 * Taro's rem script (pxtransform: 40 px per 750 design px, kept within 20–40 px), measuring the viewport
 * instead of the root element's box. The box's height is the content's — 8 px while <body> is still empty —
 * so a resize event early in the load (phones send them; so does Chromium's mobile emulation) set the
 * smallest size, 20 px, until the script's own second pass 500 ms later set 21.97 px back on a 412 px phone:
 * every card drawn in between grew by a tenth (Lighthouse CLS 0.066 on the 召集令 home). The root
 * element's clientWidth and clientHeight are the viewport's from the first line of <head>.
 */
export function remScriptFromViewport(script: string): string {
  if (!script) return script
  if (!script.includes(TARO_REM_BOX))
    throw new Error("config: Taro's H5 rem script changed; revisit remScriptFromViewport")
  return script.replace(TARO_REM_BOX, 'width=e.clientWidth,height=e.clientHeight')
}

/**
 * The H5 home's first requests as src/index.html starts them (src/utils/earlyRequests.ts, the one list the
 * app's own calls are tested against), as JSON. Taro compiles only this folder's TypeScript for the
 * config, so the app's module is loaded through tsx.
 */
function earlyRequestsForHtml(): string {
  // tsx's namespaced require (its package exports are beyond this tsconfig's module resolution).
  const tsx = require('tsx/cjs/api') as { require: (id: string, from: string) => unknown }
  const early = tsx.require('../src/utils/earlyRequests.ts', __filename) as typeof import('../src/utils/earlyRequests')
  return JSON.stringify({
    base: process.env.TARO_APP_API_BASE ?? '',
    routes: early.HOME_ROUTES,
    requests: early.earlyHttpRequests(),
  })
}

// https://taro-docs.jd.com/docs/next/config#defineconfig-辅助函数
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'erwei-baodao',
    date: '2026-11-26',
    // NutUI is drawn at 375 wide, our pages at 750.
    designWidth(input) {
      const file = typeof input === 'object' && input ? (input as { file?: string }).file : undefined
      return file?.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp'}`,
    plugins: [],
    defineConstants: {},
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
      '@types': path.resolve(__dirname, '..', 'types'),
    },
    copy: {
      // WeChat reads the search-indexing rules from sitemap.json next to app.json (app.config.ts names it).
      patterns: process.env.TARO_ENV === 'h5' ? [] : [{ from: 'src/sitemap.json', to: 'dist/weapp/sitemap.json' }],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: {
      enable: false,
    },
    mini: {
      // Pages share pure rules with the server: cloud/domain/orgs.ts (Beijing-time quarters) and
      // types/rules.ts (summon times): compile them like the sources.
      compile: { include: [SHARED_DOMAIN, path.resolve(__dirname, '..', 'types')] },
      // mini-css-extract-plugin warned "Conflicting order" 14 times: pages import NutUI components (and
      // so, through babel-plugin-import, their stylesheets) in different orders, and the shared `common`
      // sheet cannot follow all of them. It picks one order either way — the flag only drops the warning
      // (common.wxss came out byte-identical with it). The order is harmless: each NutUI sheet styles only
      // its own `.nut-<component>` classes (cross-component rules are nested, so more specific), and where
      // our shared component sheets style a NutUI element they use two classes (InvitePanel,
      // SummonFacts); page sheets come after app.wxss/common.wxss in any case.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: {
          enable: true,
          config: {},
        },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        chain.plugin('buildReport').use(BuildReportPlugin)
        // Licence comments go nowhere rather than into .LICENSE.txt files inside the package.
        const { minimizers } = chain.optimization as unknown as { minimizers: { has(name: string): boolean } }
        if (minimizers.has('terserPlugin')) {
          chain.optimization.minimizer('terserPlugin').tap(([options]) => [{ ...options, extractComments: false }])
        }
      },
    },
    h5: {
      compile: { include: [SHARED_DOMAIN, path.resolve(__dirname, '..', 'types')] },
      publicPath: '/',
      staticDirectory: 'static',
      // Taro's React components (View as a <div>, Text as a <span> …) instead of its Stencil web components:
      // no custom element per node, no Stencil runtime rendering each one a frame later. The home's script
      // time fell by a quarter and its Lighthouse score rose from 0.90 / 0.88 to 0.93 / 0.93 (signed out /
      // in, BENCHMARKS.md). Components without a React version (Canvas, Textarea …) stay web components.
      useHtmlComponents: true,
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: {
          enable: true,
          config: {},
        },
        pxtransform: {
          enable: true,
          config: {},
        },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        chain.plugin('h5Manifest').use(H5ManifestPlugin)
        chain.module
          .rule('taroButtonStyle')
          .test(/[\\/]@tarojs[\\/]components-react[\\/]dist[\\/]index\.css$/)
          .enforce('pre')
          .use('strip')
          .loader(path.resolve(__dirname, 'stripTaroButtonStyle.js'))
        if (chain.plugins.has('htmlWebpackPlugin')) {
          chain.plugin('htmlWebpackPlugin').tap(([options, ...rest]) => [
            {
              ...options,
              script: remScriptFromViewport(options.script),
              // The home's first requests, for src/index.html to start.
              earlyRequests: earlyRequestsForHtml(),
            },
            ...rest,
          ])
        }
        // Taro splits only the initial chunks, so every lazily loaded page carried its own copy of the
        // NutUI and library code it uses; share what two or more pages load.
        const split = chain.optimization.get('splitChunks') as { cacheGroups?: object } | false | undefined
        if (split) {
          chain.optimization.splitChunks({
            ...split,
            cacheGroups: {
              ...split.cacheGroups,
              sharedAsync: {
                test: /[\\/]node_modules[\\/]/,
                chunks: 'async',
                minChunks: 2,
                priority: 5,
                reuseExistingChunk: true,
              },
            },
          })
        }
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
