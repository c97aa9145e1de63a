import { aMember } from '../support/factories'
import { setupPageHarness } from './harness'
import { ADMIN, createSummon, inHours, LEADER, MEMBER, SUMMON_GRID, summonWorld } from './summon-fixtures'

const h = setupPageHarness({ fixture: summonWorld })

const MAIN_OPEN = '测试召集令 · 创业沙龙'

/** `count` young people of their own (with profiles) sign up for `summonId`. */
async function signUps(summonId: string, count: number) {
  for (let i = 0; i < count; i++) await h.store.summons.signUp(summonId, (await aMember(h.store)).openid, new Date())
}

/** An open summon of SUMMON_GRID with 30 places, four of them taken. */
async function mainOpen() {
  const summonId = await createSummon(h.store, { title: MAIN_OPEN, capacity: 30 })
  await signUps(summonId, 4)
  return summonId
}

const DISTRICT_WIDE = '测试召集令 · 全区志愿服务日'
/** A district-wide summon by the admin (no grid), the member signed up. */
async function districtWide() {
  const summonId = await createSummon(h.store, { title: DISTRICT_WIDE, gridId: null, publishedBy: ADMIN })
  await h.store.summons.signUp(summonId, MEMBER, new Date())
  return summonId
}

async function openSummon(openid: string, summonId: string) {
  h.signInAs(openid)
  await h.renderPage('member/pages/summon/index', { id: summonId })
}

/** The text of the detail page's one primary button. */
const mainButton = () => h.findBySelector('.sign-up-bar__main')
const mainLabel = async () => (await mainButton()).textContent?.trim()

describe('召集令详情', () => {
  it('一键报名: one tap signs the member up and the button reads 已报名', async () => {
    const summonId = await mainOpen()
    await openSummon(MEMBER, summonId)
    await h.findByText(MAIN_OPEN)
    await h.findByText(SUMMON_GRID)
    await h.findByText('已报名 4/30')
    expect(await mainLabel()).toBe('一键报名')

    await h.click(await mainButton())
    await h.waitUntil(async () => expect(await mainLabel()).toBe('已报名'))
    expect(await h.store.summons.mine(summonId, MEMBER)).toMatchObject({ status: 'confirmed' })
    await h.findByText('取消报名')
    // The reload brings the new count.
    await h.findByText('已报名 5/30')
    // The member does not manage it.
    expect(h.queryByText('报名名单')).toBeNull()
  })

  it('on a full summon the tap joins the waitlist: 候补第 1 位', async () => {
    const summonId = await createSummon(h.store, { capacity: 1 })
    await signUps(summonId, 1)
    await openSummon(MEMBER, summonId)
    await h.findByText('名额已满，可以候补')
    await h.findByText('已满可候补')
    expect(await mainLabel()).toBe('一键报名')

    await h.click(await mainButton())
    await h.waitUntil(async () => expect(await mainLabel()).toBe('候补第 1 位'))
    expect(await h.store.summons.mine(summonId, MEMBER)).toEqual({ status: 'waitlisted', position: 1 })
  })

  it('取消报名 asks first in a dialog, then frees the place', async () => {
    const summonId = await mainOpen()
    await h.store.summons.signUp(summonId, MEMBER, new Date())
    await openSummon(MEMBER, summonId)
    await h.waitUntil(async () => expect(await mainLabel()).toBe('已报名'))

    await h.click(await h.findBySelector('.sign-up-bar__cancel'))
    await h.findByText('取消后名额会让给候补的人，确定取消吗？')
    // 再想想 keeps the sign-up.
    await h.click('再想想')
    expect(await h.store.summons.mine(summonId, MEMBER)).toMatchObject({ status: 'confirmed' })

    await h.click(await h.findBySelector('.sign-up-bar__cancel'))
    await h.click(await h.findBySelector('.nut-dialog-footer-ok'))
    await h.waitUntil(async () => expect(await mainLabel()).toBe('一键报名'))
    expect(await h.store.summons.mine(summonId, MEMBER)).toMatchObject({ status: 'cancelled' })
  })

  it('says why sign-up is closed: deadline passed, ended, withdrawn', async () => {
    const closed = await createSummon(h.store, { signUpDeadline: inHours(-1) })
    await openSummon(MEMBER, closed)
    await h.findByText('已截止', '.sign-up-bar__note')
    expect((await mainButton()).className).toContain('disabled')

    const ended = await createSummon(h.store, { startAt: inHours(-74), endAt: inHours(-72) }, 240)
    await openSummon(LEADER, ended)
    await h.findByText('已结束', '.sign-up-bar__note')

    const withdrawn = await createSummon(h.store, { title: '测试召集令 · 草地音乐会' })
    await h.store.summons.withdraw(withdrawn, '天气预报周末有大雨，改期后另行通知', new Date())
    await openSummon(MEMBER, withdrawn)
    await h.findByText('活动已取消：天气预报周末有大雨，改期后另行通知')
  })

  it('a withdrawn summon says 活动已取消 with the reason at the top, and offers no sign-up', async () => {
    const summonId = await createSummon(h.store)
    await h.store.summons.signUp(summonId, MEMBER, new Date())
    await h.store.summons.withdraw(summonId, '场地临时检修，改期另行通知', new Date())
    await openSummon(MEMBER, summonId)
    const banner = await h.findBySelector('.summon__withdrawn')
    expect(banner.textContent).toContain('活动已取消')
    expect(banner.textContent).toContain('场地临时检修，改期另行通知')
    expect(h.page().querySelector('.sign-up-bar__main')).toBeNull()
    expect(h.page().querySelector('.sign-up-bar')).toBeNull()
  })

  it('a summon that does not exist offers a way home besides 重试', async () => {
    await openSummon(MEMBER, 'no-such-summon')
    await h.findByText('没有找到这条召集令')
    await h.click('回到首页')
    await h.navigatedTo('/pages/summons/index')
  })

  it('a tap on a closed summon signs nobody up', async () => {
    const closed = await createSummon(h.store, { signUpDeadline: inHours(-1) })
    await openSummon(MEMBER, closed)
    await h.click(await mainButton())
    expect(h.calls.filter((c) => c.action === 'signUp')).toEqual([])
    expect(await h.store.summons.mine(closed, MEMBER)).toBeNull()
  })

  it('asks someone without a profile to fill it in first', async () => {
    const summonId = await mainOpen()
    await openSummon('o_new_person', summonId)
    await h.click(await mainButton())
    await h.findByText('先填写基本信息')
    await h.click('去填写')
    await h.navigatedTo('/member/pages/profile/index')
    expect(await h.store.summons.mine(summonId, 'o_new_person')).toBeNull()
  })

  it('shows a district-wide summon as 全区（西湖区团委）', async () => {
    const summonId = await districtWide()
    await openSummon(MEMBER, summonId)
    await h.findByText('全区（西湖区团委）')
    // The member signed up (districtWide).
    await h.waitUntil(async () => expect(await mainLabel()).toBe('已报名'))
  })

  it('gives the leader the roster and withdrawing with a reason', async () => {
    const summonId = await mainOpen()
    await openSummon(LEADER, summonId)
    await h.click('报名名单')
    await h.navigatedTo(`/leader/pages/roster/index?id=${summonId}`)

    await h.click('撤回召集令')
    const reason = await h.findBySelector('.manage-panel__reason')
    // Without a reason nothing happens.
    await h.click(await h.findBySelector('.nut-dialog-footer-ok'))
    await h.findByText('请写一句撤回的原因，报名的人会看到')
    expect((await h.store.summons.get(summonId))?.withdrawnAt).toBeNull()

    await h.type(reason, '场地临时检修，改期另行通知')
    await h.click(await h.findBySelector('.nut-dialog-footer-ok'))
    await h.findByText('活动已取消：场地临时检修，改期另行通知')
    expect(await h.store.summons.get(summonId)).toMatchObject({ withdrawReason: '场地临时检修，改期另行通知' })
  })

  it('lets the district admin manage a district-wide summon', async () => {
    const summonId = await districtWide()
    await openSummon(ADMIN, summonId)
    await h.findByText('报名名单')
  })

  it('tells a wrong link that the summon is not there', async () => {
    await openSummon(MEMBER, 'no-such-summon')
    await h.findByText('没有找到这条召集令')
  })
})
