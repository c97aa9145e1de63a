import { setupPageHarness } from './harness'

const h = setupPageHarness()

async function openForm(openid: string) {
  h.signInAs(openid)
  await h.renderPage('pages/profile/index')
  return h.findBySelector('.nut-form')
}

const field = async (label: string) =>
  (await h.findByText(label, '.nut-form-item-labeltxt')).closest('.nut-form-item') as Element
// The form item itself: `h.type` waits for the native input Taro draws inside it (not there at once under load).
const input = async (label: string) => field(label)
const valueOf = async (label: string) => ((await field(label)).querySelector('input') as HTMLInputElement | null)?.value
const updates = () => h.calls.filter((c) => c.action === 'updateProfile')

describe('个人信息', () => {
  it('fills in the saved profile', async () => {
    await openForm('o_demo_member')
    await h.waitUntil(async () => expect(await valueOf('姓名')).toBe('陈晓青'))
    expect(await valueOf('所在组织（选填）')).toBe('西湖区某科技公司团支部')
  })

  it('saves a new profile, and the store holds it', async () => {
    await openForm('o_new_person')
    await h.type(await input('姓名'), ' 张小青 ')
    await h.type(await input('手机号（选填）'), '13800138000')
    await h.type(await input('所在组织（选填）'), '文新街道团工委')
    await h.click(await h.findByText('青年社会组织成员'))
    await h.click('保存')
    await h.findByText('已保存')
    expect(await h.store.users.getProfile('o_new_person')).toEqual({
      name: '张小青',
      phone: '13800138000',
      org: '文新街道团工委',
      affiliation: 'social',
    })
    // Opened as the first page (right after choosing an identity): on to 我的.
    await h.navigatedTo('/pages/me/index')
  })

  it('shows the message on a bad phone and saves nothing', async () => {
    await openForm('o_new_person')
    await h.type(await input('姓名'), '张小青')
    await h.type(await input('手机号（选填）'), '1380013800')
    await h.click('保存')
    const phone = await field('手机号（选填）')
    await h.waitUntil(() => expect(phone.textContent).toContain('请填写 11 位大陆手机号'))
    expect(updates()).toEqual([])
    expect(await h.store.users.getProfile('o_new_person')).toBeNull()
    // The page checks what the server checks, in the server's words: the handler answers the same message
    // for the same value (the server's own field message cannot be reached through this form).
    const answer = await h.envelopeAs('o_new_person', 'account.updateProfile', {
      name: '张小青',
      phone: '1380013800',
      affiliation: 'league',
    })
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', fields: { phone: '请填写 11 位大陆手机号' } },
    })
  })

  it('asks for a name', async () => {
    await openForm('o_new_person')
    await h.click('保存')
    const name = await field('姓名')
    await h.waitUntil(() => expect(name.textContent).toContain('不能为空'))
    expect(updates()).toEqual([])
  })
})
