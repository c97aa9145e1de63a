/** The plans tab of the real weapp build renders from the real handlers in miniprogram-simulate. */
import { open } from './flow'

describe('the plans tab of the weapp build', () => {
  it('renders', async () => {
    const { page } = await open('pages/plans/index', async () => ({}), '方案')
    expect(page.dom.textContent).toContain('方案')
  })
})
