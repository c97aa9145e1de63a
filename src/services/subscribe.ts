import Taro from '@tarojs/taro'
import { buildEnv } from '../utils/env'

/**
 * The subscribe-message templates of the build (weapp): reminder before a summon, waitlist promotion, and
 * the notice of a withdrawal (three, the most one prompt may ask for).
 */
function templateIds(): string[] {
  return [
    buildEnv(() => process.env.TARO_APP_TMPL_REMINDER),
    buildEnv(() => process.env.TARO_APP_TMPL_PROMOTED),
    buildEnv(() => process.env.TARO_APP_TMPL_WITHDRAWN),
  ].filter((id): id is string => Boolean(id))
}

/**
 * Asks (from the user's tap) to send the summon reminder and the waitlist promotion later. Only in the
 * mini program and only when templates are configured; a refusal or failure is ignored, and it never
 * holds up the sign-up for long.
 */
export async function askForSummonNotices(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return
  const tmplIds = templateIds()
  if (tmplIds.length === 0) return
  try {
    await Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option)
  } catch {
    // Refused, banned or unsupported: the sign-up goes ahead without reminders.
  }
}

/**
 * Asks (from the user's tap) for the 新召集令 subscription of a followed grid; true when it was accepted.
 * In the mini program that is WeChat's prompt (one-time: one message per accepted tap; long-term: once).
 * Elsewhere (H5 and the local server) there is no prompt: the local outbox stands in for the phone, so
 * the tap counts as accepted.
 */
export async function askForGridSummons(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return true
  const tmplId = buildEnv(() => process.env.TARO_APP_TMPL_GRID_SUMMON)
  if (!tmplId) return false
  try {
    const answer = (await Taro.requestSubscribeMessage({
      tmplIds: [tmplId],
    } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>
    return answer[tmplId] === 'accept'
  } catch {
    return false
  }
}
