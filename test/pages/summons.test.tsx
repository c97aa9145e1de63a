import { PERSONAS } from '../../cloud/server/seed'
import { setupPageHarness, type TestStore } from './harness'

/** The demo people only: no grids, so nothing has been summoned yet. */
async function peopleOnly(store: TestStore): Promise<void> {
  for (const persona of PERSONAS) await store.users.saveProfile(persona.openid, persona.profile, new Date())
}

const h = setupPageHarness({ fixture: peopleOnly })

describe('召集令 (tab home)', () => {
  it('shows a signed-in member its empty state and stays', async () => {
    h.signInAs('o_demo_member')
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
    h.signInAs('o_demo_member')
    await h.renderPage('pages/summons/index')
    await h.findBySelector('.nut-empty')
    h.unmount()
    expect(document.querySelectorAll('#app > .taro_page')).toHaveLength(0)
    await h.renderPage('pages/me/index')
    await h.findByText('陈晓青')
  })
})
