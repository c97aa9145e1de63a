import { useState } from 'react'
import { messageOf } from '../services/call'
import { showError } from '../utils/toast'
import { ensureIdentity, handleAuthError } from './useSession'

/**
 * A button's action: `busy` while it runs, and a failure shown to the member as a toast (a lost sign-in
 * goes back to choosing an identity). With `identity`, nothing runs before the member has one.
 */
export function useAction({ identity = false } = {}): [boolean, (work: () => Promise<void>) => Promise<void>] {
  const [busy, setBusy] = useState(false)
  const run = async (work: () => Promise<void>) => {
    if (identity && !ensureIdentity()) return
    setBusy(true)
    try {
      await work()
    } catch (err) {
      handleAuthError(err)
      showError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }
  return [busy, run]
}
