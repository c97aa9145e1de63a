import type { PublishSummonReq } from '../../../../types/api'
import type { GridSummary, Me } from '../../../../types'
import type { Choice } from '../../../components/PickerField'
import type { SummonFactsInput } from '../../../components/summons/SummonFacts'
import { numberOrUndefined, type Check } from '../../../utils/rules'
import { DISTRICT_LABEL } from '../../../utils/summons'

/** The grid choice that means "district-wide" (admins only). */
export const DISTRICT = 'district'

export type SummonKind = 'service' | 'meeting'
export const KIND_CHOICES: { value: SummonKind; label: string }[] = [
  { value: 'service', label: '志愿服务 · 计入志愿时长' },
  { value: 'meeting', label: '会议 · 团建（不计时长）' },
]

export interface Values {
  grid: string
  title: string
  body: string
  place: string
  startAt: string
  endAt: string
  signUpDeadline: string
  capacity: string
  tags: string[]
  /** 志愿服务 (credits volunteer hours) or a meeting / 团建 (credits none). */
  kind: SummonKind
  hours: string
}

/** Half hours, like the credited hours: 2 or 1.5, not 1.25. */
export const halfHourCheck: Check = (value) => {
  const raw = String(value ?? '').trim()
  if (!raw) return '志愿服务请填写时长'
  const n = Number(raw)
  if (!Number.isFinite(n)) return '请填写数字'
  if (n <= 0) return '志愿时长要大于 0'
  if (n > 24) return '不能大于 24'
  return Number.isInteger(n * 2) ? null : '请按半小时填写，如 2 或 1.5'
}

export const filled: Check = (value) => (String(value ?? '').trim() ? null : '不能为空')

/** Server field paths → the fields of this form (`tags.2` → `tags`). */
export const fieldOfPath = (path: string): string | null => {
  const head = path.split('.')[0]
  if (head === 'gridId') return 'grid'
  return ['title', 'body', 'place', 'startAt', 'endAt', 'signUpDeadline', 'capacity', 'tags', 'hours'].includes(head)
    ? head
    : null
}

/** The grids this user may publish for: the grids they lead; admins may also publish district-wide. */
export function gridChoices(me: Me, grids: GridSummary[]): Choice[] {
  const mine = me.roles.admin ? grids : grids.filter((g) => me.roles.leaderOf.includes(g.id))
  const choices = mine.map((g) => ({ value: g.id, label: g.name }))
  return me.roles.admin ? [{ value: DISTRICT, label: DISTRICT_LABEL }, ...choices] : choices
}

/** A secretary's 二维召集令 goes to any grid their members serve in, or district-wide. */
export const orgChoices = (grids: GridSummary[]): Choice[] => [
  { value: DISTRICT, label: DISTRICT_LABEL },
  ...grids.map((g) => ({ value: g.id, label: g.name })),
]

export function toRequest(v: Values): PublishSummonReq {
  const capacity = numberOrUndefined(v.capacity)
  const hours = v.kind === 'service' ? numberOrUndefined(v.hours) : undefined
  return {
    ...(v.grid !== DISTRICT ? { gridId: v.grid } : {}),
    title: (v.title ?? '').trim(),
    body: (v.body ?? '').trim(),
    place: (v.place ?? '').trim(),
    startAt: v.startAt,
    endAt: v.endAt,
    ...(v.signUpDeadline ? { signUpDeadline: v.signUpDeadline } : {}),
    ...(capacity !== undefined ? { capacity } : {}),
    ...(v.tags?.length ? { tags: v.tags } : {}),
    ...(hours !== undefined ? { hours } : {}),
  }
}

export function previewOf(v: Values, choices: Choice[]): SummonFactsInput {
  const req = toRequest(v)
  return {
    gridId: req.gridId ?? null,
    gridName: choices.find((c) => c.value === v.grid)?.label ?? '',
    title: req.title,
    body: req.body,
    place: req.place,
    startAt: req.startAt,
    endAt: req.endAt,
    signUpDeadline: req.signUpDeadline ?? null,
    capacity: req.capacity ?? null,
    tags: req.tags ?? [],
    hours: req.hours ?? 0,
    state: 'open',
  }
}
