import { aMember } from '../support/factories'
import { setupPageHarness } from './harness'
import { createSummon, inHours, LEADER, MEMBER, MEMBER_NAME, summonWorld } from './summon-fixtures'

const h = setupPageHarness({ fixture: summonWorld })

/** Young people with these names sign up for `summonId` in this order (a minute apart); answers their openids. */
async function signUps(summonId: string, names: string[]): Promise<string[]> {
  const openids: string[] = []
  for (const [i, name] of names.entries()) {
    const { openid } = await aMember(h.store, { name })
    await h.store.summons.signUp(summonId, openid, new Date(Date.now() - (names.length - i) * 60_000))
    openids.push(openid)
  }
  return openids
}

const SALON = '测试召集令 · 创业沙龙'
/** An open summon of the member's grid with 30 places and two sign-ups, 林一鸣 first. */
async function salon() {
  const summonId = await createSummon(h.store, { title: SALON, capacity: 30 })
  await signUps(summonId, ['林一鸣', '林思远'])
  return summonId
}

async function openRoster(openid: string, summonId: string) {
  h.signInAs(openid)
  await h.renderPage('leader/pages/roster/index', { id: summonId })
}

describe('报名名单', () => {
  it('groups confirmed, waitlisted (with position) and cancelled, with counts', async () => {
    // Six places, eight sign-ups: 林七 and 林八 wait.
    const summonId = await createSummon(h.store, { capacity: 6 })
    const [first] = await signUps(summonId, ['林一', '林二', '林三', '林四', '林五', '林六', '林七', '林八'])
    await h.store.summons.signUp(summonId, MEMBER, new Date())
    await h.store.summons.cancel(summonId, first, new Date())
    await openRoster(LEADER, summonId)
    // 林一 cancelled: the first on the waitlist (林七) took the place; 林八 and the member wait.
    await h.findByText('已报名 · 6')
    await h.findByText('候补 · 2')
    await h.findByText('已取消 · 1')
    await h.findByText('林七')
    const waitlist = (await h.findByText('候补 · 2')).nextElementSibling
    expect(waitlist?.textContent).toContain('林八')
    expect(waitlist?.textContent).toContain('第 1 位')
    expect(waitlist?.textContent).toContain(MEMBER_NAME)
    expect(waitlist?.textContent).toContain('第 2 位')
  })

  it('lists a walk-in (checked in without signing up) apart, with its count', async () => {
    const summonId = await createSummon(h.store, { startAt: inHours(-0.5), endAt: inHours(1) }, 1)
    await h.store.users.saveProfile('o_walkin', { name: '路过的青年', affiliation: 'none' }, new Date())
    await h.store.checkins.record(
      { openid: 'o_walkin', requestId: 'walkin-0001', gridId: null, summonId, method: 'live', verifiedBy: ['live'] },
      new Date(),
      10,
    )
    await openRoster(LEADER, summonId)
    await h.findByText('现场签到 · 1')
    const walkins = (await h.findByText('现场签到 · 1')).nextElementSibling
    expect(walkins?.textContent).toContain('路过的青年')
    expect(walkins?.textContent).toContain('未报名')
    expect(h.queryByText('还没有人报名')).toBeNull()
  })

  it('counts a walk-in apart on the live-code screen', async () => {
    const summonId = await createSummon(h.store, { startAt: inHours(-0.5), endAt: inHours(1) }, 1)
    await h.store.users.saveProfile('o_walkin', { name: '路过的青年', affiliation: 'none' }, new Date())
    await h.store.checkins.record(
      { openid: 'o_walkin', requestId: 'walkin-0002', gridId: null, summonId, method: 'live', verifiedBy: ['live'] },
      new Date(),
      10,
    )
    h.signInAs(LEADER)
    await h.renderPage('leader/pages/live-code/index', { summonId })
    const count = await h.findBySelector('.live-code__count')
    await h.waitUntil(() => expect(count.textContent).toContain('已签到 0 人 · 现场签到 1 人'))
  })

  it('exports the CSV the server makes as a browser download (H5)', async () => {
    const summonId = await salon()
    const blobs: Blob[] = []
    const downloads: string[] = []
    const urls = URL as unknown as { createObjectURL: (b: Blob) => string; revokeObjectURL: (u: string) => void }
    urls.createObjectURL = (blob: Blob) => {
      blobs.push(blob)
      return 'blob:roster'
    }
    urls.revokeObjectURL = () => undefined
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloads.push(this.download)
    })
    try {
      await openRoster(LEADER, summonId)
      await h.click('导出 CSV')
      await h.findByText('名单已下载')
      expect(downloads).toEqual([`报名名单-${SALON}.csv`])
      const text = await new Promise<string>((resolve) => {
        const reader = new FileReader()
        reader.onload = () => resolve(String(reader.result))
        reader.readAsText(blobs[0])
      })
      expect(text).toContain('林一鸣')
      expect(h.calls.filter((c) => c.action === 'exportRoster')).toHaveLength(1)
    } finally {
      click.mockRestore()
    }
  })

  it('says so when nobody has signed up yet', async () => {
    const summonId = await createSummon(h.store)
    await openRoster(LEADER, summonId)
    await h.findByText('还没有人报名')
  })

  it('keeps the roster from a member', async () => {
    const summonId = await salon()
    await openRoster(MEMBER, summonId)
    await h.findByText('只有发布这条召集令的网格长可以进行这项操作')
    expect(h.queryByText('林一鸣')).toBeNull()
  })
})
