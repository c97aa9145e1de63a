import Taro from '@tarojs/taro'

interface QueuedNode {
  component?: unknown
}

interface H5SelectorQuery {
  _queue: QueuedNode[]
  exec(cb?: (res: unknown[]) => void): H5SelectorQuery
}

function currentPageInDocument(): boolean {
  const path = Taro.getCurrentInstance().page?.path
  return Boolean(path && document.getElementById(path))
}

/**
 * NutUI measures some components (Tabs) a tick after rendering with an unscoped
 * `createSelectorQuery()`. In H5, Taro looks those up inside the current page's container and throws
 * 在已加载页面中没有找到对应的容器元素 when the page changed in that tick (a tap on another tab). When the
 * container is gone, such queries search the whole document instead (NutUI selects by unique ids).
 */
export function guardSelectorQueriesDuringNavigation(): void {
  const proto = Object.getPrototypeOf(Taro.createSelectorQuery()) as H5SelectorQuery
  const exec = proto.exec
  proto.exec = function guardedExec(this: H5SelectorQuery, cb) {
    Taro.nextTick(() => {
      if (!currentPageInDocument()) {
        for (const node of this._queue) if (node.component === undefined) node.component = null
      }
      exec.call(this, cb)
    })
    return this
  }
}
