import Taro from '@tarojs/taro'
import type { Envelope } from '../../types'

/**
 * WeChat Cloud: the identity is the caller's OPENID, added by the platform, never sent by us.
 * A call that fails or answers no envelope throws: `call()` turns that into a NETWORK error.
 */
export async function cloudTransport(fn: string, action: string, data: unknown): Promise<Envelope<unknown>> {
  const { result } = await Taro.cloud.callFunction({ name: fn, data: { action, data } })
  if (!result || typeof result !== 'object' || !('ok' in result)) throw new Error(`no envelope from ${fn}`)
  return result as Envelope<unknown>
}
