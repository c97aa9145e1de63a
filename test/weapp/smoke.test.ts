/**
 * Loads the real production weapp build (dist/weapp) in miniprogram-simulate — WeChat's component
 * simulator with the official WXML compiler — boots Taro's runtime and app, renders a page through Taro's
 * real templates and drives a tap. A smoke test: the simulator is a mock runtime, not DevTools.
 */
import { join } from 'node:path'
import { installGlobals, WEAPP } from './simulate'

describe('weapp build in miniprogram-simulate', () => {
  it('boots the app, renders 我的 from the real handlers, and follows a tap through Taro templates', async () => {
    const { simulate, app, cloudCalls, navigations } = installGlobals()
    require(join(WEAPP, 'app.js'))
    expect(typeof app().onLaunch).toBe('function')
    ;(app().onLaunch as (o: unknown) => void)({ path: 'pages/me/index', query: {} })
    const id = simulate.load(join(WEAPP, 'pages', 'me', 'index'), { rootPath: WEAPP })
    const page = simulate.render(id)
    page.attach(document.createElement('parent-wrapper'))
    for (let i = 0; i < 50 && !page.dom.textContent.includes('莲花商圈楼宇网格'); i++) await simulate.sleep(50)
    expect(cloudCalls).toContain('account.me')
    expect(page.dom.textContent).toContain('陈晓青')
    expect(page.dom.textContent).toContain('莲花商圈楼宇网格')

    const cell = page.querySelector('.me__grid')
    expect(cell).toBeTruthy()
    cell.dispatchEvent('tap')
    await simulate.sleep(50)
    expect(navigations).toEqual([expect.stringMatching(/^\/member\/pages\/grid\/index\?id=/)])
  })
})
