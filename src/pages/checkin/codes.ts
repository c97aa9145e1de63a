import Taro from '@tarojs/taro'
import { codeFromScan, orgCodeIn } from '../../services/codes'
import { inviteCodeIn, orgInviteCodeIn, ROUTES, verifyNumberIn } from '../../utils/routes'
import { showError } from '../../utils/toast'

export const NOT_OURS = '这不是二维报到的码。请扫网格阵地的报到海报码，或网格长手机上的活动签到码。'

/**
 * Opens what an organisation's code leads to: its poster code (`O.<orgId>`) opens 我的组织 to ask to join,
 * a member invite's link or QR opens it to join at once. False when `text` is neither.
 */
export function openOrgCode(...texts: (string | undefined)[]): boolean {
  for (const text of texts) {
    if (!text) continue
    const invite = orgInviteCodeIn(text)
    const orgId = invite ? null : orgCodeIn(text)
    if (invite) Taro.navigateTo({ url: ROUTES.orgInvite(invite) })
    else if (orgId) Taro.navigateTo({ url: ROUTES.orgFromCode(orgId) })
    else continue
    return true
  }
  return false
}

/** The mini program's camera scan: the scene from `path` for our codes, else the plain `result`. */
export async function scanWithWeChat(checkIn: (code: string) => void): Promise<void> {
  try {
    const answer = await Taro.scanCode({ onlyFromCamera: true })
    if (openOrgCode(answer.path, answer.result)) return
    const code = codeFromScan(answer)
    // A 志愿服务记录证明's code opens its check (the verify page), not a check-in.
    const certificate = code ? null : verifyNumberIn(answer.path ?? answer.result ?? '')
    if (code) checkIn(code)
    else if (certificate) Taro.navigateTo({ url: ROUTES.verify(certificate) })
    else showError(NOT_OURS)
  } catch {
    // The member closed the scanner: nothing to do.
  }
}

/**
 * Opens what a typed or camera-read text leads to when it is not a check-in code: a grid invite, an
 * organisation's code or invite, a 志愿服务记录证明's number. False when it is none of these.
 */
export function openOtherCode(text: string): boolean {
  const invite = inviteCodeIn(text)
  const certificate = invite ? null : verifyNumberIn(text)
  if (invite) Taro.navigateTo({ url: ROUTES.invite(invite) })
  else if (openOrgCode(text)) return true
  else if (certificate) Taro.navigateTo({ url: ROUTES.verify(certificate) })
  else return false
  return true
}
