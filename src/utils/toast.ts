import { Toast } from '@nutui/nutui-react-taro'

/** Every page puts one `<Toast id={TOAST_ID} />`; these helpers show on it. */
export const TOAST_ID = 'toast'

export function showError(message: string): void {
  Toast.show(TOAST_ID, { content: message, icon: 'fail', duration: 2.5 })
}

export function showSuccess(message: string): void {
  Toast.show(TOAST_ID, { content: message, icon: 'success', duration: 1.5 })
}

export function showInfo(message: string): void {
  Toast.show(TOAST_ID, { content: message, duration: 2 })
}
