/**
 * A build-time TARO_APP_* value. Taro's DefinePlugin replaces `process.env.TARO_APP_…` with its value
 * when it is set; when it is not, the expression stays and `process` does not exist in the mini
 * program, so read it inside a try (a `typeof process` guard would drop a value that was set).
 */
export function buildEnv(read: () => string | undefined): string | undefined {
  try {
    return read() || undefined
  } catch {
    return undefined
  }
}
