/**
 * The privacy consent of the real weapp build: the app registers one `onNeedPrivacyAuthorization`
 * listener at launch, and a page other than 扫码报到 draws the dialog when WeChat holds a private API
 * (here 我的, as if it had called saveImageToPhotosAlbum or getLocation); 同意并继续 and 不同意 answer
 * WeChat. Also: every page of app.json renders the one consent component.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { installGlobals, WEAPP } from './simulate'

type Resolve = jest.Mock<void, [{ event: string; buttonId?: string }]>

interface SimElement {
  dispatchEvent(name: string, options?: { detail?: unknown }): void
}

/** The attributes of a simulator element, as the WXML compiler set them. */
function attributes(element: unknown): Record<string, unknown> {
  const json = JSON.parse(JSON.stringify(element)) as { attrs?: { name: string; value: unknown }[] }
  return Object.fromEntries((json.attrs ?? []).map((a) => [a.name, a.value]))
}

async function openMe() {
  const globals = installGlobals()
  const { simulate, app } = globals
  require(join(WEAPP, 'app.js'))
  ;(app().onLaunch as (o: unknown) => void)({ path: 'pages/me/index', query: {} })
  const id = simulate.load(join(WEAPP, 'pages', 'me', 'index'), { rootPath: WEAPP })
  const page = simulate.render(id)
  page.attach(document.createElement('parent-wrapper'))
  for (let i = 0; i < 50 && !page.dom.textContent.includes('陈晓青'); i++) await simulate.sleep(50)
  expect(page.dom.textContent).toContain('陈晓青')
  return { ...globals, page }
}

/** WeChat holds a private API and calls the app's one listener (a page registering its own would make two). */
async function needConsent(listeners: ReturnType<typeof installGlobals>['privacyListeners']) {
  expect(listeners).toHaveLength(1)
  const resolve: Resolve = jest.fn()
  listeners[0](resolve)
  return resolve
}

async function waitFor(check: () => boolean, sleep: (ms: number) => Promise<void>) {
  for (let i = 0; i < 40 && !check(); i++) await sleep(50)
}

describe('privacy consent in the weapp build', () => {
  it('draws the consent on 我的 (not the check-in tab) and answers agree, then disagree', async () => {
    const { simulate, page, privacyListeners, privacyContracts } = await openMe()
    expect(page.dom.textContent).not.toContain('隐私保护提示')

    const resolve = await needConsent(privacyListeners)
    expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' })
    await waitFor(() => page.dom.textContent.includes('同意并继续'), simulate.sleep)
    expect(page.dom.textContent).toContain('隐私保护提示')
    expect(page.dom.textContent).toContain('同意并继续')

    const agree = page.querySelector('#privacy-agree') as SimElement | null
    expect(agree).toBeTruthy()
    // WeChat's own agree button, with the id the listener answers with.
    expect(attributes(agree)).toMatchObject({ id: 'privacy-agree', openType: 'agreePrivacyAuthorization' })

    const link = page.querySelector('.privacy-consent__link') as SimElement
    link.dispatchEvent('tap')
    await simulate.sleep(20)
    expect(privacyContracts).toHaveLength(1)

    agree?.dispatchEvent('agreeprivacyauthorization')
    await waitFor(() => !page.dom.textContent.includes('隐私保护提示'), simulate.sleep)
    expect(resolve).toHaveBeenLastCalledWith({ event: 'agree', buttonId: 'privacy-agree' })
    expect(page.dom.textContent).not.toContain('隐私保护提示')

    // The next held API: the member declines, and WeChat is told so.
    const again = await needConsent(privacyListeners)
    await waitFor(() => page.dom.textContent.includes('不同意'), simulate.sleep)
    const buttons = page.querySelectorAll('.privacy-consent__actions .nut-button') as SimElement[]
    expect(buttons.length).toBe(2)
    buttons[0].dispatchEvent('tap')
    await waitFor(() => !page.dom.textContent.includes('隐私保护提示'), simulate.sleep)
    expect(again).toHaveBeenLastCalledWith({ event: 'disagree' })
    expect(resolve).toHaveBeenCalledTimes(2)
  })

  it('is rendered by every page of the mini program', () => {
    const app = JSON.parse(readFileSync(join(WEAPP, 'app.json'), 'utf8')) as {
      pages: string[]
      subPackages?: { root: string; pages: string[] }[]
    }
    const pages = [
      ...app.pages,
      ...(app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`)),
    ]
    const missing = pages.filter((page) => {
      const source = join(__dirname, '..', '..', 'src', `${page}.tsx`)
      return !existsSync(source) || !/<PrivacyConsent \/>/.test(readFileSync(source, 'utf8'))
    })
    expect(missing).toEqual([])
  })
})
