import Taro from '@tarojs/taro'
import type { Affiliation, Profile } from '../../../../types'
import type { OrgChoice } from '../../../components/OrgPicker'
import { call } from '../../../services/call'
import { ROUTES } from '../../../utils/routes'

export interface Values {
  name: string
  phone: string
  org: string
  affiliation: Affiliation
  guardianName: string
}

export interface Initial {
  values: Values
  /** Null until the member answers whether they are under 14 (a saved profile has answered it). */
  minor: boolean | null
  phoneConsent: boolean
}

export const initialOf = (profile: Profile | null): Initial => ({
  values: {
    name: profile?.name ?? '',
    phone: profile?.phone ?? '',
    org: profile?.org ?? '',
    affiliation: profile?.affiliation ?? 'league',
    guardianName: profile?.guardian?.name ?? '',
  },
  minor: profile ? profile.minor === true : null,
  phoneConsent: profile?.phoneConsentAt !== undefined,
})

/** PIPL art. 31: what a guardian agrees to, before anything else of a child's is collected. */
export const GUARDIAN_TEXT =
  '未满 14 周岁的青少年，需要父母或其他监护人阅读并同意后才能填写资料。我们只记录姓名和所在组织，用于活动报名名单和报到记录；不收集手机号，扫码报到时也不获取位置。'
/** PIPL art. 29–30: the phone's own consent, saying why. */
export const PHONE_CONSENT_TEXT = '我同意提供手机号：仅用于网格长就我报名的活动与我联系，不在名单中公开，清空后即删除。'

/** Back where the user came from, or to 我的 when this was the first page (right after choosing an identity). */
export function leave() {
  if (Taro.getCurrentPages().length > 1) Taro.navigateBack()
  else Taro.switchTab({ url: ROUTES.me })
}

/** The registered organisation picked on this form, joined right after the profile is saved. */
export async function joinPicked(choice: OrgChoice): Promise<string> {
  if ('inviteCode' in choice) {
    await call('orgs.join', { inviteCode: choice.inviteCode })
    return '已保存，并已加入组织'
  }
  await call('orgs.join', { orgId: choice.orgId })
  return `已保存，已向「${choice.name}」提交入会申请`
}
