/**
 * Signed check-in codes. Pure: the secret and the clock come from the caller.
 *
 * - Poster scene (a grid's permanent code): `P.<gridId>.<sig12>`, at most 32 characters, using only
 *   characters that `wxacode.getUnlimited` accepts in a scene.
 * - Live code (one summon, rotating): `L.<summonId>.<window>.<sig16>` where window = floor(epoch s / period);
 *   its sign-out twin (签退, a service summon) is `O.<summonId>.<window>.<sig16>`, signed apart.
 * - Short code (issue 12): 6 digits a member types on the summon's page, one per summon, window and phase,
 *   accepted for the same windows as the live code it is shown with.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export const SCENE_MAX = 32
const SCENE_CHARS = /^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]+$/
const ID_CHARS = /^[0-9a-z]{1,16}$/

function mac(secret: string, message: string, length: number): string {
  return createHmac('sha256', secret).update(message).digest('base64url').slice(0, length)
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export function signPosterScene(gridId: string, secret: string): string {
  if (!ID_CHARS.test(gridId)) throw new Error('grid id not usable in a scene')
  const scene = `P.${gridId}.${mac(secret, `poster:${gridId}`, 12)}`
  if (scene.length > SCENE_MAX) throw new Error('scene too long')
  return scene
}

/**
 * An organisation's poster scene: `O.<orgId>`. Unsigned on purpose: it only opens the organisation to ask
 * to join (a request a secretary decides, as anyone may make from the list); joining at once takes a
 * member invite, which is a secret.
 */
export function orgScene(orgId: string): string {
  if (!ID_CHARS.test(orgId)) throw new Error('organisation id not usable in a scene')
  return `O.${orgId}`
}

/** The organisation of an `O.<orgId>` scene, or null. */
export function orgOfScene(scene: string): string | null {
  const hit = /^O\.([0-9a-z]{1,16})$/.exec(scene.trim())
  return hit ? hit[1] : null
}

export function liveWindow(at: Date, periodSeconds: number): number {
  return Math.floor(at.getTime() / 1000 / periodSeconds)
}

export type CodePhase = 'in' | 'out'

const livePrefix = (phase: CodePhase) => (phase === 'out' ? 'O' : 'L')
const liveMessage = (summonId: string, window: number, phase: CodePhase) =>
  phase === 'out' ? `live-out:${summonId}:${window}` : `live:${summonId}:${window}`

export function signLiveCode(summonId: string, window: number, secret: string, phase: CodePhase = 'in'): string {
  return `${livePrefix(phase)}.${summonId}.${window}.${mac(secret, liveMessage(summonId, window, phase), 16)}`
}

/** The 6-digit code shown under the live code of `window` (a different one for each phase). */
export function shortLiveCode(summonId: string, window: number, secret: string, phase: CodePhase = 'in'): string {
  const digest = createHmac('sha256', secret).update(`short:${phase}:${summonId}:${window}`).digest()
  return (digest.readUInt32BE(0) % 1_000_000).toString().padStart(6, '0')
}

export type ShortCodeCheck = { ok: true; phase: CodePhase; window: number } | { ok: false }

/**
 * Checks a typed short code of a summon against the current and the previous window, both phases (the
 * same windows a live code is accepted for). Six digits are guessable, so callers rate-limit wrong ones.
 */
export function verifyShortCode(
  code: string,
  summonId: string,
  secret: string,
  now: Date,
  periodSeconds: number,
): ShortCodeCheck {
  const typed = code.trim()
  if (!/^\d{6}$/.test(typed) || !ID_CHARS.test(summonId)) return { ok: false }
  const current = liveWindow(now, periodSeconds)
  for (const window of [current, current - 1])
    for (const phase of ['in', 'out'] as const)
      if (sameText(typed, shortLiveCode(summonId, window, secret, phase))) return { ok: true, phase, window }
  return { ok: false }
}

/** When the code signed for `window` stops being accepted (the end of the next window). */
export function liveCodeExpiry(window: number, periodSeconds: number): Date {
  return new Date((window + 2) * periodSeconds * 1000)
}

export type CodeCheck =
  | { ok: true; kind: 'poster'; gridId: string }
  | { ok: true; kind: 'live'; summonId: string; window: number; phase: CodePhase }
  | { ok: false; reason: 'invalid' | 'expired'; summonId?: string; phase?: CodePhase }

/** A poster's signature never changes: the expected one is remembered per grid (bounded), not recomputed per scan. */
const posterMacs = new Map<string, string>()
function posterMac(secret: string, gridId: string): string {
  const key = `${secret}\u0000${gridId}`
  let expected = posterMacs.get(key)
  if (expected === undefined) {
    expected = mac(secret, `poster:${gridId}`, 12)
    if (posterMacs.size >= 10_000) posterMacs.clear()
    posterMacs.set(key, expected)
  }
  return expected
}

/**
 * Verifies a scanned code. A live code is valid for the current and the previous rotation only; an
 * older (or future) window is `expired` when its signature is genuine, `invalid` otherwise.
 */
export function verifyCode(code: string, secret: string, now: Date, periodSeconds: number): CodeCheck {
  const parts = code.trim().split('.')
  if (parts[0] === 'P' && parts.length === 3 && ID_CHARS.test(parts[1])) {
    const [, gridId, sig] = parts
    return sameText(sig, posterMac(secret, gridId))
      ? { ok: true, kind: 'poster', gridId }
      : { ok: false, reason: 'invalid' }
  }
  if (
    (parts[0] === 'L' || parts[0] === 'O') &&
    parts.length === 4 &&
    ID_CHARS.test(parts[1]) &&
    /^\d{1,12}$/.test(parts[2])
  ) {
    const [prefix, summonId, windowText, sig] = parts
    const phase: CodePhase = prefix === 'O' ? 'out' : 'in'
    const window = Number(windowText)
    if (!sameText(sig, mac(secret, liveMessage(summonId, window, phase), 16))) return { ok: false, reason: 'invalid' }
    const current = liveWindow(now, periodSeconds)
    // A genuine but stale code names its summon and phase, so a retried sign-out can still be answered.
    if (window !== current && window !== current - 1) return { ok: false, reason: 'expired', summonId, phase }
    return { ok: true, kind: 'live', summonId, window, phase }
  }
  return { ok: false, reason: 'invalid' }
}

export function isValidScene(scene: string): boolean {
  return scene.length > 0 && scene.length <= SCENE_MAX && SCENE_CHARS.test(scene)
}

/**
 * 志愿服务记录证明 numbers: `<year>-<serial10>-<check4>` in upper-case hex. The serial is an HMAC of
 * (member, year, total) with the server's secret, so the same certificate keeps its number; the check is an
 * HMAC of (year, serial), so a changed character is refused before any read, and `certificateMatches`
 * re-derives the serial from the stored record, so a record that does not belong to it is refused too.
 */
const hexMac = (secret: string, message: string, length: number) =>
  createHmac('sha256', secret).update(message).digest('hex').slice(0, length).toUpperCase()

const halfHours = (total: number) => Math.round(total * 2)

export function certificateNumber(openid: string, year: number, totalHours: number, secret: string): string {
  const serial = hexMac(secret, `cert:${openid}:${year}:${halfHours(totalHours)}`, 10)
  return `${year}-${serial}-${hexMac(secret, `certno:${year}:${serial}`, 4)}`
}

/** The year of a well-formed, genuinely signed number; null for anything else. */
export function parseCertificateNumber(number: string, secret: string): { year: number } | null {
  const m = /^(\d{4})-([0-9A-F]{10})-([0-9A-F]{4})$/.exec(number.trim().toUpperCase())
  if (!m) return null
  const [, yearText, serial, check] = m
  return sameText(check, hexMac(secret, `certno:${yearText}:${serial}`, 4)) ? { year: Number(yearText) } : null
}

/** Whether the stored certificate is the one its number was signed for. */
export function certificateMatches(
  number: string,
  record: { openid: string; year: number; totalHours: number },
  secret: string,
): boolean {
  return sameText(number.trim().toUpperCase(), certificateNumber(record.openid, record.year, record.totalHours, secret))
}
