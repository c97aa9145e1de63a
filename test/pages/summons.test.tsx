import { aMember } from '../support/factories'
import { setupPageHarness } from './harness'
import { MEMBER, MEMBER_NAME } from './summon-fixtures'

/** A member and nothing else: no grids, so nothing has been summoned yet. */
const h = setupPageHarness({ fixture: async (store) => void (await aMember(store, { name: MEMBER_NAME }, MEMBER)) })

describe('召集令 (tab home)', () => {
  it('shows a signed-in member its empty state and stays', async () => {
    h.signInAs(MEMBER)
    await h.renderPage('pages/summons/index')
    await h.findBySelector('.nut-empty')
    expect(h.navigations).toEqual([])
  })

  it('sends someone without an identity to 选择身份 first (H5)', async () => {
    await h.renderPage('pages/summons/index')
    const navigation = await h.navigatedTo('/pages/login/index')
    expect(navigation.api).toBe('reLaunch')
    expect(h.calls).toEqual([])
  })
})

describe('the harness', () => {
  it('unmounts the page, and opens the next one afterwards', async () => {
    h.signInAs(MEMBER)
    await h.renderPage('pages/summons/index')
    await h.findBySelector('.nut-empty')
    h.unmount()
    expect(document.querySelectorAll('#app > .taro_page')).toHaveLength(0)
    await h.renderPage('pages/me/index')
    await h.findByText(MEMBER_NAME)
  })
})
