import { useState } from 'react'
import { CallError, messageOf } from '../services/call'
import { showError } from '../utils/toast'
import { ensureIdentity, handleAuthError } from './useSession'

/** A form's server errors (`useServerErrors`): puts messages on fields, answers those that have none. */
export interface FieldErrors {
  show: (fields: Record<string, string> | undefined) => string[]
  clear: () => void
}

export interface ActionOptions {
  /** Nothing runs before the member has an identity (H5 goes to 选择身份 first). */
  identity?: boolean
  /**
   * The form this action submits: a refusal naming fields shows each message under its field (until
   * that field changes), and a toast only when some message has no field on the form.
   */
  fields?: FieldErrors
  /** Sees a failure first (after a lost sign-in is handled); answer true when it is shown already (no toast). */
  onError?: (err: unknown) => boolean | void
}

/** After any failed call: a lost sign-in goes back to choosing an identity; answers the message to show. */
export function failureOf(err: unknown): string {
  handleAuthError(err)
  return messageOf(err)
}

/**
 * Puts a refusal's field messages (a BAD_REQUEST, or e.g. a CONFLICT on a capacity) on the form; answers
 * whether every message found its field.
 */
export function placeFieldErrors(err: unknown, fields: FieldErrors | undefined): boolean {
  if (!fields || !(err instanceof CallError)) return false
  if (!err.fields || Object.keys(err.fields).length === 0) return false
  return fields.show(err.fields).length === 0
}

/**
 * A button's action: `busy` while it runs, and a failure shown to the member — under the form's fields
 * when it names them, else as a toast (a lost sign-in goes back to choosing an identity).
 */
export function useAction({ identity = false, fields, onError }: ActionOptions = {}): [
  boolean,
  (work: () => Promise<void>) => Promise<void>,
] {
  const [busy, setBusy] = useState(false)
  const run = async (work: () => Promise<void>) => {
    if (identity && !ensureIdentity()) return
    setBusy(true)
    fields?.clear()
    try {
      await work()
    } catch (err) {
      const message = failureOf(err)
      if (onError?.(err) === true) return
      if (!placeFieldErrors(err, fields)) showError(message)
    } finally {
      setBusy(false)
    }
  }
  return [busy, run]
}
