import { setupPageHarness } from './harness'
import { ADMIN, LEADER, MEMBER, SUMMON_GRID, summonWorld } from './summon-fixtures'

const h = setupPageHarness({ fixture: summonWorld })

async function openForm(openid: string) {
  h.signInAs(openid)
  await h.renderPage('leader/pages/summon-publish/index')
  return h.findBySelector('.nut-form')
}

const field = async (label: string) =>
  (await h.findByText(label, '.nut-form-item-labeltxt')).closest('.nut-form-item') as Element
// The form item itself: `h.type` waits for the native input Taro draws inside it.
const input = async (label: string) => field(label)
const publishes = () => h.calls.filter((c) => c.action === 'publish')

/** Every summon published by `openid` (the store's view, whatever the page showed). */
async function publishedBy(openid: string) {
  const page = await h.store.summons.list({ scope: 'open', openid, limit: 50, now: new Date() })
  const records = await Promise.all(page.items.map((s) => h.store.summons.get(s.id)))
  return records.filter((r) => r?.publishedBy === openid && r.title.startsWith('测试'))
}

async function fillAndPreview(title: string) {
  await h.type(await input('标题'), title)
  await h.type(await input('地点'), '测试大厦 2 楼多功能厅')
  await h.type(await input('活动介绍（选填）'), '一起聊聊楼宇里的青年社团怎么办。')
  await h.type(await input('人数上限（选填）'), '20')
  await h.click('预览')
  await h.findByText('预览：青年看到的召集令就是这样。确认无误后发布。')
}

/** A touch event with one touch at `y` (NutUI's picker reads `touches[0].pageY`). */
function touch(type: string, y: number): Event {
  const event = new Event(type, { bubbles: true, cancelable: true })
  const point = { clientX: 0, clientY: y, pageX: 0, pageY: y, screenX: 0, screenY: y }
  Object.defineProperty(event, 'touches', { value: [point] })
  return event
}

/** Opens the time field's picker, rolls its hour column by `hours` (negative: earlier) and confirms. */
async function pickHour(label: string, hours: number) {
  await h.click((await field(label)).querySelector('.picker-field') as Element)
  const popup = await h.waitUntil(() => {
    const title = Array.from(document.querySelectorAll('.nut-picker-title')).find((t) => t.textContent === label)
    const found = title?.closest('.nut-picker')
    if (!found) throw new Error(`no picker ${label}`)
    return found
  })
  const hourColumn = popup.querySelectorAll('.nut-pickerview-list')[3]
  const spacing = 36
  // The roller listens once per render: let React render between the steps of the gesture.
  const pause = (ms = 60) => new Promise((resolve) => setTimeout(resolve, ms))
  hourColumn.dispatchEvent(touch('touchstart', 300))
  await pause(350)
  hourColumn.dispatchEvent(touch('touchmove', 300 - (hours * spacing) / 2))
  await pause()
  hourColumn.dispatchEvent(touch('touchmove', 300 - hours * spacing))
  await pause()
  hourColumn.dispatchEvent(touch('touchend', 300 - hours * spacing))
  await pause()
  const roller = hourColumn.querySelector('.nut-pickerview-roller') ?? hourColumn
  // The roll ends with a CSS transition, which jsdom never runs: end it, as the browser would.
  for (const type of ['transitionend', 'transitionEnd']) roller.dispatchEvent(new Event(type, { bubbles: true }))
  await pause()
  await h.click(popup.querySelector('.nut-picker-confirm-btn') ?? (await h.findByText('确认')))
}

describe('发布召集令', () => {
  it('previews, publishes, and the store holds the summon', async () => {
    await openForm(LEADER)
    await h.findByText(SUMMON_GRID)
    await h.click(await h.findByText('+ 楼宇圈'))
    await h.findByText('已选 1/5 个')
    await fillAndPreview('测试 · 楼宇青年社团交流会')
    await h.findByText('测试 · 楼宇青年社团交流会', '.summon-facts__title')
    expect(publishes()).toEqual([])

    await h.click('确认发布')
    await h.findByText('已发布')
    const [summon] = await publishedBy(LEADER)
    expect(summon).toMatchObject({
      title: '测试 · 楼宇青年社团交流会',
      gridName: SUMMON_GRID,
      place: '测试大厦 2 楼多功能厅',
      capacity: 20,
      tags: ['楼宇圈'],
      signUpDeadline: null,
    })
    expect(Date.parse(summon!.endAt) - Date.parse(summon!.startAt)).toBe(2 * 60 * 60 * 1000)
    await h.navigatedTo(`/member/pages/summon/index?id=${summon!.id}`)
  })

  it("shows the server's field message on its field and publishes nothing", async () => {
    await openForm(LEADER)
    // One character passes the page's own check (not empty); the server asks for at least two.
    await fillAndPreview('测')
    await h.click('确认发布')
    const title = await field('标题')
    await h.waitUntil(() => expect(title.textContent).toContain('至少 2 个字'))
    expect(publishes()).toHaveLength(1)
    expect(publishes()[0].envelope).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(await publishedBy(LEADER)).toEqual([])
  })

  it("keeps the server's field message under its field until that field changes, then publishes", async () => {
    await openForm(LEADER)
    await fillAndPreview('测')
    await h.click('确认发布')
    const title = await field('标题')
    await h.waitUntil(() => expect(title.textContent).toContain('至少 2 个字'))
    // Another field's change leaves it; a new title takes it away at once.
    await h.type(await input('地点'), '测试大厦 3 楼')
    expect(title.textContent).toContain('至少 2 个字')
    await h.type(await input('标题'), '测试 · 改好的标题')
    await h.waitUntil(() => expect(title.textContent).not.toContain('至少 2 个字'))
    await h.click('预览')
    await h.click('确认发布')
    await h.navigatedTo('/member/pages/summon/index?id=')
    expect(await publishedBy(LEADER)).toMatchObject([{ title: '测试 · 改好的标题', place: '测试大厦 3 楼' }])
  })

  it('refuses an end before the start before any preview, with the server’s words, and forgets it once fixed', async () => {
    await openForm(LEADER)
    await h.type(await input('标题'), '测试 · 时间倒过来的活动')
    await h.type(await input('地点'), '测试大厦 2 楼多功能厅')
    // The form starts at 14:00–16:00 tomorrow: pull the end back to 13:00.
    await pickHour('结束时间', -3)
    const end = await field('结束时间')
    await h.waitUntil(() => expect(end.textContent).toContain('13:00'))
    await h.click('预览')
    await h.waitUntil(() => expect(end.textContent).toContain('结束时间要晚于开始时间'))
    expect(end.textContent).not.toContain('结束时间结束时间')
    expect(h.queryByText('确认发布')).toBeNull()
    expect(publishes()).toEqual([])

    // Moving the start before the end clears the end's message at once.
    await pickHour('开始时间', -2)
    await h.waitUntil(() => expect(end.textContent).not.toContain('结束时间要晚于开始时间'))
    await h.click('预览')
    await h.findByText('预览：青年看到的召集令就是这样。确认无误后发布。')
  })

  it('checks the required fields before any preview', async () => {
    await openForm(LEADER)
    await h.click('预览')
    const place = await field('地点')
    await h.waitUntil(() => expect(place.textContent).toContain('不能为空'))
    expect(h.queryByText('确认发布')).toBeNull()
  })

  it('lets a district admin publish district-wide', async () => {
    await openForm(ADMIN)
    await h.findByText('全区（西湖区团委）')
    await fillAndPreview('测试 · 全区青年志愿者培训')
    await h.click('确认发布')
    await h.findByText('已发布')
    const [summon] = await publishedBy(ADMIN)
    expect(summon).toMatchObject({ gridId: null, title: '测试 · 全区青年志愿者培训' })
  })

  it('tells a member that only leaders publish', async () => {
    h.signInAs(MEMBER)
    await h.renderPage('leader/pages/summon-publish/index')
    await h.findByText('只有网格长和区团委可以发布召集令')
    expect(h.page().querySelector('.nut-form')).toBeNull()
  })
})
