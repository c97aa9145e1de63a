/**
 * Signed check-in codes. Pure: the secret and the clock come from the caller.
 *
 * - Poster scene (a grid's permanent code): `P.<gridId>.<sig12>`, at most 32 characters, using only
 *   characters that `wxacode.getUnlimited` accepts in a scene.
 * - Live code (one summon, rotating): `L.<summonId>.<window>.<sig16>` where window = floor(epoch s / period).
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

export function signLiveCode(summonId: string, window: number, secret: string): string {
  return `L.${summonId}.${window}.${mac(secret, `live:${summonId}:${window}`, 16)}`
}

/** When the code signed for `window` stops being accepted (the end of the next window). */
export function liveCodeExpiry(window: number, periodSeconds: number): Date {
  return new Date((window + 2) * periodSeconds * 1000)
}

export type CodeCheck =
  | { ok: true; kind: 'poster'; gridId: string }
  | { ok: true; kind: 'live'; summonId: string; window: number }
  | { ok: false; reason: 'invalid' | 'expired' }

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
  if (parts[0] === 'L' && parts.length === 4 && ID_CHARS.test(parts[1]) && /^\d{1,12}$/.test(parts[2])) {
    const [, summonId, windowText, sig] = parts
    const window = Number(windowText)
    if (!sameText(sig, mac(secret, `live:${summonId}:${window}`, 16))) return { ok: false, reason: 'invalid' }
    const current = liveWindow(now, periodSeconds)
    if (window !== current && window !== current - 1) return { ok: false, reason: 'expired' }
    return { ok: true, kind: 'live', summonId, window }
  }
  return { ok: false, reason: 'invalid' }
}

export function isValidScene(scene: string): boolean {
  return scene.length > 0 && scene.length <= SCENE_MAX && SCENE_CHARS.test(scene)
}
