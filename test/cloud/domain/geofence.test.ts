import { ACCURACY_CAP_M, checkFence, distanceM } from '../../../cloud/domain/geofence'

const WEST_LAKE = { lat: 30.2431, lng: 120.1498 }

describe('geofence', () => {
  it('measures great-circle distances', () => {
    expect(distanceM(WEST_LAKE, WEST_LAKE)).toBe(0)
    expect(distanceM({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111_195, -1)
    // West Lake to Hangzhou East station, about 8 km.
    expect(distanceM(WEST_LAKE, { lat: 30.2907, lng: 120.2132 }) / 1000).toBeCloseTo(8.1, 0)
  })

  it('is inside at the radius plus accuracy, outside a metre beyond', () => {
    const north = (m: number) => ({ lat: WEST_LAKE.lat + m / 111_195, lng: WEST_LAKE.lng })
    expect(checkFence(WEST_LAKE, 300, { ...north(349), accuracy: 50 }).inside).toBe(true)
    expect(checkFence(WEST_LAKE, 300, { ...north(352), accuracy: 50 }).inside).toBe(false)
  })

  it('caps the accuracy so a vague fix cannot stretch the fence', () => {
    const far = { lat: WEST_LAKE.lat + 1000 / 111_195, lng: WEST_LAKE.lng, accuracy: 10_000 }
    const check = checkFence(WEST_LAKE, 300, far)
    expect(check.inside).toBe(false)
    expect(check.allowedM).toBe(300 + ACCURACY_CAP_M)
  })

  it('ignores a negative accuracy', () => {
    expect(checkFence(WEST_LAKE, 100, { ...WEST_LAKE, accuracy: -50 }).allowedM).toBe(100)
  })
})
