/** The summons tab of the real weapp build renders from the real handlers in miniprogram-simulate. */
import { open } from './flow'

describe('the summons tab of the weapp build', () => {
  it('renders', async () => {
    const { page } = await open('pages/summons/index', async () => ({}), '报名中')
    expect(page.dom.textContent).toContain('报名中')
  })
})
