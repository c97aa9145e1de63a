import { createHmac, timingSafeEqual } from 'node:crypto'

const TOKEN_DAYS = 30

/** A signed local identity: `base64url(openid).expiry.signature`. */
export function issueToken(openid: string, secret: string, now = new Date()): string {
  const body = `${Buffer.from(openid).toString('base64url')}.${Math.floor(now.getTime() / 1000) + TOKEN_DAYS * 86400}`
  return `${body}.${sign(body, secret)}`
}

/** The openid of a valid, unexpired token; null otherwise. */
export function verifyToken(token: string, secret: string, now = new Date()): string | null {
  const parts = token.split('.')
  if (parts.length !== 3) return null
  const body = `${parts[0]}.${parts[1]}`
  const expected = Buffer.from(sign(body, secret))
  const given = Buffer.from(parts[2])
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  if (Number(parts[1]) * 1000 < now.getTime()) return null
  return Buffer.from(parts[0], 'base64url').toString()
}

function sign(body: string, secret: string): string {
  return createHmac('sha256', `token:${secret}`).update(body).digest('base64url')
}

/** An openid shortened for logs: never the whole identifier. */
export function maskOpenid(openid: string): string {
  return openid.length <= 6 ? '***' : `${openid.slice(0, 4)}…${openid.slice(-2)}`
}
