import { aGrid, aMember, anAdmin } from '../support/factories'
import { setupPageHarness, type TestStore } from './harness'
import { ADMIN, ADMIN_NAME, LEADER, LEADER_NAME, MEMBER, MEMBER_NAME } from './summon-fixtures'

const VILLAGE_GRID = '测试志愿服务队网格'
/** The cast, and a grid nobody leads yet. */
async function world(store: TestStore) {
  await anAdmin(store, ADMIN_NAME, ADMIN)
  await aMember(store, { name: LEADER_NAME }, LEADER)
  await aMember(store, { name: MEMBER_NAME }, MEMBER)
  await aGrid(store, { name: VILLAGE_GRID })
}

const h = setupPageHarness({ fixture: world })

/** An invite to VILLAGE_GRID (no leader yet), made by the admin through the real handler. */
async function inviteToVillageGrid(): Promise<{ gridId: string; code: string }> {
  const [grid] = await h.store.grids.list({ q: VILLAGE_GRID })
  const { inviteCode } = await h.callAs(ADMIN, 'grids.invite', { gridId: grid.id })
  return { gridId: grid.id, code: inviteCode }
}

describe('接受邀请', () => {
  it('makes a member who opens the link a leader of the grid, then opens the grid', async () => {
    const { gridId, code } = await inviteToVillageGrid()
    h.signInAs(MEMBER)
    await h.renderPage('member/pages/invite/index', { code })
    await h.findByText(`邀请码：${code}`)
    expect(await h.store.grids.isLeader(gridId, MEMBER)).toBe(false)

    await h.click(await h.findBySelector('.nut-button'))
    await h.findByText('你已成为网格长')
    expect(await h.store.grids.isLeader(gridId, MEMBER)).toBe(true)
    expect((await h.store.grids.get(gridId))?.fourOnes.leader).toBe(true)
    await h.navigatedTo(`/member/pages/grid/index?id=${gridId}`)
  })

  it('takes a typed code when opened without one', async () => {
    const { gridId, code } = await inviteToVillageGrid()
    h.signInAs(MEMBER)
    await h.renderPage('member/pages/invite/index')
    await h.type(await h.findBySelector('.invite__input'), `  ${code} `)
    await h.click(await h.findBySelector('.nut-button'))
    await h.findByText('你已成为网格长')
    expect(await h.store.grids.isLeader(gridId, MEMBER)).toBe(true)
  })

  it('asks for a code before calling the server', async () => {
    h.signInAs(MEMBER)
    await h.renderPage('member/pages/invite/index')
    await h.click(await h.findBySelector('.nut-button'))
    await h.findByText('请先填写邀请码')
    expect(h.calls.filter((c) => c.action === 'acceptInvite')).toEqual([])
  })

  it('refuses a used code with the server’s message, and the second person stays a member', async () => {
    const { gridId, code } = await inviteToVillageGrid()
    await h.store.grids.acceptInvite(code, LEADER, new Date())
    h.signInAs(MEMBER)
    await h.renderPage('member/pages/invite/index', { code })
    await h.click(await h.findBySelector('.nut-button'))
    await h.findByText('这个邀请码已经被使用过了')
    expect(await h.store.grids.isLeader(gridId, MEMBER)).toBe(false)
    expect(h.navigations).toEqual([])
  })

  it('refuses an unknown code', async () => {
    h.signInAs(MEMBER)
    await h.renderPage('member/pages/invite/index', { code: 'NO-SUCH-CODE' })
    await h.click(await h.findBySelector('.nut-button'))
    const answer = await h.waitUntil(() => {
      const call = h.calls.find((c) => c.action === 'acceptInvite')
      if (!call || call.envelope.ok) throw new Error('no failed acceptInvite yet')
      return call.envelope.error
    })
    await h.findByText(answer.message)
  })

  it('sends someone without an identity to 选择身份 instead of calling the server', async () => {
    const { code } = await inviteToVillageGrid()
    await h.renderPage('member/pages/invite/index', { code })
    await h.click(await h.findBySelector('.nut-button'))
    await h.navigatedTo('/pages/login/index')
    expect(h.calls).toEqual([])
  })
})

describe('邀请页 names the grid and who invites, and says when a code no longer works (issue 12)', () => {
  it('names the grid and the inviter before anything is tapped', async () => {
    const { code } = await inviteToVillageGrid()
    h.signInAs(MEMBER)
    await h.renderPage('member/pages/invite/index', { code })
    await h.findByText(`${ADMIN_NAME}（区团委）邀请你担任「${VILLAGE_GRID}」的网格长`)
  })

  it('disables the button with the reason when the code was used, without a second toast', async () => {
    const { code } = await inviteToVillageGrid()
    await h.store.grids.acceptInvite(code, LEADER, new Date())
    h.signInAs(MEMBER)
    await h.renderPage('member/pages/invite/index', { code })
    await h.findByText('这个邀请码已经被使用过了，请向区团委重新索取')
    const button = await h.findBySelector('.invite__accept')
    expect(button.className).toContain('nut-button-disabled')
    await h.click(button)
    expect(h.calls.filter((c) => c.action === 'acceptInvite')).toEqual([])
  })

  it('says an expired code has expired', async () => {
    const [grid] = await h.store.grids.list({ q: VILLAGE_GRID })
    await h.store.grids.createInvite(grid.id, 'oldinvite0000001', ADMIN, new Date(Date.now() - 1000))
    h.signInAs(MEMBER)
    await h.renderPage('member/pages/invite/index', { code: 'oldinvite0000001' })
    await h.findByText('邀请码已过期，请向区团委重新索取')
  })

  it('opens from the invite’s mini-program code (scene I.<code>) and accepts it', async () => {
    const { gridId, code } = await inviteToVillageGrid()
    h.signInAs(MEMBER)
    await h.renderPage('member/pages/invite/index', { scene: encodeURIComponent(`I.${code}`) })
    await h.findByText(`邀请码：${code}`)
    await h.click(await h.findBySelector('.invite__accept'))
    await h.findByText('你已成为网格长')
    expect(await h.store.grids.isLeader(gridId, MEMBER)).toBe(true)
  })

  it('gives the admin a mini-program code for the invite through the platform port', async () => {
    h.drawCodeImages()
    const [grid] = await h.store.grids.list({ q: VILLAGE_GRID })
    const invite = await h.callAs(ADMIN, 'grids.invite', { gridId: grid.id, withImage: true })
    expect(invite.scene).toBe(`I.${invite.inviteCode}`)
    expect(invite.image).toMatch(/^data:image\/png;base64,/)
  })
})
