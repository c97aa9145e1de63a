import type { Envelope, Profile } from '../../types'
import { onWxCloud, standInFor } from '../support/store'
import { MINOR_NO_PHONE } from '../../cloud/functions/account'
import { createHarness, errorOf, NOW, okData, seedGrid, type Harness } from './helpers'

let h: Harness
beforeEach(() => {
  h = createHarness({ adminOpenids: ['o_config_admin'] })
})
afterEach(() => h.close())

const profile = { name: '陈晓青', phone: '13812345678', org: '某科技公司团支部', affiliation: 'league' } as const

describe('account.me', () => {
  it('answers a newcomer without a profile, roles or grids', async () => {
    expect(okData(await h.callAs('o_new')('account.me'))).toEqual({
      openid: 'o_new',
      profile: null,
      roles: { admin: false, leaderOf: [], secretaryOf: [] },
      grids: [],
      leading: [],
      org: null,
    })
  })

  it('shows the profile, the grids led and joined, and admin rights', async () => {
    const led = await seedGrid(h.store, ['o_me'])
    const joined = await seedGrid(h.store, [], { name: '第二个网格' })
    await h.store.grids.addMember(joined.id, 'o_me', new Date())
    okData(await h.callAs('o_me')('account.updateProfile', profile))
    await h.store.users.addAdmin('o_me')

    const me = okData(await h.callAs('o_me')('account.me'))
    expect(me).toEqual({
      openid: 'o_me',
      profile,
      roles: { admin: true, leaderOf: [led.id], secretaryOf: [] },
      grids: [{ id: joined.id, name: '第二个网格' }],
      leading: [{ id: led.id, name: led.name }],
      org: null,
    })
  })

  it('counts admins named by configuration', async () => {
    expect(okData(await h.callAs('o_config_admin')('account.me')).roles.admin).toBe(true)
  })
})

describe('account.updateProfile', () => {
  const update = (data: object) => h.rawAs('o_me')('account.updateProfile', data) as Promise<Envelope<Profile>>

  it('saves the profile and me shows it', async () => {
    expect(okData(await update(profile))).toEqual(profile)
    expect(okData(await h.callAs('o_me')('account.me')).profile).toEqual(profile)
  })

  it('trims text and treats empty phone and org as absent', async () => {
    const saved = okData(await update({ name: '  王磊 ', phone: '', org: '   ', affiliation: 'none' }))
    expect(saved).toEqual({ name: '王磊', affiliation: 'none' })
    expect(okData(await h.callAs('o_me')('account.me')).profile).toEqual({ name: '王磊', affiliation: 'none' })
  })

  it('replaces the whole profile on a second save', async () => {
    await update(profile)
    expect(okData(await update({ name: '新名字', affiliation: 'social' }))).toEqual({
      name: '新名字',
      affiliation: 'social',
    })
  })

  it.each([
    ['x'.repeat(20), true],
    ['青'.repeat(20), true],
    ['x', true],
    ['x'.repeat(21), false],
    ['', false],
    ['   ', false],
  ])('name %j accepted: %s', async (name, accepted) => {
    const answer = await update({ ...profile, name })
    if (accepted) expect(okData(answer).name).toBe(name)
    else expect(Object.keys(errorOf(answer, 'BAD_REQUEST').fields ?? {})).toEqual(['name'])
  })

  it.each([
    ['13812345678', true],
    ['19900000000', true],
    [' 13812345678 ', true],
    ['12812345678', false],
    ['1381234567', false],
    ['138123456789', false],
    ['+8613812345678', false],
    ['138-1234-5678', false],
    ['abcdefghijk', false],
  ])('phone %j accepted: %s', async (phone, accepted) => {
    const answer = await update({ ...profile, phone })
    if (accepted) return expect(okData(answer).phone).toBe(phone.trim())
    const fields = errorOf(answer, 'BAD_REQUEST').fields
    expect(fields).toEqual({ phone: '请填写 11 位大陆手机号' })
  })

  it.each([
    ['o'.repeat(40), true],
    ['o'.repeat(41), false],
  ])('org of %j accepted: %s', async (org, accepted) => {
    const answer = await update({ ...profile, org })
    if (accepted) expect(okData(answer).org).toBe(org)
    else expect(Object.keys(errorOf(answer, 'BAD_REQUEST').fields ?? {})).toEqual(['org'])
  })

  it('refuses an unknown affiliation', async () => {
    const error = errorOf(await update({ ...profile, affiliation: 'party' }), 'BAD_REQUEST')
    expect(Object.keys(error.fields ?? {})).toEqual(['affiliation'])
  })

  it('names every bad field at once', async () => {
    const error = errorOf(await update({ name: '', phone: '123', affiliation: 'x' }), 'BAD_REQUEST')
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['affiliation', 'name', 'phone'])
  })

  it('leaves the stored profile alone when refused', async () => {
    await update(profile)
    await update({ ...profile, name: '' })
    expect(okData(await h.callAs('o_me')('account.me')).profile).toEqual(profile)
  })
})

describe('account.me on the cloud database', () => {
  const wxIt = onWxCloud() ? it : it.skip

  wxIt('answers on a warm instance in at most 3 operations', async () => {
    const file = 'account-me-budget'
    const w = createHarness({ file })
    const standIn = standInFor(file)
    const led = await seedGrid(w.store, ['o_me'])
    const joined = await seedGrid(w.store, [], { name: '第二个网格' })
    await w.store.grids.addMember(joined.id, 'o_me', new Date())
    okData(await w.callAs('o_me')('account.updateProfile', profile))
    okData(await w.callAs('o_me')('account.me'))
    standIn.resetOps()
    const me = okData(await w.callAs('o_me')('account.me'))
    expect(standIn.ops).toBeLessThanOrEqual(3)
    expect(me).toMatchObject({
      profile,
      roles: { admin: false, leaderOf: [led.id] },
      grids: [{ id: joined.id, name: '第二个网格' }],
      leading: [{ id: led.id, name: led.name }],
    })
    w.close()
  })
})

describe('account.updateProfile for a member under 14 (PIPL art. 31)', () => {
  const update = (data: object) => h.rawAs('o_kid')('account.updateProfile', data) as Promise<Envelope<Profile>>
  const kid = { name: '小青', org: '某小学', affiliation: 'none' } as const
  const guardian = { name: '青妈妈', consent: true } as const

  it('records the guardian and the time of consent, and me shows it', async () => {
    const saved = okData(await update({ ...kid, minor: true, guardian }))
    expect(saved).toEqual({ ...kid, minor: true, guardian: { name: '青妈妈', consentAt: NOW.toISOString() } })
    expect(okData(await h.callAs('o_kid')('account.me')).profile).toEqual(saved)
  })

  it('saves nothing without a guardian’s consent', async () => {
    expect(Object.keys(errorOf(await update({ ...kid, minor: true }), 'BAD_REQUEST').fields ?? {})).toEqual([
      'guardian',
    ])
    errorOf(await update({ ...kid, minor: true, guardian: { name: '青妈妈', consent: false } }), 'BAD_REQUEST')
    errorOf(await update({ ...kid, minor: true, guardian: { name: '', consent: true } }), 'BAD_REQUEST')
    expect(okData(await h.callAs('o_kid')('account.me')).profile).toBeNull()
  })

  it('refuses a phone number', async () => {
    const refused = errorOf(await update({ ...kid, minor: true, guardian, phone: '13812345678' }), 'BAD_REQUEST')
    expect(refused.fields).toEqual({ phone: MINOR_NO_PHONE })
    expect(okData(await h.callAs('o_kid')('account.me')).profile).toBeNull()
  })

  it('forgets the phone of an adult profile that becomes a minor’s, and the guardian when it stops', async () => {
    okData(await update({ ...kid, phone: '13812345678', phoneConsent: true }))
    const minor = okData(await update({ ...kid, minor: true, guardian }))
    expect(minor).not.toHaveProperty('phone')
    expect(minor).not.toHaveProperty('phoneConsentAt')
    const adult = okData(await update({ ...kid, minor: false, guardian }))
    expect(adult).toEqual(kid)
    expect(okData(await h.callAs('o_kid')('account.me')).profile).toEqual(kid)
  })
})

describe('account.updateProfile phone consent (PIPL art. 29–30)', () => {
  const update = (data: object) => h.rawAs('o_me')('account.updateProfile', data) as Promise<Envelope<Profile>>

  it('records when the member agreed to give the phone', async () => {
    const saved = okData(await update({ ...profile, phoneConsent: true }))
    expect(saved.phoneConsentAt).toBe(NOW.toISOString())
    expect(okData(await h.callAs('o_me')('account.me')).profile?.phoneConsentAt).toBe(NOW.toISOString())
  })

  it('keeps no consent time without a phone', async () => {
    const saved = okData(await update({ name: '王磊', affiliation: 'none', phoneConsent: true }))
    expect(saved).toEqual({ name: '王磊', affiliation: 'none' })
  })
})

describe('account.verifyPhone (fast verification)', () => {
  it('answers the number behind the button’s code, and saves nothing', async () => {
    expect(okData(await h.callAs('o_me')('account.verifyPhone', { code: 'local-phone:13812345678' }))).toEqual({
      phone: '13812345678',
    })
    expect(okData(await h.callAs('o_me')('account.me')).profile).toBeNull()
  })

  it('refuses a code that gives no number', async () => {
    const refused = errorOf(await h.callAs('o_me')('account.verifyPhone', { code: 'expired' }), 'BAD_REQUEST')
    expect(refused.fields).toHaveProperty('code')
  })

  it('refuses a member under 14', async () => {
    okData(
      await h.callAs('o_kid')('account.updateProfile', {
        name: '小青',
        affiliation: 'none',
        minor: true,
        guardian: { name: '青妈妈', consent: true },
      }),
    )
    const refused = errorOf(
      await h.callAs('o_kid')('account.verifyPhone', { code: 'local-phone:13812345678' }),
      'FORBIDDEN',
    )
    expect(refused.message).toBe(MINOR_NO_PHONE)
  })
})
