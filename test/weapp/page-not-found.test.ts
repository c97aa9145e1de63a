/**
 * Paths from before the member pages moved to their subpackage (an older subscription message or shared
 * card opening `pages/summon/index?id=…`): the built app sends them to the page where it lives now.
 */
import { join } from 'node:path'
import { installGlobals, WEAPP } from './simulate'

describe('a page path from before the move', () => {
  it('redirects to the member subpackage with its query, and anything else to the home tab', async () => {
    const { simulate, app, navigations } = installGlobals()
    require(join(WEAPP, 'app.js'))
    ;(app().onLaunch as (o: unknown) => void)({ path: 'pages/me/index', query: {} })
    // The app's hooks register once its root renders (with the first page).
    const id = simulate.load(join(WEAPP, 'pages', 'me', 'index'), { rootPath: WEAPP })
    simulate.render(id).attach(document.createElement('parent-wrapper'))
    await simulate.sleep(50)
    const notFound = app().onPageNotFound as (o: unknown) => void
    notFound({ path: 'pages/summon/index', query: { id: 'abc 1' }, isEntryPage: true })
    await simulate.sleep(50)
    expect(navigations).toContain('/member/pages/summon/index?id=abc%201')
    notFound({ path: 'pages/nowhere/index', query: {}, isEntryPage: true })
    await simulate.sleep(50)
    expect(navigations.at(-1)).toBe('/more/pages/not-found/index?path=pages%2Fnowhere%2Findex')
  })
})
