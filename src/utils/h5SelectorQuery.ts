import Taro from '@tarojs/taro'

interface QueuedNode {
  component?: unknown
}

interface H5SelectorQuery {
  _queue: QueuedNode[]
  exec(cb?: (res: unknown[]) => void): H5SelectorQuery
}

/**
 * NutUI measures some components (Tabs) a tick after rendering with an unscoped
 * `createSelectorQuery()`. In H5, Taro looks those up inside the current page's container, found at
 * the next tick, and throws 在已加载页面中没有找到对应的容器元素 when the page changed meanwhile (a tap on
 * another tab). Unscoped queries search the whole document instead, which holds every open page: NutUI
 * selects by unique ids, so they find the same elements, and no navigation can make them throw.
 */
export function guardSelectorQueriesDuringNavigation(): void {
  const proto = Object.getPrototypeOf(Taro.createSelectorQuery()) as H5SelectorQuery
  const exec = proto.exec
  proto.exec = function documentWideExec(this: H5SelectorQuery, cb) {
    for (const node of this._queue) if (node.component === undefined) node.component = null
    return exec.call(this, cb)
  }
}
