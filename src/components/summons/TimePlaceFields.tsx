import { Form, Input } from '@nutui/nutui-react-taro'
import type { FormItemRule } from '@nutui/nutui-react-taro/dist/es/types'
import {
  HOUR_MS,
  SUMMON_PLACE_LENGTH,
  SUMMON_TIME_FIELDS,
  summonTimeErrors,
  type SummonTimeField,
} from '../../../types/rules'
import { requiredCheck, textCheck, type Check } from '../../utils/rules'
import { DateTimeField } from './DateTimeField'

interface FormLike {
  getFieldValue: (name: string) => unknown
  getFieldsValue: (all: true) => unknown
  setFieldsValue: (values: Record<string, unknown>) => void
  validateFields: (names?: string[]) => Promise<unknown>
}

export type TimePlaceField = 'place' | SummonTimeField

interface Props {
  form: FormLike
  /** The field's NutUI rules from these checks, with the server's message for it (useServerErrors). */
  rules: (name: TimePlaceField, ...checks: Check[]) => FormItemRule[]
  /** Forgets the server's messages on these fields (`useServerErrors().changed`). */
  changed: (names: SummonTimeField[]) => void
  /**
   * Editing a published summon: the start it was published with (a start left as it was is not "in the
   * past"), and whether it has begun (then only the end may move).
   */
  published?: { startAt: string; started: boolean }
}

/** The server's rule on a place (types/rules.ts): 1–60 characters. */
export const placeCheck: Check = textCheck(SUMMON_PLACE_LENGTH.min, SUMMON_PLACE_LENGTH.max)

/**
 * 地点 and the three times of a summon, as the publish and the edit forms both ask them, checked by the
 * server's own rules (types/rules.ts) on the form's current values. A picked time can fix (or break) the
 * other two: their server messages go, and they are checked again at once. On a new summon, a start that
 * leaves the end before it moves the end to two hours later.
 */
export function TimePlaceFields({ form, rules, changed, published }: Props) {
  const timeCheck =
    (name: SummonTimeField): Check =>
    () => {
      const v = form.getFieldsValue(true) as Partial<Record<SummonTimeField, string>>
      const times = { startAt: v.startAt, endAt: v.endAt, signUpDeadline: v.signUpDeadline || undefined }
      const now = !published || v.startAt !== published.startAt ? new Date() : undefined
      return summonTimeErrors(times, now)[name] ?? null
    }
  const picked = (name: SummonTimeField) => {
    changed([...SUMMON_TIME_FIELDS])
    void form.validateFields(SUMMON_TIME_FIELDS.filter((n) => n !== name)).catch(() => undefined)
  }
  const startPicked = (start: string) => {
    const end = form.getFieldValue('endAt') as string | undefined
    if (!published && (!end || end <= start)) {
      form.setFieldsValue({ endAt: new Date(Date.parse(start) + 2 * HOUR_MS).toISOString() })
    }
    picked('startAt')
  }
  const started = published?.started ?? false
  return (
    <>
      <Form.Item label='地点' name='place' required rules={rules('place', placeCheck)}>
        <Input placeholder='如：莲花商务中心 1 楼青年之家' maxLength={SUMMON_PLACE_LENGTH.max} clearable />
      </Form.Item>
      {!started && (
        <Form.Item
          label='开始时间'
          name='startAt'
          required
          rules={rules('startAt', requiredCheck('请选择开始时间'), timeCheck('startAt'))}
        >
          <DateTimeField title='开始时间' placeholder='请选择' onPicked={startPicked} />
        </Form.Item>
      )}
      <Form.Item
        label='结束时间'
        name='endAt'
        required
        rules={rules('endAt', requiredCheck('请选择结束时间'), timeCheck('endAt'))}
      >
        <DateTimeField title='结束时间' placeholder='请选择' onPicked={() => picked('endAt')} />
      </Form.Item>
      {!started && (
        <Form.Item
          label='报名截止（选填）'
          name='signUpDeadline'
          rules={rules('signUpDeadline', timeCheck('signUpDeadline'))}
        >
          <DateTimeField
            title='报名截止'
            placeholder='不填则活动开始前都可以报名'
            clearable
            onPicked={() => picked('signUpDeadline')}
          />
        </Form.Item>
      )}
    </>
  )
}
