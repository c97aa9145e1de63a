/** The editable 四个一 of a grid on the management page, and how it becomes a `grids.update` request. */
import type { GridUpdateReq } from '../../../types/api'
import type { Grid, OnlineKind } from '../../../types'

export const RADIUS = { min: 50, max: 3000, step: 50, initial: 300 }
export const MAX_ONLINE = 5

export interface OnlineRow {
  /** A stable key for the list (rows are added and removed). */
  key: number
  kind: OnlineKind
  value: string
}

export interface Draft {
  address: string
  lat: string
  lng: string
  radiusM: number
  requireLocation: boolean
  online: OnlineRow[]
  projectName: string
  projectSummary: string
}

let nextKey = 1
export const newOnlineRow = (kind: OnlineKind = 'wechat_group', value = ''): OnlineRow => ({
  key: nextKey++,
  kind,
  value,
})

export function draftOf(grid: Grid): Draft {
  const { base, project } = grid
  return {
    address: base.address,
    lat: base.lat === undefined ? '' : String(base.lat),
    lng: base.lng === undefined ? '' : String(base.lng),
    radiusM: base.radiusM ?? RADIUS.initial,
    requireLocation: grid.requireLocation,
    online: grid.online.map((o) => newOnlineRow(o.kind, o.value)),
    projectName: project?.name ?? '',
    projectSummary: project?.summary ?? '',
  }
}

/** Field errors found before asking the server, keyed like the server's `fields` (e.g. `base.lat`). */
export function localErrors(d: Draft): Record<string, string> {
  const errors: Record<string, string> = {}
  const lat = d.lat.trim()
  const lng = d.lng.trim()
  if (lat && !Number.isFinite(Number(lat))) errors['base.lat'] = '请填写数字'
  if (lng && !Number.isFinite(Number(lng))) errors['base.lng'] = '请填写数字'
  if (Boolean(lat) !== Boolean(lng)) errors[lat ? 'base.lng' : 'base.lat'] = '经纬度要一起填写'
  return errors
}

/** The request that saves the draft: the whole base, the online rows, the project (null when empty). */
export function patchOf(gridId: string, d: Draft): GridUpdateReq {
  const lat = d.lat.trim()
  const lng = d.lng.trim()
  const name = d.projectName.trim()
  const summary = d.projectSummary.trim()
  return {
    gridId,
    base: {
      address: d.address.trim(),
      ...(lat && lng ? { lat: Number(lat), lng: Number(lng) } : {}),
      radiusM: d.radiusM,
    },
    online: d.online.map((o) => ({ kind: o.kind, value: o.value.trim() })),
    project: name || summary ? { name, summary } : null,
    requireLocation: d.requireLocation,
  }
}

/** Rounds a coordinate from the phone to 6 decimals (about 0.1 m). */
export const coordinate = (n: number): string => String(Math.round(n * 1e6) / 1e6)
