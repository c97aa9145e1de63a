/**
 * Check-in codes on the client: reading them out of what a scan answers, and making request ids.
 * Pure functions (no Taro), so they run the same in the mini program, in H5 and in tests.
 *
 * - Poster scene: `P.<gridId>.<sig>` (a grid's permanent code, at most 32 characters).
 * - Live code: `L.<summonId>.<window>.<sig>` (one summon, rotating on the leader’s phone); a sign-out code
 *   (签退, issue 15) is the same with `O.`.
 */

export type CodeKind = 'poster' | 'live'

const POSTER = /^P\.[0-9a-z]{1,16}\.[A-Za-z0-9_-]{4,32}$/
const LIVE = /^[LO]\.[0-9a-z]{1,16}\.\d{1,12}\.[A-Za-z0-9_-]{4,32}$/

/** What `wx.scanCode` answers (only the fields we read). */
export interface ScanAnswer {
  /** Set only for this mini program's own codes: `pages/checkin/index?scene=…`. */
  path?: string
  /** The text of a plain QR code. */
  result?: string
}

/** Which kind of check-in code `text` is, or null when it is none of ours. */
export function codeKind(text: string): CodeKind | null {
  if (POSTER.test(text)) return 'poster'
  if (LIVE.test(text)) return 'live'
  return null
}

/** Decodes percent-escapes until the text stops changing (iOS leaves the scene encoded, Android not). */
export function decodeScene(raw: string): string {
  let text = raw
  for (let i = 0; i < 3 && text.includes('%'); i++) {
    try {
      const next = decodeURIComponent(text)
      if (next === text) break
      text = next
    } catch {
      break
    }
  }
  return text.trim()
}

/** The raw `scene` value of a path or URL query (`…?a=1&scene=P.x.y`), before decoding. */
export function sceneParam(pathOrUrl: string): string | null {
  const mark = pathOrUrl.indexOf('?')
  if (mark < 0) return null
  const query = pathOrUrl.slice(mark + 1).split('#')[0]
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=')
    if (eq > 0 && pair.slice(0, eq) === 'scene') return pair.slice(eq + 1)
  }
  return null
}

/**
 * Reads a check-in code out of any text a person scanned or typed: a bare code, a mini program path or
 * link with `scene=…` (encoded or not). Answers null for anything else.
 */
export function normalizeCode(text: string | undefined | null): string | null {
  if (!text) return null
  const trimmed = text.trim()
  const param = sceneParam(trimmed)
  const candidate = decodeScene(param ?? trimmed)
  return codeKind(candidate) ? candidate : null
}

/**
 * The code in a `scanCode` answer: the scene from `path` for our own mini program codes, else the text
 * of a plain QR code from `result` (live codes are drawn as plain QR codes).
 */
export function codeFromScan(answer: ScanAnswer): string | null {
  return normalizeCode(answer.path) ?? normalizeCode(answer.result)
}

/** The code a page was opened with (`options.scene` of a mini program code), or null. */
export function codeFromScene(scene: string | undefined): string | null {
  return scene ? normalizeCode(decodeScene(scene)) : null
}

const ORG = /^O\.([0-9a-z]{1,16})$/

/**
 * The organisation of an organisation's poster code (`O.<orgId>`: bare, or the `scene=` of a mini program
 * path or link, encoded or not), or null. Not a check-in code: it opens the organisation to ask to join.
 */
export function orgCodeIn(text: string | undefined | null): string | null {
  if (!text) return null
  const trimmed = text.trim()
  const hit = ORG.exec(decodeScene(sceneParam(trimmed) ?? trimmed))
  return hit ? hit[1] : null
}

/** A fresh request id for one scan: time plus randomness, 8–64 characters of [A-Za-z0-9_-]. */
export function newRequestId(now: number = Date.now(), random: () => number = Math.random): string {
  const noise = Array.from({ length: 3 }, () =>
    Math.floor(random() * 36 ** 4)
      .toString(36)
      .padStart(4, '0'),
  ).join('')
  return `s${now.toString(36)}-${noise}`
}
