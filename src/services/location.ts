import Taro from '@tarojs/taro'
import gcoord from 'gcoord'
import type { GeoPoint } from '../../types'

/**
 * The phone's position in GCJ-02, the system every coordinate is stored and compared in (WeChat's maps and
 * the grids' bases use it). The mini program asks WeChat for GCJ-02 directly; a browser only gives WGS-84
 * (Taro's H5 `getLocation` rejects `type: 'gcj02'`), which is converted here — around Hangzhou the two are
 * about 500 m apart. Throws when the member declines or the position cannot be had.
 */
export async function currentPosition(): Promise<GeoPoint> {
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.getLocation({ type: 'gcj02' })
    return { lat: res.latitude, lng: res.longitude, accuracy: Math.max(0, res.accuracy || 0) }
  }
  const res = await Taro.getLocation({ type: 'wgs84' })
  const [lng, lat] = gcoord.transform([res.longitude, res.latitude], gcoord.WGS84, gcoord.GCJ02)
  return { lat, lng, accuracy: Math.max(0, res.accuracy || 0) }
}
