import Taro from '@tarojs/taro'
import type { Envelope } from '../../types'

/** WeChat Cloud: the identity is the caller's OPENID, added by the platform, never sent by us. */
export async function cloudTransport(fn: string, action: string, data: unknown): Promise<Envelope<unknown>> {
  try {
    const { result } = await Taro.cloud.callFunction({ name: fn, data: { action, data } })
    return result as Envelope<unknown>
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: '网络好像不太顺畅，请稍后再试' } }
  }
}
