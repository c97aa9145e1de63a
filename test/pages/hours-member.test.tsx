/**
 * 志愿时长 on the member's screens (issue 15): the 6-digit code typed on the summon's page (签到, then
 * 签退), 我的 → 志愿时长 (the ring against 20 hours, the star level, each activity's status), the
 * 志愿服务记录证明 (print, save as an image, its verify code) and the verify page — over the real handlers.
 */
import { fakeCanvas } from '../support/canvas'
import { setupPageHarness } from './harness'
import { confirmHours, HOUR, member, MINUTE, scanAt, serviceSummon } from './hours-fixtures'
import { LEADER } from './demo-fixtures'

const h = setupPageHarness()
const VOLUNTEER = 'o_hours_volunteer'

const textOf = (selector: string) => h.page().querySelector(selector)?.textContent ?? ''

/**
 * The volunteer's year: one confirmed activity (1.5 h of 2), one short of 60 %, one pending (1 h), and
 * one ended a week ago made up by the leader to 2 h and confirmed.
 */
async function volunteerYear() {
  await member(h, VOLUNTEER, '林小雨')
  const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * MINUTE)
  const start = new Date(Date.now() - 4 * HOUR)
  const done = await serviceSummon(h, start, at(start, 120), { title: '测试 · 社区敬老院陪伴' })
  await scanAt(h, done, VOLUNTEER, 'in', at(start, 5))
  await scanAt(h, done, VOLUNTEER, 'out', at(start, 115))
  await confirmHours(h, done)

  const short = await serviceSummon(h, at(start, 10), at(start, 130), { title: '测试 · 河道清洁' })
  await scanAt(h, short, VOLUNTEER, 'in', at(start, 60))
  await scanAt(h, short, VOLUNTEER, 'out', at(start, 90))

  const pending = await serviceSummon(h, at(start, 20), at(start, 80), { hours: 1, title: '测试 · 图书角整理' })
  await scanAt(h, pending, VOLUNTEER, 'in', at(start, 20))
  await scanAt(h, pending, VOLUNTEER, 'out', at(start, 80))

  const weekAgo = new Date(Date.now() - 7 * 24 * HOUR)
  const madeUp = await serviceSummon(h, weekAgo, at(weekAgo, 120), { title: '测试 · 垃圾分类宣传' })
  await scanAt(h, madeUp, VOLUNTEER, 'in', at(weekAgo, 0))
  await h.callAs(LEADER, 'hours.makeup', {
    summonId: madeUp,
    openid: VOLUNTEER,
    hours: 2,
    reason: '手机没电未能扫码签退，现场签到表可查',
  })
  await confirmHours(h, madeUp)
  return { done, short, pending, madeUp }
}

describe('召集令: 输入签到码', () => {
  it('signs in, then out, with the 6 digits typed (sent with the summon’s id and a request id)', async () => {
    await member(h, VOLUNTEER, '林小雨')
    const start = new Date(Date.now() - 30 * MINUTE)
    const summonId = await serviceSummon(h, start, new Date(start.getTime() + 2 * HOUR))
    h.signInAs(VOLUNTEER)
    await h.renderPage('member/pages/summon/index', { id: summonId })
    await h.findByText('输入签到 / 签退码')

    const signIn = await h.callAs(LEADER, 'checkin.liveCode', { summonId })
    await h.type(await h.findBySelector('.code-entry__input'), signIn.shortCode)
    await h.click('提交')
    await h.findByText('签到成功')
    const sent = h.calls.find((c) => c.action === 'scan')
    expect(sent?.data).toEqual({ code: signIn.shortCode, summonId, requestId: expect.stringMatching(/^[\w-]{8,64}$/) })

    const signOut = await h.callAs(LEADER, 'checkin.liveCode', { summonId, phase: 'out' })
    await h.type(await h.findBySelector('.code-entry__input'), signOut.shortCode)
    await h.click('提交')
    await h.findByText('签退成功')
    // A minute's presence is short of 60 % of two hours: said so, nothing credited.
    await h.waitUntil(() => expect(textOf('.code-entry__done')).toContain('不足 60%'))
  })

  it('asks for six digits before sending anything', async () => {
    const start = new Date(Date.now() - 30 * MINUTE)
    const summonId = await serviceSummon(h, start, new Date(start.getTime() + 2 * HOUR))
    h.signInAs(LEADER)
    await h.renderPage('member/pages/summon/index', { id: summonId })
    await h.type(await h.findBySelector('.code-entry__input'), '123')
    await h.click('提交')
    await h.findByText('请输入网格长手机上显示的 6 位数字')
    expect(h.calls.filter((c) => c.action === 'scan')).toHaveLength(0)
  })

  it('shows no code box long before the start', async () => {
    const start = new Date(Date.now() + 2 * 24 * HOUR)
    const summonId = await serviceSummon(h, start, new Date(start.getTime() + 2 * HOUR))
    h.signInAs(VOLUNTEER)
    await h.renderPage('member/pages/summon/index', { id: summonId })
    await h.findByText('志愿服务 · 计入志愿时长')
    expect(h.queryByText('输入签到 / 签退码')).toBeNull()
  })
})

describe('我的 → 志愿时长', () => {
  it('shows this year’s confirmed hours against 20, the star level and each activity’s status', async () => {
    await volunteerYear()
    h.signInAs(VOLUNTEER)
    await h.renderPage('pages/me/index')
    await h.click('志愿时长')
    await h.navigatedTo('/hours/pages/mine/index')

    await h.renderPage('hours/pages/mine/index')
    await h.waitUntil(() => expect(textOf('.hours-ring__figure')).toBe('3.5'))
    await h.findByText('/ 20 小时')
    await h.findByText('距每年 20 小时还差 16.5 小时')
    await h.findByText('另有 1 小时等网格长确认')
    await h.findByText('还不是星级志愿者')
    await h.findByText('☆☆☆☆☆')
    const rows = Array.from(h.page().querySelectorAll('.hours-item'))
    const row = (title: string) => rows.find((r) => r.textContent?.includes(title))?.textContent ?? ''
    expect(row('测试 · 社区敬老院陪伴')).toContain('1.5 小时')
    expect(row('测试 · 社区敬老院陪伴')).toContain('已确认')
    expect(row('测试 · 河道清洁')).toContain('不足 60%')
    expect(row('测试 · 图书角整理')).toContain('待确认')
    expect(row('测试 · 垃圾分类宣传')).toContain('补录')
    expect(row('测试 · 垃圾分类宣传')).toContain('2 小时')

    await h.click(`${new Date().getFullYear()} 年志愿服务记录证明`)
    await h.navigatedTo('/hours/pages/certificate/index')
  })

  it('says what to do when there is no service yet', async () => {
    await member(h, VOLUNTEER, '林小雨')
    h.signInAs(VOLUNTEER)
    await h.renderPage('hours/pages/mine/index')
    await h.findByText(`${new Date().getFullYear()} 年还没有志愿服务`)
    await h.waitUntil(() => expect(textOf('.hours-ring__figure')).toBe('0'))
  })
})

describe('志愿服务记录证明', () => {
  it('lists the confirmed activities with hours and grid, a number, a seal’s place; prints and saves a picture', async () => {
    await volunteerYear()
    h.signInAs(VOLUNTEER)
    await h.renderPage('hours/pages/certificate/index')
    await h.findByText('志愿服务记录证明', '.certificate__title')
    await h.waitUntil(() => expect(textOf('.certificate__statement')).toContain('林小雨'))
    expect(textOf('.certificate__statement')).toContain('累计 3.5 小时')
    const table = textOf('.certificate__table')
    expect(table).toContain('测试 · 社区敬老院陪伴')
    expect(table).toContain('测试 · 垃圾分类宣传（补录）')
    expect(table).toContain('莲花商圈楼宇网格')
    // Pending and uncredited activities are not on the certificate.
    expect(table).not.toContain('测试 · 图书角整理')
    expect(table).not.toContain('测试 · 河道清洁')
    expect(textOf('.certificate__number')).toMatch(/^证明编号：\S+/)
    await h.findByText('（盖章处）')
    expect(h.page().querySelector('.certificate__qr')?.getAttribute('src')).toMatch(/^data:image\/gif/)
    expect(document.getElementById('certificate-print')?.textContent).toContain('@media print')

    const print = jest.fn()
    window.print = print
    await h.click('打印证明')
    expect(print).toHaveBeenCalledTimes(1)

    // 保存为图片: the certificate drawn on a canvas, downloaded as a PNG.
    const { drawn, pen } = fakeCanvas()
    const getContext = jest
      .spyOn(HTMLCanvasElement.prototype, 'getContext')
      .mockImplementation((() => pen) as unknown as HTMLCanvasElement['getContext'])
    const toDataURL = jest.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockReturnValue('data:image/png;base64,AA')
    const downloads: string[] = []
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloads.push(this.download)
    })
    try {
      await h.click('保存为图片')
      await h.findByText('图片已下载')
      const year = new Date().getFullYear()
      expect(downloads).toEqual([`志愿服务记录证明-林小雨-${year}.png`])
      const all = drawn.join('\n')
      expect(all).toContain('志愿服务记录证明')
      expect(all).toContain('林小雨')
      expect(all).toContain('1.5 小时')
      expect(all).toContain('（盖章处）')
      expect(all).toContain(textOf('.certificate__number'))
    } finally {
      getContext.mockRestore()
      toDataURL.mockRestore()
      click.mockRestore()
    }
  })
})

describe('核验证明', () => {
  it('confirms a real number with the masked name and the hours, and refuses a changed one', async () => {
    await volunteerYear()
    const cert = await h.callAs(VOLUNTEER, 'hours.certificate', {})
    h.signInAs(LEADER)
    await h.renderPage('hours/pages/verify/index', { number: cert.number })
    await h.findByText('✓ 证明有效')
    await h.findByText('林*雨')
    await h.findByText('3.5 小时')

    const last = cert.number.slice(-1)
    const changed = `${cert.number.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`
    await h.type(await h.findBySelector('.verify__input'), changed)
    await h.click('核验')
    await h.findByText('没有查到这份证明')
    expect(h.queryByText('✓ 证明有效')).toBeNull()
  })
})
