/**
 * 网格管理 · 网格长与邀请 (issue 12): an admin removes a leader and revokes an invite, each after a NutUI
 * Dialog; over the real handlers, with the data built by factories.
 */
import { aGrid, aMember, anAdmin } from '../support/factories'
import { setupPageHarness } from './harness'

// The first page of a file renders slowly on a busy 2-core machine.
jest.setTimeout(60_000)

const h = setupPageHarness({ fixture: 'empty' })
const MANAGE = 'admin/pages/grid-manage/index'
const DAY = 86400_000

async function world(leaders = 2) {
  const admin = await anAdmin(h.store, '李书记')
  const people = [await aMember(h.store, { name: '王磊' }), await aMember(h.store, { name: '陈晓青' })].slice(
    0,
    leaders,
  )
  const grid = await aGrid(h.store, { leaders: people.map((p) => p.openid) })
  return { admin, people, grid }
}

/** The NutUI button inside `scope` showing exactly `text`. */
async function clickIn(scope: Element, text: string) {
  const found = Array.from(scope.querySelectorAll('.nut-button')).find((b) => b.textContent?.trim() === text)
  if (!found) throw new Error(`「${text}」 is not in ${scope.className}: ${scope.textContent}`)
  await h.click(found)
}

const leaderCell = async (name: string) =>
  (await h.findByText(name, '.manage-leader .nut-cell-title')).closest('.manage-leader') as Element

describe('网格管理 · 网格长与邀请', () => {
  it('the admin removes a leader after confirming; they stay a member', async () => {
    const { admin, people, grid } = await world()
    h.signInAs(admin.openid)
    await h.renderPage(MANAGE, { id: grid.id })
    await clickIn(await leaderCell('王磊'), '移除')
    await h.findByText('王磊将不再管理这个网格（发布召集令、出示签到码等），仍是网格成员。')
    await clickIn(await h.findBySelector('.manage-confirm'), '再想想')
    expect(await h.store.grids.isLeader(grid.id, people[0].openid)).toBe(true)
    await clickIn(await leaderCell('王磊'), '移除')
    await clickIn(await h.findBySelector('.manage-confirm'), '确认移除')
    await h.waitUntil(() => expect(h.queryByText('王磊', '.manage-leader .nut-cell-title')).toBeNull())
    expect(await h.store.grids.isLeader(grid.id, people[0].openid)).toBe(false)
    expect(await h.store.grids.isMember(grid.id, people[0].openid)).toBe(true)
  })

  it('warns that the grid will have no leader when removing the last one', async () => {
    const { admin, grid } = await world(1)
    h.signInAs(admin.openid)
    await h.renderPage(MANAGE, { id: grid.id })
    await clickIn(await leaderCell('王磊'), '移除')
    await h.findByText('王磊是这个网格唯一的网格长：移除后网格将没有网格长，四个一不再完整。他仍是网格成员。')
    await clickIn(await h.findBySelector('.manage-confirm'), '确认移除')
    await h.findByText('还没有网格长')
  })

  it('lists the open invites and revokes one after confirming', async () => {
    const { admin, grid } = await world()
    await h.store.grids.createInvite(grid.id, 'pagetestinvite01', admin.openid, new Date(Date.now() + 3 * DAY))
    h.signInAs(admin.openid)
    await h.renderPage(MANAGE, { id: grid.id })
    const cell = (await h.findByText('我 发出的邀请')).closest('.manage-invite') as Element
    await clickIn(cell, '撤销')
    await h.findByText('撤销这个邀请？')
    await clickIn(await h.findBySelector('.manage-confirm'), '确认撤销')
    await h.waitUntil(() => expect(h.queryByText('我 发出的邀请')).toBeNull())
    expect((await h.store.grids.getInvite('pagetestinvite01'))?.revokedAt).toBeTruthy()
    const refused = await h.envelopeAs('o_someone', 'grids.acceptInvite', { inviteCode: 'pagetestinvite01' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'CLOSED' } })
  })

  it('offers neither to a leader', async () => {
    const { people, grid } = await world()
    h.signInAs(people[0].openid)
    await h.renderPage(MANAGE, { id: grid.id })
    await leaderCell('陈晓青')
    expect(h.queryByText('移除')).toBeNull()
    expect(h.calls.filter((c) => c.action === 'invites')).toHaveLength(0)
  })
})
