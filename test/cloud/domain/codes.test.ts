import {
  isValidScene,
  liveCodeExpiry,
  liveWindow,
  SCENE_MAX,
  signLiveCode,
  signPosterScene,
  verifyCode,
} from '../../../cloud/domain/codes'
import { newId } from '../../../cloud/core/ids'

const SECRET = 'secret-a'
const OTHER_SECRET = 'secret-b'
const PERIOD = 30
const NOW = new Date('2026-06-01T02:00:10.000Z')

const verify = (code: string, secret = SECRET, now = NOW) => verifyCode(code, secret, now, PERIOD)

describe('poster scenes', () => {
  const gridIds = ['a', newId(), newId(16), '0123456789abcdef']

  it.each(gridIds)('a scene for grid %s fits a mini-program code and verifies', (gridId) => {
    const scene = signPosterScene(gridId, SECRET)
    expect(scene.length).toBeLessThanOrEqual(SCENE_MAX)
    expect(isValidScene(scene)).toBe(true)
    expect(scene).toMatch(/^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]+$/)
    expect(verify(scene)).toEqual({ ok: true, kind: 'poster', gridId })
  })

  it('is stable for a grid and differs between grids', () => {
    expect(signPosterScene('grid1', SECRET)).toBe(signPosterScene('grid1', SECRET))
    expect(signPosterScene('grid1', SECRET)).not.toBe(signPosterScene('grid2', SECRET))
  })

  it('refuses grid ids that cannot stand in a scene', () => {
    for (const bad of ['', 'UPPER', 'with.dot', 'x'.repeat(17), '中文']) {
      expect(() => signPosterScene(bad, SECRET)).toThrow()
    }
  })

  describe('tampered scenes are invalid', () => {
    const scene = signPosterScene('grid1', SECRET)
    const [, gridId, sig] = scene.split('.')
    const flip = (c: string) => (c === 'A' ? 'B' : 'A')
    const cases: [string, string][] = [
      ['another secret', signPosterScene('grid1', OTHER_SECRET)],
      ['another grid with this signature', `P.grid2.${sig}`],
      ['a changed signature character', `P.${gridId}.${sig.slice(0, -1)}${flip(sig.slice(-1))}`],
      ['a truncated signature', scene.slice(0, -1)],
      ['no signature', `P.${gridId}.`],
      ['no signature part', `P.${gridId}`],
      ['an extra part', `${scene}.x`],
      ['a wrong prefix', `Q.${gridId}.${sig}`],
      ['an empty code', ''],
      ['garbage', '%%%'],
    ]
    it.each(cases)('%s', (_name, code) => {
      expect(verify(code)).toEqual({ ok: false, reason: 'invalid' })
    })
  })

  it('tolerates surrounding whitespace from a scanner', () => {
    expect(verify(` ${signPosterScene('grid1', SECRET)}\n`)).toMatchObject({ ok: true, gridId: 'grid1' })
  })
})

describe('live codes', () => {
  const current = liveWindow(NOW, PERIOD)
  const codeAt = (window: number, summonId = 'summon1', secret = SECRET) => signLiveCode(summonId, window, secret)

  it('windows are floor(epoch seconds / period)', () => {
    expect(current).toBe(Math.floor(NOW.getTime() / 1000 / PERIOD))
    expect(liveWindow(new Date(NOW.getTime() + PERIOD * 1000), PERIOD)).toBe(current + 1)
  })

  it('accepts the current and the previous window', () => {
    expect(verify(codeAt(current))).toEqual({
      ok: true,
      kind: 'live',
      summonId: 'summon1',
      window: current,
      phase: 'in',
    })
    expect(verify(codeAt(current - 1))).toEqual({
      ok: true,
      kind: 'live',
      summonId: 'summon1',
      window: current - 1,
      phase: 'in',
    })
  })

  it.each([
    ['two windows old', -2],
    ['an hour old', -120],
    ['from the next window (future)', 1],
    ['far in the future', 1000],
  ])('a genuine code %s is expired', (_name, offset) => {
    expect(verify(codeAt(current + offset))).toEqual({ ok: false, reason: 'expired', summonId: 'summon1', phase: 'in' })
  })

  it('stays valid until its expiry, the end of the next window', () => {
    const code = codeAt(current)
    const expiry = liveCodeExpiry(current, PERIOD)
    expect(verify(code, SECRET, new Date(expiry.getTime() - 1)).ok).toBe(true)
    expect(verify(code, SECRET, expiry)).toEqual({ ok: false, reason: 'expired', summonId: 'summon1', phase: 'in' })
  })

  describe('forged codes are invalid', () => {
    const code = codeAt(current)
    const sig = code.split('.')[3]
    const cases: [string, string][] = [
      ["another summon's signature", `L.summon2.${current}.${sig}`],
      ['another window with this signature', `L.summon1.${current - 1}.${sig}`],
      ['another secret', codeAt(current, 'summon1', OTHER_SECRET)],
      ['a truncated signature', code.slice(0, -1)],
      ['a non-numeric window', `L.summon1.abc.${sig}`],
      ['a bad summon id', `L.Summon1.${current}.${sig}`],
      ['a missing part', `L.summon1.${sig}`],
    ]
    it.each(cases)('%s', (_name, forged) => {
      expect(verify(forged)).toEqual({ ok: false, reason: 'invalid' })
    })

    it('an old code with a forged signature is invalid, not expired', () => {
      expect(verify(`L.summon1.${current - 5}.${sig}`)).toEqual({ ok: false, reason: 'invalid' })
    })
  })
})

describe('isValidScene', () => {
  it.each([
    ['', false],
    ['a'.repeat(SCENE_MAX), true],
    ['a'.repeat(SCENE_MAX + 1), false],
    ["P.abc!#$&'()*+,/:;=?@-._~", true],
    ['has space', false],
    ['中文', false],
    ['percent%', false],
  ])('%j → %s', (scene, valid) => {
    expect(isValidScene(scene)).toBe(valid)
  })
})
