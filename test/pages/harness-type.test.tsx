/**
 * The harness's `type()` on a machine too busy to draw Taro's fields in time (the flake of issue 12: "no
 * input inside the target"). Taro's <Input> is a Stencil custom element: React creates the host at once,
 * Stencil draws the native <input> inside it in a later animation frame. Here the animation frames a page asks
 * for are held back 12 s — a loaded 2-core machine, made repeatable — so the page
 * is on screen long before its fields are drawn. The old `type()` polled 10 s for the input and failed; it
 * now waits for Stencil's first render of the field.
 */
import { setupPageHarness } from './harness'

const HELD_MS = 12_000
const h = setupPageHarness({
  fixture: async (store) => {
    await store.users.saveProfile('o_busy_member', { name: '王小青', affiliation: 'league' }, new Date())
  },
})

jest.setTimeout(90_000)

describe('type() on a busy machine', () => {
  it('waits until Taro has drawn the field, then types into it', async () => {
    // The app boots first (its own frames pass); then every frame the next page asks for is held back.
    h.signInAs('o_busy_member')
    await h.renderPage('member/pages/profile/index')
    const realFrame = window.requestAnimationFrame.bind(window)
    let holding = true
    const held = jest
      .spyOn(window, 'requestAnimationFrame')
      .mockImplementation((callback) =>
        holding ? (setTimeout(() => realFrame(callback), HELD_MS) as unknown as number) : realFrame(callback),
      )
    await h.renderPage('member/pages/profile/index', { again: '1' })
    const label = await h.findByText('姓名', '.nut-form-item-labeltxt')
    const field = label.closest('.nut-form-item') as Element
    // The page shows, but its fields are still waiting for their frame.
    expect(field.querySelector('input')).toBeNull()

    await h.type(field, '王青青')
    holding = false
    expect((field.querySelector('input') as HTMLInputElement).value).toBe('王青青')
    await h.click('保存')
    await h.waitUntil(() =>
      expect(h.calls.find((c) => c.action === 'updateProfile')?.data).toMatchObject({ name: '王青青' }),
    )
    held.mockRestore()
  })

  it('fails at once, with the reason, when the element it was given has left the page', async () => {
    h.signInAs('o_busy_member')
    await h.renderPage('member/pages/profile/index')
    const gone = document.createElement('div')
    await expect(h.type(gone, 'x')).rejects.toThrow('the target left the page')
  })
})
