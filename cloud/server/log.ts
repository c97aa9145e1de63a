/**
 * The local server's request log: one line per request, without personal data (no openid, no body), written
 * asynchronously through pino so a request never waits on stdout. Lines are buffered up to 4 KB and flushed
 * on exit; a crash may lose the last few lines, never a write.
 */
import pino from 'pino'

export function requestLog(): { line: (text: string) => void; flush: () => void } {
  const logger = pino(
    { base: null, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination({ sync: false, minLength: 4096 }),
  )
  return { line: (text) => logger.info(text), flush: () => logger.flush() }
}
