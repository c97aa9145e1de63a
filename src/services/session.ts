import Taro from '@tarojs/taro'

const TOKEN_KEY = 'erwei.token'

/** The local identity token (H5 with the local server only; the mini program needs none). */
export function getToken(): string | null {
  return (Taro.getStorageSync(TOKEN_KEY) as string) || null
}

export function setToken(token: string | null): void {
  if (token) Taro.setStorageSync(TOKEN_KEY, token)
  else Taro.removeStorageSync(TOKEN_KEY)
}

/** Whether the app must first ask who you are: only in H5, and only without a token. */
export function needsIdentity(): boolean {
  return process.env.TARO_ENV !== 'weapp' && !getToken()
}
