/**
 * H5 start-up (src/utils/h5FirstScreen.ts, run by startUp.h5.ts before the router starts): a visitor without an
 * identity who opens the home lands on 选择身份 at once, instead of after the 召集令 page has loaded and
 * drawn itself; everyone else opens what they asked for.
 */
import { setToken } from '../../src/services/session'
import { startSignedOutAtLogin } from '../../src/utils/h5FirstScreen'

const opened = (hash: string): string => {
  window.history.replaceState(null, '', `/${hash}`)
  startSignedOutAtLogin()
  return window.location.hash
}

afterEach(() => setToken(null))

describe('the first H5 screen', () => {
  it('sends a visitor without an identity from the home to 选择身份', () => {
    expect(opened('')).toBe('#/pages/login/index')
    expect(opened('#/')).toBe('#/pages/login/index')
    expect(opened('#/pages/summons/index')).toBe('#/pages/login/index')
  })

  it('leaves a signed-in visitor on the home', () => {
    setToken('a.token')
    expect(opened('')).toBe('')
    expect(opened('#/pages/summons/index')).toBe('#/pages/summons/index')
  })

  it('leaves any other address alone (a shared link opens its page, which asks for an identity if it must)', () => {
    expect(opened('#/hours/pages/verify/index?no=1')).toBe('#/hours/pages/verify/index?no=1')
    expect(opened('#/pages/plans/index')).toBe('#/pages/plans/index')
  })
})
