/** Pure unit tests: reading check-in codes out of scans, paths and typed text (src/services/codes.ts). */
import { codeFromScan, codeFromScene, codeKind, newRequestId, normalizeCode } from '../../src/services/codes'

const POSTER = 'P.g3k9x2.Ab_9-xYz0123'
const LIVE = 'L.s7q1.59212345.AbCdEfGh_-123456'

describe('codeFromScan', () => {
  it('reads the scene from the path of our own code on Android (plain)', () => {
    expect(codeFromScan({ path: `pages/checkin/index?scene=${POSTER}` })).toBe(POSTER)
  })

  it('reads the scene from the path on iOS (URL-encoded)', () => {
    expect(codeFromScan({ path: `pages/checkin/index?scene=${encodeURIComponent(POSTER)}` })).toBe(POSTER)
    expect(codeFromScan({ path: 'pages/checkin/index?scene=P%2Eg3k9x2%2EAb_9-xYz0123' })).toBe(POSTER)
  })

  it('reads an encoded scene that is not the first parameter, and one encoded twice', () => {
    expect(codeFromScan({ path: `/pages/checkin/index?from=poster&scene=P%252Eg3k9x2%252EAb_9-xYz0123` })).toBe(POSTER)
  })

  it('reads a live code from the result of a plain QR code', () => {
    expect(codeFromScan({ result: LIVE })).toBe(LIVE)
    expect(codeFromScan({ result: `  ${LIVE}\n` })).toBe(LIVE)
  })

  it('prefers the path, and falls back to the result when the path carries no code', () => {
    expect(codeFromScan({ path: `pages/checkin/index?scene=${POSTER}`, result: 'whatever' })).toBe(POSTER)
    expect(codeFromScan({ path: 'pages/me/index', result: POSTER })).toBe(POSTER)
  })

  it('answers null for junk', () => {
    expect(codeFromScan({})).toBeNull()
    expect(codeFromScan({ result: 'https://example.com/' })).toBeNull()
    expect(codeFromScan({ result: '6901234567892' })).toBeNull()
    expect(codeFromScan({ result: 'P.g3k9x2' })).toBeNull()
    expect(codeFromScan({ result: 'L.s7q1.notanumber.AbCdEfGh' })).toBeNull()
    expect(codeFromScan({ path: 'pages/checkin/index?scene=%E4%BD%A0%ZZ' })).toBeNull()
    expect(codeFromScan({ path: 'pages/checkin/index?scene=' })).toBeNull()
  })
})

describe('codeFromScene and normalizeCode', () => {
  it('decodes options.scene as the opened page receives it', () => {
    expect(codeFromScene(encodeURIComponent(POSTER))).toBe(POSTER)
    expect(codeFromScene(POSTER)).toBe(POSTER)
    expect(codeFromScene(undefined)).toBeNull()
    expect(codeFromScene('hello')).toBeNull()
  })

  it('accepts a typed code with spaces, or a pasted link with scene=', () => {
    expect(normalizeCode(` ${POSTER} `)).toBe(POSTER)
    expect(normalizeCode(`http://127.0.0.1:10086/#/pages/checkin/index?scene=${POSTER}`)).toBe(POSTER)
    expect(normalizeCode('')).toBeNull()
    expect(normalizeCode(null)).toBeNull()
  })

  it('tells poster codes from live codes', () => {
    expect(codeKind(POSTER)).toBe('poster')
    expect(codeKind(LIVE)).toBe('live')
    expect(codeKind('X.1.2')).toBeNull()
  })
})

describe('newRequestId', () => {
  it('makes ids the server accepts, different each time', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newRequestId()))
    expect(ids.size).toBe(200)
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
  })

  it('keeps the time first, so ids sort by when they were made', () => {
    expect(newRequestId(1_000, () => 0)).toBe('srs-000000000000')
  })
})
