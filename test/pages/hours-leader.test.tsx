/**
 * 志愿时长 on the leader's screens (issue 15): the live code's 签到 / 签退 switch with the typed 6-digit
 * code, the roster's hours (sign-in, sign-out, computed), 确认时长 after the end, 补录 with a reason, the
 * hours CSV, and the admins' make-up audit list — over the real handlers.
 */
import { hoursOf } from '../../src/admin/utils/overview'
import { hoursText } from '../../src/utils/hours'
import { setupPageHarness } from './harness'
import { confirmHours, HOUR, member, MINUTE, scanAt, serviceSummon } from './hours-fixtures'
import { ADMIN, LEADER, MEMBER } from './demo-fixtures'

const h = setupPageHarness()

/** A summon that ran from three hours ago until an hour ago (so 确认时长 may be tapped). */
async function endedSummon() {
  const start = new Date(Date.now() - 3 * HOUR)
  const end = new Date(start.getTime() + 2 * HOUR)
  return { summonId: await serviceSummon(h, start, end), start, end }
}

const textOf = (selector: string) => h.page().querySelector(selector)?.textContent ?? ''

describe('发布召集令: 志愿服务 or 会议', () => {
  const field = async (label: string) =>
    (await h.findByText(label, '.nut-form-item-labeltxt')).closest('.nut-form-item') as Element

  it('asks for hours (in half hours) only for 志愿服务 · 计入志愿时长, and publishes them', async () => {
    h.signInAs(LEADER)
    await h.renderPage('leader/pages/summon-publish/index')
    await h.findByText('会议 · 团建（不计时长）')
    expect(h.queryByText('志愿时长（小时）')).toBeNull()
    await h.click(await h.findByText('志愿服务 · 计入志愿时长'))
    await h.type(await field('标题'), '测试 · 楼宇垃圾分类志愿服务')
    await h.type(await field('地点'), '莲花商务中心 1 楼大堂')
    await h.type(await field('志愿时长（小时）'), '1.25')
    await h.click('预览')
    await h.findByText('请按半小时填写，如 2 或 1.5')
    await h.type(await field('志愿时长（小时）'), '1.5')
    await h.click('预览')
    await h.findByText('预览：青年看到的召集令就是这样。确认无误后发布。')
    await h.findByText('志愿服务 · 计入志愿时长', '.nut-cell-title')
    await h.click('确认发布')
    await h.findByText('已发布')
    const publish = h.calls.find((c) => c.action === 'publish')
    expect(publish?.data).toMatchObject({ title: '测试 · 楼宇垃圾分类志愿服务', hours: 1.5 })
    expect(publish?.envelope).toMatchObject({ ok: true, data: { hours: 1.5, service: true } })
  })
})

describe('活动签到码: 签到 and 签退', () => {
  it('switches to 签退 and shows each phase’s 6-digit code, which the server accepts when typed', async () => {
    const start = new Date(Date.now() - 30 * MINUTE)
    const summonId = await serviceSummon(h, start, new Date(start.getTime() + 2 * HOUR))
    h.signInAs(LEADER)
    await h.renderPage('leader/pages/live-code/index', { summonId })
    await h.findByText('签到码')
    const shortIn = await h.waitUntil(() => {
      const text = textOf('.live-code__short-code')
      if (!/^\d{3} \d{3}$/.test(text)) throw new Error(`no short code yet: ${text}`)
      return text.replace(' ', '')
    })
    // The digits on screen sign a member in when typed on the summon's page.
    const signedIn = await h.callAs(MEMBER, 'checkin.scan', { code: shortIn, summonId, requestId: 'typed-in-0001' })
    expect(signedIn.phase ?? 'in').toBe('in')

    await h.click('签退')
    await h.findByText('签退码')
    await h.findByText('活动结束时请青年扫这个码签退', '.live-code__tip')
    const outCalls = h.calls.filter((c) => c.action === 'liveCode' && (c.data as { phase?: string }).phase === 'out')
    expect(outCalls.length).toBeGreaterThan(0)
    const shortOut = await h.waitUntil(() => {
      const text = textOf('.live-code__short-code').replace(' ', '')
      if (!/^\d{6}$/.test(text) || text === shortIn) throw new Error(`no sign-out code yet: ${text}`)
      return text
    })
    expect(textOf('.live-code__text')).toMatch(/^O\./)
    const signedOut = await h.callAs(MEMBER, 'checkin.scan', { code: shortOut, summonId, requestId: 'typed-out-001' })
    expect(signedOut.phase).toBe('out')
    expect(signedOut.signOut).toBeDefined()
  })

  it('shows no 签退 for a meeting (no hours)', async () => {
    const start = new Date(Date.now() - 30 * MINUTE)
    const summonId = await serviceSummon(h, start, new Date(start.getTime() + HOUR), {
      hours: 0,
      title: '测试 · 月度例会',
    })
    h.signInAs(LEADER)
    await h.renderPage('leader/pages/live-code/index', { summonId })
    await h.findByText('签到码')
    expect(h.queryByText('签退')).toBeNull()
  })
})

describe('报名名单: 志愿时长', () => {
  it('shows each member’s sign-in, sign-out and hours, and 确认时长 shows the hours first, then credits them', async () => {
    const { summonId, start, end } = await endedSummon()
    await scanAt(h, summonId, MEMBER, 'in', new Date(start.getTime() + 5 * MINUTE))
    await scanAt(h, summonId, MEMBER, 'out', new Date(end.getTime() - 5 * MINUTE))
    const brief = await member(h, 'o_hours_brief', '路过的青年')
    await scanAt(h, summonId, brief, 'in', new Date(start.getTime() + 60 * MINUTE))
    await scanAt(h, summonId, brief, 'out', new Date(start.getTime() + 90 * MINUTE))

    h.signInAs(LEADER)
    await h.renderPage('leader/pages/roster/index', { id: summonId })
    await h.findByText('志愿时长 · 每人最多 2 小时')
    await h.findByText('活动已结束，核对下面每个人的时长后点「确认时长」。')
    const rows = await h.waitUntil(() => {
      const found = Array.from(h.page().querySelectorAll('.hours-panel__row'))
      if (found.length < 2) throw new Error('rows not shown yet')
      return found
    })
    const chen = rows.find((r) => r.textContent?.includes('陈晓青'))
    expect(chen?.textContent).toContain('1.5 小时')
    expect(chen?.textContent).toContain('待确认')
    expect(chen?.textContent).toMatch(/签到 \d\d:\d\d · 签退 \d\d:\d\d/)
    const short = rows.find((r) => r.textContent?.includes('路过的青年'))
    expect(short?.textContent).toContain('不足 60%')
    expect(short?.textContent).toContain('0 小时')

    await h.click('确认时长')
    await h.findByText('将为 1 人确认共 1.5 小时志愿时长')
    expect(h.calls.filter((c) => c.action === 'confirm')).toHaveLength(0)
    await h.click('确认')
    await h.findByText('已确认 1 人的时长')
    await h.waitUntil(() => expect(textOf('.hours-panel__state')).toMatch(/^已确认 · /))
    const mine = await h.callAs(MEMBER, 'hours.mine', {})
    expect(mine.items.find((i) => i.summonId === summonId)).toMatchObject({ hours: 1.5, status: 'confirmed' })
    expect(h.queryByText('确认时长')).toBeNull()
  })

  it('offers no 确认时长 before the end', async () => {
    const start = new Date(Date.now() - 30 * MINUTE)
    const summonId = await serviceSummon(h, start, new Date(start.getTime() + 2 * HOUR))
    await scanAt(h, summonId, MEMBER, 'in', new Date(start.getTime() + MINUTE))
    h.signInAs(LEADER)
    await h.renderPage('leader/pages/roster/index', { id: summonId })
    await h.findByText('签到、签退都扫码后自动算出时长；活动结束后由你确认。')
    await h.waitUntil(() => expect(textOf('.hours-panel__row')).toMatch(/签到 \d\d:\d\d · 签退 — · 算得 0 小时/))
    expect(h.queryByText('确认时长')).toBeNull()
  })

  it('补录 needs a reason, stays within the summon’s hours, is marked 补录 and listed for admins', async () => {
    const { summonId, start } = await endedSummon()
    await scanAt(h, summonId, MEMBER, 'in', new Date(start.getTime() + 5 * MINUTE))
    h.signInAs(LEADER)
    await h.renderPage('leader/pages/roster/index', { id: summonId })
    const row = await h.waitUntil(() => {
      const found = Array.from(h.page().querySelectorAll('.hours-panel__row')).find((r) =>
        r.textContent?.includes('陈晓青'),
      )
      if (!found) throw new Error('no row yet')
      return found
    })
    await h.click(row.querySelector('.hours-panel__makeup-button') as Element)
    await h.findByText('为 陈晓青 补录时长')
    await h.type(await h.findBySelector('.hours-makeup__hours'), '3')
    await h.type(await h.findBySelector('.hours-makeup__reason'), '没电')
    await h.click('保存补录')
    await h.findByText('不能超过这次活动的 2 小时')
    await h.type(await h.findBySelector('.hours-makeup__hours'), '2')
    await h.type(await h.findBySelector('.hours-makeup__reason'), '忘')
    await h.click('保存补录')
    await h.findByText('请写明补录原因（2–100 个字）')
    expect(h.calls.filter((c) => c.action === 'makeup')).toHaveLength(0)

    await h.type(await h.findBySelector('.hours-makeup__reason'), '手机没电未能扫码签退，现场签到表可查')
    await h.click('保存补录')
    await h.findByText('已补录')
    await h.findByText('补录 0 → 2 小时：手机没电未能扫码签退，现场签到表可查（王磊）', '.hours-panel__makeup')

    h.signInAs(ADMIN)
    await h.renderPage('admin/pages/hours-audit/index')
    await h.findByText('原因：手机没电未能扫码签退，现场签到表可查')
    await h.findByText('0 → 2 小时')
    await h.findByText('陈晓青')
  })

  it('exports the hours as a CSV download (H5)', async () => {
    const { summonId, start, end } = await endedSummon()
    await scanAt(h, summonId, MEMBER, 'in', new Date(start.getTime() + 5 * MINUTE))
    await scanAt(h, summonId, MEMBER, 'out', new Date(end.getTime() - 5 * MINUTE))
    await confirmHours(h, summonId)
    const blobs: Blob[] = []
    const downloads: string[] = []
    const urls = URL as unknown as { createObjectURL: (b: Blob) => string; revokeObjectURL: (u: string) => void }
    urls.createObjectURL = (blob: Blob) => {
      blobs.push(blob)
      return 'blob:hours'
    }
    urls.revokeObjectURL = () => undefined
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloads.push(this.download)
    })
    try {
      h.signInAs(LEADER)
      await h.renderPage('leader/pages/roster/index', { id: summonId })
      await h.click('导出时长 CSV')
      await h.findByText('时长表已下载')
      expect(downloads).toHaveLength(1)
      expect(downloads[0]).toMatch(/\.csv$/)
      const text = await new Promise<string>((resolve) => {
        const reader = new FileReader()
        reader.onload = () => resolve(String(reader.result))
        reader.readAsText(blobs[0])
      })
      expect(text).toContain('陈晓青')
      expect(text).toContain('1.5')
    } finally {
      click.mockRestore()
    }
  })

  it('links 网格一张图 to the make-up audit', async () => {
    h.signInAs(ADMIN)
    await h.renderPage('admin/pages/overview/index')
    await h.click('志愿时长补录记录')
    await h.navigatedTo('/admin/pages/hours-audit/index')
  })

  it('shows each grid’s and the district’s confirmed hours on 网格一张图', async () => {
    const { summonId, start, end } = await endedSummon()
    await scanAt(h, summonId, MEMBER, 'in', new Date(start.getTime() + 5 * MINUTE))
    await scanAt(h, summonId, MEMBER, 'out', new Date(end.getTime() - 5 * MINUTE))
    await confirmHours(h, summonId)
    const stats = await h.callAs(ADMIN, 'stats.overview', { fresh: true })
    const grid = stats.grids.find((g) => g.name === '莲花商圈楼宇网格')
    // GridStats.hours and StatsTotals.hours come with the backend's stats change (read through hoursOf).
    const gridHours = hoursOf(grid ?? {}) ?? 0
    expect(gridHours).toBeGreaterThanOrEqual(1.5)
    h.signInAs(ADMIN)
    await h.renderPage('admin/pages/overview/index')
    const card = await h.waitUntil(() => {
      const found = Array.from(h.page().querySelectorAll('.grid-stats')).find((c) =>
        c.textContent?.includes('莲花商圈楼宇网格'),
      )
      if (!found) throw new Error('no card yet')
      return found
    })
    expect(card.textContent).toContain(`${hoursText(gridHours)} 小时志愿时长`)
    const total = hoursText(hoursOf(stats.totals) ?? 0)
    await h.waitUntil(() => expect(textOf('.totals__card--hours')).toContain(total))
  })

  it('keeps the make-up audit from a leader', async () => {
    h.signInAs(LEADER)
    await h.renderPage('admin/pages/hours-audit/index')
    await h.findByText('没能加载出来')
  })
})
