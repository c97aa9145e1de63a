/** The me tab of the real weapp build renders from the real handlers in miniprogram-simulate. */
import { open } from './flow'

describe('the me tab of the weapp build', () => {
  it('renders', async () => {
    const { page } = await open('pages/me/index', async () => ({}), '陈晓青')
    expect(page.dom.textContent).toContain('陈晓青')
  })
})
