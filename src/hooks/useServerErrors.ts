import { useCallback, useRef } from 'react'
import type { FormItemRule } from '@nutui/nutui-react-taro/dist/es/types'
import { ruleOf } from '../utils/rules'

interface FieldError {
  message: string
  value: unknown
}

interface FormLike {
  getFieldValue: (name: string) => unknown
  validateFields: (names?: string[]) => Promise<unknown[]>
}

/**
 * Shows the server's `fields` (BAD_REQUEST) on the matching NutUI form items: each item gets a
 * `serverRule(name)`; the message stays until the user changes that field (`changed`, from the form's
 * `onValuesChange`, forgets it at once).
 * `pathToField` maps a server path such as `base.address` to a form field name.
 */
export function useServerErrors(form: FormLike, pathToField: (path: string) => string | null = (p) => p) {
  const errors = useRef<Record<string, FieldError>>({})

  const serverRule = useCallback(
    (name: string): FormItemRule =>
      ruleOf((value) => {
        const error = errors.current[name]
        return error && error.value === value ? error.message : null
      }),
    [],
  )

  /** Puts the messages on their fields; answers the messages that have no field on this form. */
  const show = useCallback(
    (fields: Record<string, string> | undefined): string[] => {
      const next: Record<string, FieldError> = {}
      const unplaced: string[] = []
      for (const [path, message] of Object.entries(fields ?? {})) {
        const name = pathToField(path)
        if (name) next[name] ??= { message, value: form.getFieldValue(name) }
        else unplaced.push(message)
      }
      errors.current = next
      const names = Object.keys(next)
      if (names.length) form.validateFields(names)
      return unplaced
    },
    [form, pathToField],
  )

  const clear = useCallback(() => {
    errors.current = {}
  }, [])

  /** Forgets the server's message of each field the user changed, whatever the new value. */
  const changed = useCallback((names: string[]) => {
    for (const name of names) delete errors.current[name]
  }, [])

  return { serverRule, show, clear, changed }
}
