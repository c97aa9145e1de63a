import Taro from '@tarojs/taro'

/**
 * A build-time TARO_APP_* value. Taro's DefinePlugin replaces `process.env.TARO_APP_…` with its value
 * when it is set; when it is not, the expression stays and `process` does not exist in the mini
 * program, so read it inside a try (a `typeof process` guard would drop a value that was set).
 */
function buildEnv(read: () => string | undefined): string | undefined {
  try {
    return read() || undefined
  } catch {
    return undefined
  }
}

/** The subscribe-message templates of the build (weapp): reminder before a summon, waitlist promotion. */
function templateIds(): string[] {
  return [
    buildEnv(() => process.env.TARO_APP_TMPL_REMINDER),
    buildEnv(() => process.env.TARO_APP_TMPL_PROMOTED),
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
