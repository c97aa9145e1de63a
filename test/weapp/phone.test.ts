/**
 * The phone by WeChat's fast verification in the real weapp build: 个人信息 shows the getPhoneNumber
 * button, and its code comes back from account.verifyPhone as the number in the phone field.
 */
import { join } from 'node:path'
import { installGlobals, WEAPP } from './simulate'

interface SimElement {
  dispatchEvent(name: string, options?: { detail?: unknown }): void
}

/** The attributes of a simulator element, as the WXML compiler set them. */
function attributes(element: unknown): Record<string, unknown> {
  const json = JSON.parse(JSON.stringify(element)) as { attrs?: { name: string; value: unknown }[] }
  return Object.fromEntries((json.attrs ?? []).map((a) => [a.name, a.value]))
}

describe('fast phone verification in the weapp build', () => {
  it('fills the phone field from the getPhoneNumber button through account.verifyPhone', async () => {
    const { simulate, app, cloudCalls } = installGlobals()
    require(join(WEAPP, 'app.js'))
    ;(app().onLaunch as (o: unknown) => void)({ path: 'member/pages/profile/index', query: {} })
    const id = simulate.load(join(WEAPP, 'member', 'pages', 'profile', 'index'), { rootPath: WEAPP })
    const page = simulate.render(id)
    page.attach(document.createElement('parent-wrapper'))
    for (let i = 0; i < 60 && !page.dom.textContent.includes('用微信绑定的手机号'); i++) await simulate.sleep(50)
    expect(page.dom.textContent).toContain('用微信绑定的手机号')
    const button = page.querySelector('.profile__fast-phone') as SimElement | null
    expect(button).toBeTruthy()
    expect(attributes(button).openType).toBe('getPhoneNumber')
    button!.dispatchEvent('getphonenumber', { detail: { code: 'local-phone:13900001111' } })
    // The number reaches the phone field: Taro sends it to the page's data for the native input.
    const filled = () => JSON.stringify(page.instance?.data ?? page.data ?? {}).includes('13900001111')
    for (let i = 0; i < 40 && !filled(); i++) await simulate.sleep(50)
    expect(cloudCalls).toContain('account.verifyPhone')
    expect(filled()).toBe(true)
  })
})
