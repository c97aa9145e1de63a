import { aMember } from '../support/factories'
import { setupPageHarness } from './harness'
import { createSummon, LEADER, MEMBER, summonWorld } from './summon-fixtures'

const h = setupPageHarness({ fixture: summonWorld })

const field = async (label: string) =>
  (await h.findByText(label, '.nut-form-item-labeltxt')).closest('.nut-form-item') as Element
const updates = () => h.calls.filter((c) => c.action === 'update' && c.fn === 'summons')
/** Two young people of their own (with profiles) to sign up. */
const twoMembers = async () => [(await aMember(h.store)).openid, (await aMember(h.store)).openid]

describe('编辑召集令', () => {
  it('the leader opens 编辑 from the summon page; the form holds the summon as published', async () => {
    const summonId = await createSummon(h.store, { capacity: 2 })
    h.signInAs(LEADER)
    await h.renderPage('member/pages/summon/index', { id: summonId })
    await h.click('编辑')
    const nav = await h.navigatedTo('summon-publish')
    expect(nav.url).toBe(`/leader/pages/summon-publish/index?id=${summonId}`)
    await h.renderPage('leader/pages/summon-publish/index', { id: summonId })
    await h.findByText('修改「测试召集令 · 周末环湖净跑」：改了时间或地点，已报名和候补的青年都会收到通知。')
    const place = (await field('地点')).querySelector('input') as HTMLInputElement
    expect(place.value).toBe('西湖区北山街集合')
    const capacity = (await field('人数上限（已报名 0 人）')).querySelector('input') as HTMLInputElement
    expect(capacity.value).toBe('2')
  })

  it('raising the capacity sends only the capacity and promotes the waitlist at once', async () => {
    const summonId = await createSummon(h.store, { capacity: 1 })
    for (const openid of [...(await twoMembers()), MEMBER]) await h.store.summons.signUp(summonId, openid, new Date())
    h.signInAs(LEADER)
    await h.renderPage('leader/pages/summon-publish/index', { id: summonId })
    await h.type(await field('人数上限（已报名 1 人，候补 2 人）'), '3')
    await h.click('保存修改')
    await h.findByText('已保存，2 位候补已转为报名')
    expect(updates().map((c) => c.data)).toEqual([{ summonId, capacity: 3 }])
    expect(await h.store.summons.mine(summonId, MEMBER)).toEqual({ status: 'confirmed' })
    await h.navigatedTo(`pages/summon/index?id=${summonId}`)
  })

  it('a capacity under the places taken shows the server refusal on the field, and nothing changes', async () => {
    const summonId = await createSummon(h.store, { capacity: 5 })
    for (const openid of await twoMembers()) await h.store.summons.signUp(summonId, openid, new Date())
    h.signInAs(LEADER)
    await h.renderPage('leader/pages/summon-publish/index', { id: summonId })
    await h.type(await field('人数上限（已报名 2 人）'), '1')
    await h.click('保存修改')
    // On the field (the form item), not only in a toast.
    await h.waitUntil(async () =>
      expect((await field('人数上限（已报名 2 人）')).textContent).toContain('已有 2 人报名，名额不能少于 2'),
    )
    expect((await h.store.summons.get(summonId))?.capacity).toBe(5)
  })

  it('a new place tells the signed-up members (the count is in the toast)', async () => {
    const summonId = await createSummon(h.store, { capacity: 5 })
    await h.store.summons.signUp(summonId, MEMBER, new Date())
    h.signInAs(LEADER)
    await h.renderPage('leader/pages/summon-publish/index', { id: summonId })
    await h.type(await field('地点'), '北山街青年之家 2 楼')
    await h.click('保存修改')
    await h.findByText('已保存，已通知 1 位报名的青年')
    expect((await h.store.summons.get(summonId))?.place).toBe('北山街青年之家 2 楼')
  })

  it('a member cannot edit: the page says who can', async () => {
    const summonId = await createSummon(h.store)
    h.signInAs(MEMBER)
    await h.renderPage('leader/pages/summon-publish/index', { id: summonId })
    await h.findByText('只有发布这条召集令的网格长可以修改')
    expect(h.queryByText('保存修改')).toBeNull()
  })
})
