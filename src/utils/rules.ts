import type { FormItemRule } from '@nutui/nutui-react-taro/dist/es/types'
import { MOBILE, MOBILE_MESSAGE } from '../../types/rules'

/** A check answers the Chinese message for a bad value, or null when the value is fine. */
export type Check = (value: unknown) => string | null

/** One NutUI form rule from a check (async-validator needs a rejected promise to show a message). */
export function ruleOf(check: Check): FormItemRule {
  return {
    validator: (_rule, value) => {
      const message = check(value)
      return message ? Promise.reject(new Error(message)) : true
    },
  }
}

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : '')

/** Text of `min`–`max` characters; `min` 0 makes it optional. Mirrors the server's messages. */
export function textCheck(min: number, max: number): Check {
  return (value) => {
    const length = [...trimmed(value)].length
    if (length === 0) return min > 0 ? '不能为空' : null
    if (length < min) return `至少 ${min} 个字`
    if (length > max) return `不能超过 ${max} 个字`
    return null
  }
}

export { MOBILE }

export const mobileCheck: Check = (value) => {
  const phone = trimmed(value)
  return phone && !MOBILE.test(phone) ? MOBILE_MESSAGE : null
}

/** An optional number within bounds; `integer` asks for whole numbers. */
export function numberCheck(min: number, max: number, integer = false): Check {
  return (value) => {
    const raw = trimmed(value)
    if (!raw) return null
    const n = Number(raw)
    if (!Number.isFinite(n)) return '请填写数字'
    if (integer && !Number.isInteger(n)) return '必须是整数'
    if (n < min) return `不能小于 ${min}`
    if (n > max) return `不能大于 ${max}`
    return null
  }
}

export const requiredCheck =
  (message = '请选择'): Check =>
  (value) =>
    value === undefined || value === null || value === '' ? message : null

/** The optional number in a text field, or undefined when it is empty. */
export function numberOrUndefined(value: unknown): number | undefined {
  const raw = trimmed(value)
  return raw ? Number(raw) : undefined
}

/** The trimmed text, or undefined when it is empty. */
export function textOrUndefined(value: unknown): string | undefined {
  return trimmed(value) || undefined
}
