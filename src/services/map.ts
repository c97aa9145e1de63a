import Taro from '@tarojs/taro'

/** A place to show on a map, in GCJ-02 (the system of WeChat's and AMap's maps, as stored). */
export interface MapPlace {
  lat: number
  lng: number
  name: string
  address?: string
}

/** H5: AMap's marker page, told the point is GCJ-02 (`coordinate=gaode`), so it is not shifted again. */
export function webMapUrl(place: MapPlace): string {
  const query = [
    `position=${place.lng},${place.lat}`,
    `name=${encodeURIComponent(place.name)}`,
    'coordinate=gaode',
    'callnative=1',
  ].join('&')
  return `https://uri.amap.com/marker?${query}`
}

/** Opens the place in WeChat's built-in map (mini program) or in AMap's web page (H5). */
export async function openPlace(place: MapPlace): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    await Taro.openLocation({
      latitude: place.lat,
      longitude: place.lng,
      name: place.name,
      address: place.address ?? '',
      scale: 16,
    })
    return
  }
  window.open(webMapUrl(place), '_blank', 'noopener')
}
