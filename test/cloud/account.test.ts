import type { Envelope, Profile } from '../../types'
import { onWxCloud, standInFor } from '../support/store'
import { createHarness, errorOf, okData, seedGrid, type Harness } from './helpers'

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
