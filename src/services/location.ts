import Taro from '@tarojs/taro'
import type { GeoPoint } from '../../types'

/**
 * The phone's position in GCJ-02, the system every coordinate is stored and compared in (WeChat's maps and
 * the grids' bases use it): the mini program asks WeChat for GCJ-02 directly. The H5 build uses
 * location.h5.ts, which converts the browser's WGS-84. Throws when the member declines or it fails.
 */
export async function currentPosition(): Promise<GeoPoint> {
  const res = await Taro.getLocation({ type: 'gcj02' })
  return { lat: res.latitude, lng: res.longitude, accuracy: Math.max(0, res.accuracy || 0) }
}
