import { GUARDIAN_TEXT, PHONE_CONSENT_TEXT } from '../../src/member/pages/profile/index'
import { aMember } from '../support/factories'
import { setupPageHarness } from './harness'

const h = setupPageHarness({ fixture: 'empty' })

async function openForm(openid: string) {
  h.signInAs(openid)
  await h.renderPage('member/pages/profile/index')
  return h.findBySelector('.nut-form')
}

const field = async (label: string) =>
  (await h.findByText(label, '.nut-form-item-labeltxt')).closest('.nut-form-item') as Element
// The form item itself: `h.type` waits for the native input Taro draws inside it (not there at once under load).
const input = async (label: string) => field(label)
const valueOf = async (label: string) => ((await field(label)).querySelector('input') as HTMLInputElement | null)?.value
/** The labels of the form's fields, exactly. */
const labels = () =>
  Array.from(
    Array.from(document.querySelectorAll('#app > .taro_page')).pop()?.querySelectorAll('.nut-form-item-labeltxt') ?? [],
  ).map((e) => e.textContent?.replace(/\*/g, '').trim())
const updates = () => h.calls.filter((c) => c.action === 'updateProfile')

describe('个人信息', () => {
  it('fills in the saved profile', async () => {
    const { openid } = await aMember(h.store, { name: '林小青', org: '测试科技公司团支部' })
    await openForm(openid)
    await h.waitUntil(async () => expect(await valueOf('姓名')).toBe('林小青'))
    expect(await valueOf('所在组织（选填）')).toBe('测试科技公司团支部')
  })

  it('asks the age first and shows nothing else until it is answered', async () => {
    await openForm('o_new_person')
    await h.findByText('你是否未满 14 周岁')
    expect(labels()).not.toContain('姓名')
    expect(h.queryByText('保存')).toBeNull()
  })

  it('saves a new profile with the phone’s own consent, and the store holds it', async () => {
    await openForm('o_new_person')
    await h.click(await h.findByText('已满 14 周岁'))
    await h.type(await input('姓名'), ' 张小青 ')
    await h.type(await input('手机号（选填）'), '13800138000')
    await h.type(await input('所在组织（选填）'), '文新街道团工委')
    await h.click(await h.findByText('青年社会组织成员'))
    await h.click('保存')
    // The phone is not sent until its consent (saying why) is ticked.
    await h.findByText('填写手机号需要先勾选同意；不想提供可以清空手机号')
    expect(updates()).toEqual([])
    await h.click(await h.findByText(PHONE_CONSENT_TEXT))
    await h.click('保存')
    await h.findByText('已保存')
    expect(await h.store.users.getProfile('o_new_person')).toEqual({
      name: '张小青',
      phone: '13800138000',
      org: '文新街道团工委',
      affiliation: 'social',
      phoneConsentAt: expect.any(String),
    })
    // Opened as the first page (right after choosing an identity): on to 我的.
    await h.navigatedTo('/pages/me/index')
  })

  it('shows the message on a bad phone and saves nothing', async () => {
    await openForm('o_new_person')
    await h.click(await h.findByText('已满 14 周岁'))
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
    await h.click(await h.findByText('已满 14 周岁'))
    await h.click('保存')
    const name = await field('姓名')
    await h.waitUntil(() => expect(name.textContent).toContain('不能为空'))
    expect(updates()).toEqual([])
  })
})

describe('个人信息 of a member under 14 (PIPL art. 31)', () => {
  it('asks the guardian’s consent before anything else, collects no phone, and records the consent', async () => {
    await openForm('o_new_child')
    await h.click(await h.findByText('未满 14 周岁'))
    await h.findByText(GUARDIAN_TEXT)
    // Nothing of the child's is asked before the guardian agrees.
    expect(labels()).not.toContain('姓名')
    expect(h.queryByText('保存')).toBeNull()
    await h.type(await input('监护人姓名'), '青妈妈')
    await h.click(await h.findByText('我是监护人，已阅读并同意以上说明和《用户隐私保护指引》'))
    await h.type(await input('姓名'), '小青')
    expect(labels()).not.toContain('手机号（选填）')
    expect(h.queryByText(PHONE_CONSENT_TEXT)).toBeNull()
    await h.click('保存')
    await h.findByText('已保存')
    expect(updates()[0].data).toEqual({
      name: '小青',
      affiliation: 'league',
      minor: true,
      guardian: { name: '青妈妈', consent: true },
    })
    expect(await h.store.users.getProfile('o_new_child')).toEqual({
      name: '小青',
      affiliation: 'league',
      minor: true,
      guardian: { name: '青妈妈', consentAt: expect.any(String) },
    })
  })

  it('asks for the guardian’s name', async () => {
    await openForm('o_new_child')
    await h.click(await h.findByText('未满 14 周岁'))
    await h.click(await h.findByText('我是监护人，已阅读并同意以上说明和《用户隐私保护指引》'))
    await h.type(await input('姓名'), '小青')
    await h.click('保存')
    const guardian = await field('监护人姓名')
    await h.waitUntil(() => expect(guardian.textContent).toContain('不能为空'))
    expect(updates()).toEqual([])
  })
})
