import { issueToken, maskOpenid, verifyToken } from '../../../cloud/server/tokens'

const SECRET = 'token-secret'
const NOW = new Date('2026-06-01T02:00:00.000Z')
const DAY = 86400_000
const later = (days: number) => new Date(NOW.getTime() + days * DAY)

describe('local tokens', () => {
  const token = issueToken('o_member', SECRET, NOW)

  it('verify to the openid they were issued for', () => {
    expect(verifyToken(token, SECRET, NOW)).toBe('o_member')
    expect(verifyToken(token, SECRET, later(29))).toBe('o_member')
  })

  it('expire after 30 days', () => {
    expect(verifyToken(token, SECRET, later(30))).toBe('o_member')
    expect(verifyToken(token, SECRET, new Date(later(30).getTime() + 1000))).toBeNull()
    expect(verifyToken(token, SECRET, later(365))).toBeNull()
  })

  it('signed with another secret are refused', () => {
    expect(verifyToken(issueToken('o_member', 'other-secret', NOW), SECRET, NOW)).toBeNull()
  })

  describe('tampered tokens are refused', () => {
    const [body, expiry, sig] = token.split('.')
    const otherBody = Buffer.from('o_admin').toString('base64url')
    const cases: [string, string][] = [
      ['another openid', `${otherBody}.${expiry}.${sig}`],
      ['a later expiry', `${body}.${Number(expiry) + DAY / 1000}.${sig}`],
      ['a truncated signature', `${body}.${expiry}.${sig.slice(0, -1)}`],
      ['no signature', `${body}.${expiry}.`],
      ['two parts', `${body}.${expiry}`],
      ['four parts', `${token}.x`],
      ['empty', ''],
      ['garbage', 'not-a-token'],
    ]
    it.each(cases)('%s', (_name, forged) => {
      expect(verifyToken(forged, SECRET, NOW)).toBeNull()
    })
  })
})

describe('maskOpenid', () => {
  it.each(['o_demo_member', 'oAbCdEfGhIjKlMnOpQrStUvWxYz12', 'o_1234567'])('never shows all of %s', (openid) => {
    const masked = maskOpenid(openid)
    expect(masked).not.toContain(openid)
    expect(masked.length).toBeLessThan(openid.length)
    expect(masked.startsWith(openid.slice(0, 4))).toBe(true)
  })

  it('hides short openids entirely', () => {
    expect(maskOpenid('o_abc')).toBe('***')
    expect(maskOpenid('')).toBe('***')
  })
})
