/**
 * 选择身份 (H5 only) talks to the local server over HTTP (`GET /dev/personas`, `POST /dev/login`), not
 * through `call()`: these tests start the real server (`createApp` of cloud/server on port 0, sharing the
 * test's store and secret) and point the document at its origin, so the page's relative requests go
 * through jsdom's XMLHttpRequest to it, as they do when the server serves the H5 build.
 */
import { PERSONAS } from '../../cloud/server/seed'
import { verifyToken } from '../../cloud/server/tokens'
import { getToken } from '../../src/services/session'
import { aMember } from '../support/factories'
import { SECRET, setupPageHarness } from './harness'

/*
 * The personas are what this page is about: the server offers the seed's PERSONAS (cloud/server/seed.ts),
 * so the test reads them from there rather than copying their names. The store holds their profiles only.
 */
const h = setupPageHarness({
  fixture: async (store) => {
    for (const persona of PERSONAS) await aMember(store, persona.profile, persona.openid)
  },
})
const admin = PERSONAS.find((p) => p.openid.endsWith('admin'))!

async function openLogin() {
  await h.startServer()
  await h.renderPage('pages/login/index')
}

describe('选择身份', () => {
  it('lists the demo personas the server offers', async () => {
    await openLogin()
    const titles = await h.waitUntil(() => {
      const cells = Array.from(h.page().querySelectorAll('.login__persona .nut-cell-title'))
      if (cells.length === 0) throw new Error('no personas yet')
      return cells.map((c) => c.textContent)
    })
    expect(titles).toEqual(PERSONAS.map((p) => expect.stringContaining(p.title)))
    expect(titles).toHaveLength(3)
    await h.findByText(admin.description)
  })

  it('signs in as a persona with a profile and goes on to 我的', async () => {
    await openLogin()
    await h.click(await h.findByText(admin.title))
    await h.navigatedTo('/pages/me/index')
    expect(h.navigations).toEqual([{ api: 'switchTab', url: '/pages/me/index' }])
    const token = getToken()
    expect(token && verifyToken(token, SECRET)).toBe(admin.openid)
    expect(h.calls.map((c) => [c.action, c.openid])).toEqual([['me', admin.openid]])
  })

  it('signs in as a typed identity without a profile and asks for it first', async () => {
    await openLogin()
    await h.type(await h.findBySelector('.login__input'), 'o_test_1')
    await h.click('用这个身份进入')
    await h.navigatedTo('/member/pages/profile/index')
    expect(h.navigations).toEqual([{ api: 'reLaunch', url: '/member/pages/profile/index' }])
    expect(verifyToken(getToken() ?? '', SECRET)).toBe('o_test_1')
  })

  it('refuses a malformed identity before asking the server', async () => {
    await openLogin()
    await h.type(await h.findBySelector('.login__input'), 'alice')
    await h.click('用这个身份进入')
    await h.findByText('身份标识应以 o_ 开头，只含字母、数字、- 或 _')
    expect(getToken()).toBeNull()
    expect(h.navigations).toEqual([])
  })

  it('says so when no server answers, and still lets one type an identity', async () => {
    // No server: jsdom reports the refused connection on the console, the page falls back.
    const jsdomErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    await h.renderPage('pages/login/index')
    await h.findByText('没有找到演示身份', '.card')
    await h.findBySelector('.login__input')
    expect(String(jsdomErrors.mock.calls[0]?.[0])).toContain('ECONNREFUSED')
    jsdomErrors.mockRestore()
  })
})
