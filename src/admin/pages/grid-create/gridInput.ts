import { Form } from '@nutui/nutui-react-taro'
import type { GridInput } from '../../../../types/api'
import type { GridKind, OnlineKind } from '../../../../types'
import { numberOrUndefined, textOrUndefined, type Check } from '../../../utils/rules'

export interface Values {
  name: string
  townId: string
  kind: GridKind
  address: string
  lat: string
  lng: string
  radiusM: string
  onlineKind: OnlineKind
  onlineValue: string
  projectName: string
  projectSummary: string
  requireLocation: boolean
}

export const INITIAL: Partial<Values> = {
  kind: 'community',
  radiusM: '300',
  onlineKind: 'wechat_group',
  requireLocation: false,
}

/** Server field paths → the fields of this form. */
const FIELD_OF_PATH: Record<string, keyof Values> = {
  name: 'name',
  townId: 'townId',
  kind: 'kind',
  base: 'address',
  'base.address': 'address',
  'base.lat': 'lat',
  'base.lng': 'lng',
  'base.radiusM': 'radiusM',
  'online.0.kind': 'onlineKind',
  'online.0.value': 'onlineValue',
  'project.name': 'projectName',
  'project.summary': 'projectSummary',
  requireLocation: 'requireLocation',
}
export const fieldOfPath = (path: string) => FIELD_OF_PATH[path] ?? null

export function toInput(v: Values): GridInput {
  const lat = numberOrUndefined(v.lat)
  const lng = numberOrUndefined(v.lng)
  const onlineValue = textOrUndefined(v.onlineValue)
  const projectName = textOrUndefined(v.projectName)
  return {
    name: v.name.trim(),
    townId: v.townId,
    kind: v.kind,
    base: {
      address: (v.address ?? '').trim(),
      ...(lat !== undefined ? { lat } : {}),
      ...(lng !== undefined ? { lng } : {}),
      radiusM: numberOrUndefined(v.radiusM) ?? 300,
    },
    ...(onlineValue ? { online: [{ kind: v.onlineKind, value: onlineValue }] } : {}),
    ...(projectName ? { project: { name: projectName, summary: (v.projectSummary ?? '').trim() } } : {}),
    requireLocation: Boolean(v.requireLocation),
  }
}

export type FormApi = ReturnType<typeof Form.useForm>[0]

/** Checks that need another field's value. */
export function crossChecks(form: FormApi) {
  const filled = (name: keyof Values) => Boolean(String(form.getFieldValue(name) ?? '').trim())
  const pairCheck: Check = () => (filled('lat') !== filled('lng') ? '经纬度要一起填写' : null)
  const locationCheck: Check = (on) =>
    on && !(filled('lat') && filled('lng')) ? '开启位置校验需要先填写阵地的经纬度' : null
  const summaryCheck: Check = (value) =>
    String(value ?? '').trim() && !filled('projectName') ? '请先填写项目名称' : null
  return { pairCheck, locationCheck, summaryCheck }
}
