import type { CheckInMethod, ErrorCode, Verification } from '../../types'

export const METHOD_LABELS: Record<CheckInMethod, string> = {
  poster: '网格报到',
  live: '活动签到',
}

export const VERIFICATION_LABELS: Record<Verification, string> = {
  poster: '扫海报码',
  live: '活动签到码',
  location: '位置已核验',
}

/** The verification steps of a check-in in words, e.g. `扫海报码 · 位置已核验`. */
export function verificationText(verifiedBy: Verification[]): string {
  return verifiedBy.map((v) => VERIFICATION_LABELS[v]).join(' · ')
}

export interface Refusal {
  title: string
  /** What to do next. */
  advice: string
}

/** Why a scan was refused, and what the member can do about it. */
const REFUSALS: Partial<Record<ErrorCode | 'NETWORK', Refusal>> = {
  CODE_INVALID: {
    title: '这个码不能报到',
    advice: '请扫网格阵地张贴的报到海报码，或网格长手机上的活动签到码。截图、翻拍的码可能已被改动。',
  },
  CODE_EXPIRED: {
    title: '签到码已过期',
    advice: '活动签到码每隔一会儿就会更新。请对准网格长手机上正在显示的码，再扫一次。',
  },
  OUT_OF_RANGE: {
    title: '不在签到范围内',
    advice: '请到网格阵地附近，打开手机定位并允许获取位置后，再扫一次。',
  },
  CLOSED: {
    title: '签到已关闭',
    advice: '活动已经结束或已撤回。有疑问可以联系网格长。',
  },
  UNAUTHENTICATED: {
    title: '需要先登录',
    advice: '请先选择身份，再回来扫码。',
  },
}

export function refusalOf(code: ErrorCode | 'NETWORK'): Refusal {
  return REFUSALS[code] ?? { title: '这次没能报到', advice: '请稍后再试；一直不行的话，请联系网格长。' }
}
