import { setupPageHarness } from './harness'

const h = setupPageHarness()

describe('召集令 (tab home)', () => {
  it('shows its empty state to a signed-in member', async () => {
    h.signInAs('o_demo_member')
    await h.renderPage('pages/summons/index')
    await h.findByText('召集令即将上线')
    expect(h.navigations).toEqual([])
  })

  it('sends someone without an identity to 选择身份 first (H5)', async () => {
    await h.renderPage('pages/summons/index')
    const navigation = await h.navigatedTo('/pages/login/index')
    expect(navigation.api).toBe('reLaunch')
  })
})
