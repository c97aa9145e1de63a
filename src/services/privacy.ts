import Taro from '@tarojs/taro'

type Resolve = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void
type Listener = (pending: boolean) => void

/** The id of the 「同意并继续」 button: WeChat checks that the button with this id was tapped. */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree'

/**
 * The one privacy consent of the mini program. WeChat holds a private API (getLocation, scanCode,
 * saveImageToPhotosAlbum, setClipboardData …) until the listener answers, whichever page called it;
 * so the listener is registered once for the app (app.tsx) and every page draws the dialog of the
 * pending request (components/PrivacyConsent).
 */
let pending: Resolve | null = null
const listeners = new Set<Listener>()

function notify() {
  for (const listener of listeners) listener(pending !== null)
}

/** Registers the app's one `onNeedPrivacyAuthorization` listener (weapp only; a no-op elsewhere). */
export function listenForPrivacyNeeds(): void {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  Taro.onNeedPrivacyAuthorization((resolve) => {
    // A newer request replaces an unanswered one (the dialog answers the latest).
    pending = resolve
    resolve({ event: 'exposureAuthorization' })
    notify()
  })
}

export function isPrivacyPending(): boolean {
  return pending !== null
}

/** Subscribes to whether a consent is waiting; returns the unsubscribe. */
export function onPrivacyPending(listener: Listener): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** Answers the waiting request: the held API goes on (agree) or fails with "privacy permission is not authorized". */
export function answerPrivacy(agree: boolean): void {
  const resolve = pending
  pending = null
  resolve?.(agree ? { event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID } : { event: 'disagree' })
  notify()
}

/** The full privacy guide (用户隐私保护指引) as WeChat shows it. */
export function openPrivacyContract(): void {
  if (typeof Taro.openPrivacyContract === 'function') Taro.openPrivacyContract({})
}
