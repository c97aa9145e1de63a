/**
 * `@tarojs/taro` as the H5 build sees it: the platform's API library (whose named exports the build's
 * babel-plugin-transform-taroapi would import one by one) plus the React page hooks that Taro's
 * api-loader appends at build time.
 */
import taro from '@tarojs/plugin-platform-h5/dist/runtime/apis'
import * as apis from '@tarojs/plugin-platform-h5/dist/runtime/apis'
import * as hooks from '@tarojs/plugin-framework-react/dist/runtime'

export * from '@tarojs/plugin-platform-h5/dist/runtime/apis'
export * from '@tarojs/plugin-framework-react/dist/runtime'

export default Object.assign(taro, apis, hooks)
