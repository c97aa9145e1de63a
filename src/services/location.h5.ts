import Taro from '@tarojs/taro'
import gcoord from 'gcoord'
import type { GeoPoint } from '../../types'

/**
 * The browser's position in GCJ-02, the system every coordinate is stored and compared in. A browser only
 * gives WGS-84 (Taro's H5 `getLocation` rejects `type: 'gcj02'`), converted here with gcoord — around
 * Hangzhou the two are about 500 m apart. The mini program's own version (location.ts) asks WeChat for
 * GCJ-02 directly and ships no converter. Throws when the member declines or the position cannot be had.
 */
export async function currentPosition(): Promise<GeoPoint> {
  const res = await Taro.getLocation({ type: 'wgs84' })
  const [lng, lat] = gcoord.transform([res.longitude, res.latitude], gcoord.WGS84, gcoord.GCJ02)
  return { lat, lng, accuracy: Math.max(0, res.accuracy || 0) }
}
