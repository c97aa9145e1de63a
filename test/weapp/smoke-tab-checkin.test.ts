/** The checkin tab of the real weapp build renders from the real handlers in miniprogram-simulate. */
import { open } from './flow'

describe('the checkin tab of the weapp build', () => {
  it('renders', async () => {
    const { page } = await open('pages/checkin/index', async () => ({}), '扫码报到')
    expect(page.dom.textContent).toContain('扫码报到')
  })
})
