/** Location check-in: great-circle distance and the fence rule. Pure. */
import type { GeoPoint } from '../../types'

const EARTH_RADIUS_M = 6_371_008.8
/** Reported accuracy widens the fence by at most this much, so a vague fix cannot stretch it. */
export const ACCURACY_CAP_M = 100
export const DEFAULT_RADIUS_M = 300

const rad = (deg: number) => (deg * Math.PI) / 180

/** Haversine distance in metres between two (lat, lng) points. */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

export interface FenceCheck {
  inside: boolean
  distanceM: number
  allowedM: number
}

/** Inside when the distance is within the radius plus the (capped) reported accuracy. */
export function checkFence(centre: { lat: number; lng: number }, radiusM: number, point: GeoPoint): FenceCheck {
  const distance = distanceM(centre, point)
  const allowed = radiusM + Math.min(Math.max(point.accuracy, 0), ACCURACY_CAP_M)
  return { inside: distance <= allowed, distanceM: Math.round(distance), allowedM: Math.round(allowed) }
}
