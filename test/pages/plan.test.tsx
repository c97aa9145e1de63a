import { aGrid, aMember, anAdmin, aPlan } from '../support/factories'
import { DAY_MS, HOUR_MS } from '../../types/rules'
import { setupPageHarness, type TestStore } from './harness'
import { ADMIN, ADMIN_NAME, LEADER, LEADER_NAME, MEMBER, MEMBER_NAME } from './summon-fixtures'

// Leader journeys open a sheet and a dialog over a long page: slower than jest's 5 s default on 2 cores.
jest.setTimeout(30_000)

const COLLECTING = '测试沙龙 · 下一期方案'
const FINALIZED = '测试学堂 · 冬季小课安排'
const CLOSED = '测试训练营 · 春季主题征集'
const ELSEWHERE = '测试评选 · 评选规则意见征集'
const WAITING_IDEA = '分组的时候按行业分吧'
const ADOPTED_IDEA = '建议请一位做过天使投资的嘉宾'
const ADOPTED_REPLY = '采纳！已联系园区的投资人李老师，分享后留 30 分钟现场点评。'
const PENDING_IDEA = '可以在群里提前收集大家的计划书'
const DRAFT_LINE = '主题：测试创业者的第一份计划书。'

const GRID = '测试楼宇网格'
const SECOND_GRID = '测试园区网格'
const OTHER_GRID = '测试商圈网格'
/** Members with profiles who write and like ideas. */
const author = (n: number) => `o_test_author${n}`
/** The author of FINALIZED's partly adopted idea. */
const PARTIAL_AUTHOR = author(6)

/**
 * The cast and ten authors; LEADER leads GRID (MEMBER's) and SECOND_GRID; OTHER_GRID is nobody's here.
 * At GRID: COLLECTING (two versions; ideas adopted with five likes, partly adopted, declined, one waiting
 * with two likes, and MEMBER's held for review) and FINALIZED (MEMBER's idea adopted, PARTIAL_AUTHOR's partly,
 * one declined). CLOSED at SECOND_GRID (its window over), ELSEWHERE at OTHER_GRID by the admin.
 */
async function world(store: TestStore) {
  await anAdmin(store, ADMIN_NAME, ADMIN)
  await aMember(store, { name: LEADER_NAME }, LEADER)
  await aMember(store, { name: MEMBER_NAME }, MEMBER)
  for (let n = 1; n <= 10; n++) await aMember(store, { name: `测试作者${n}` }, author(n))
  const grid = await aGrid(store, { name: GRID, leaders: [LEADER], members: [MEMBER] })
  // In a town listed after GRID's, so GRID is the first choice of 发布方案.
  const second = await aGrid(store, { name: SECOND_GRID, townId: 'zhuantang', leaders: [LEADER] })
  const other = await aGrid(store, { name: OTHER_GRID })
  await aPlan(store, {
    gridId: grid.id,
    publishedBy: LEADER,
    title: COLLECTING,
    firstDraft: '下一期沙龙初步定在下月中旬的周六下午。\n欢迎大家提建议。',
    draft: `下一期沙龙定在下月中旬的周六下午 14:00–16:30。\n${DRAFT_LINE}\n想听什么、想请谁，都可以在下面提建议。`,
    createdAgoMs: 3 * DAY_MS,
    ideas: [
      {
        by: author(1),
        content: `${ADOPTED_IDEA}，现场点评两三份真实的计划书。`,
        agoMs: 2 * DAY_MS + 3 * HOUR_MS,
        likedBy: [author(2), author(3), author(4), author(5), MEMBER],
        decision: 'adopted',
        reply: ADOPTED_REPLY,
      },
      {
        by: author(2),
        content: '能不能改到工作日晚上？周末很多人要加班。',
        agoMs: 2 * DAY_MS,
        likedBy: [author(6), author(7), author(8)],
        decision: 'partial',
        reply: '这期先保留周六，下期试一次工作日晚上。',
      },
      {
        by: author(3),
        content: '希望提供午餐，大家可以边吃边聊。',
        agoMs: 36 * HOUR_MS,
        likedBy: [author(9)],
        decision: 'declined',
        reply: '活动在下午，这次只准备茶歇。',
      },
      {
        by: author(4),
        content: `${WAITING_IDEA}，互联网、文创、餐饮各一组。`,
        agoMs: 20 * HOUR_MS,
        likedBy: [author(1), author(5)],
      },
      { by: MEMBER, content: `${PENDING_IDEA}，嘉宾会前先看一遍。`, agoMs: 5 * HOUR_MS, pending: true },
    ],
  })
  await aPlan(store, {
    gridId: grid.id,
    publishedBy: LEADER,
    title: FINALIZED,
    draft: '冬季每周三中午开一节午间小课，共 6 节。',
    ideasUntil: null,
    createdAgoMs: 12 * DAY_MS,
    finalized: true,
    ideas: [
      { by: MEMBER, content: '想学个税汇算。', agoMs: 10 * DAY_MS, decision: 'adopted', reply: '已排进第 3 节。' },
      { by: author(5), content: '能不能加一节摄影课？', agoMs: 9 * DAY_MS, decision: 'declined', reply: '午间太短。' },
      {
        by: PARTIAL_AUTHOR,
        content: '简历修改可以一对一吗？',
        agoMs: 8 * DAY_MS,
        decision: 'partial',
        reply: '课后留 15 分钟。',
      },
    ],
  })
  await aPlan(store, {
    gridId: second.id,
    publishedBy: LEADER,
    title: CLOSED,
    createdAgoMs: 14 * DAY_MS,
    ideasUntil: new Date(Date.now() - 2 * DAY_MS).toISOString(),
    ideas: [{ by: author(7), content: '融资路演的全流程。', agoMs: 12 * DAY_MS }],
  })
  await aPlan(store, {
    gridId: other.id,
    publishedBy: ADMIN,
    title: ELSEWHERE,
    createdAgoMs: 4 * DAY_MS,
    ideas: [{ by: author(10), content: '公益参与能不能用志愿时长来算？', agoMs: 3 * DAY_MS }],
  })
}

const h = setupPageHarness({ fixture: world })

async function planId(title: string): Promise<string> {
  const page = await h.store.plans.list({ openid: LEADER, limit: 50 })
  const plan = page.items.find((p) => p.title === title)
  if (!plan) throw new Error(`no plan ${title}`)
  return plan.id
}

async function openPlan(openid: string, title = COLLECTING) {
  h.signInAs(openid)
  const id = await planId(title)
  await h.renderPage('member/pages/plan/index', { id })
  await h.findByText(title)
  return id
}

/** The card of the idea whose text contains `text`. */
async function ideaCard(text: string): Promise<Element> {
  const content = await h.findByText(text, '.idea__content')
  return content.closest('.idea') as Element
}

async function ideaIdOf(id: string, text: string): Promise<string> {
  const ideas = await h.store.plans.ideas(id, LEADER)
  const idea = ideas.find((i) => i.content.includes(text))
  if (!idea) throw new Error(`no idea ${text}`)
  return idea.id
}

/** Clicks the element inside `scope` whose own text is exactly `text` (a NutUI button: the button itself). */
async function clickIn(scope: Element, text: string) {
  const found = Array.from(scope.querySelectorAll('*')).find((e) =>
    Array.from(e.childNodes).some((c) => c.nodeType === 3 && c.textContent?.trim() === text),
  )
  if (!found) throw new Error(`「${text}」 is not in ${scope.className}: ${scope.textContent}`)
  await h.click(found.closest('.nut-button, .nut-actionsheet-item') ?? found)
}

/** Picks a decision in the open ActionSheet. */
const choose = async (decision: string) => clickIn(await h.findBySelector('.nut-actionsheet'), decision)

describe('方案 page, as a member', () => {
  it('shows the draft, its history and the ideas with decisions, replies and likes', async () => {
    await openPlan(MEMBER)
    await h.findByText(DRAFT_LINE)
    await h.findByText('第 2 版', '.plan-head__window')
    await h.findByText('历史版本')
    await h.findByText('第 1 版')

    const adopted = await ideaCard(ADOPTED_IDEA)
    expect(adopted.querySelector('.decision-badge')?.textContent).toBe('已采纳')
    expect(adopted.textContent).toContain(ADOPTED_REPLY)
    expect(adopted.querySelector('.idea__like')?.textContent).toBe('已赞 5')
    expect((await ideaCard('能不能改到工作日晚上')).querySelector('.decision-badge')?.textContent).toBe('部分采纳')
    expect((await ideaCard('希望提供午餐')).querySelector('.decision-badge')?.textContent).toBe('暂不采纳')
    expect((await ideaCard(WAITING_IDEA)).querySelector('.decision-badge')).toBeNull()

    // Their own idea held for review, with the note only they (and the leaders) see.
    const pending = await ideaCard(PENDING_IDEA)
    expect(pending.textContent).toContain('审核中，仅你和网格长可见')
    expect(pending.querySelector('.idea__like')).toBeNull()
    // Members get no leader actions.
    expect(h.queryByText('待处理')).toBeNull()
    expect(h.queryByText('回复采纳情况')).toBeNull()
  })

  it('hides another member’s idea held for review', async () => {
    await openPlan(author(1))
    await ideaCard(ADOPTED_IDEA)
    expect(h.queryByText(PENDING_IDEA)).toBeNull()
  })

  it('adds an idea, which appears in the list and in the store', async () => {
    const id = await openPlan(MEMBER)
    const composer = await h.findBySelector('.idea-composer')
    await h.type(composer, '希望现场能有投影和翻页笔')
    await h.click('提交建议')
    const card = await ideaCard('希望现场能有投影和翻页笔')
    expect(card.textContent).toContain('我的建议')
    expect(card.textContent).toContain('刚刚')
    const stored = (await h.store.plans.ideas(id, MEMBER)).find((i) => i.content === '希望现场能有投影和翻页笔')
    expect(stored).toMatchObject({ openid: MEMBER, status: 'visible' })
  })

  it('counts an emoji as one character in the 500-character counter', async () => {
    await openPlan(MEMBER)
    const composer = await h.findBySelector('.idea-composer')
    await h.type(composer, '点赞👍👍好')
    await h.waitUntil(() => expect(composer.textContent).toContain('5/500'))
  })

  it('shows markup in an idea as literal text', async () => {
    await openPlan(MEMBER)
    await h.type(await h.findBySelector('.idea-composer'), '<b>x</b>')
    await h.click('提交建议')
    const content = await h.findByText('<b>x</b>', '.idea__content')
    expect(content.textContent).toBe('<b>x</b>')
    expect(content.querySelector('b')).toBeNull()
    expect(h.page().querySelector('.idea__content b, .plan-head__draft b')).toBeNull()
  })

  it('says why an empty idea cannot be sent', async () => {
    await openPlan(MEMBER)
    await h.click('提交建议')
    await h.findByText('先写下你的建议吧')
    expect(h.calls.filter((c) => c.action === 'addIdea')).toHaveLength(0)
  })

  it('toggles a like at once and keeps the server’s count', async () => {
    const id = await openPlan(MEMBER)
    const ideaId = await ideaIdOf(id, ADOPTED_IDEA)
    const likeOf = async () => (await ideaCard(ADOPTED_IDEA)).querySelector('.idea__like') as Element
    await h.click(await likeOf())
    await h.waitUntil(async () => expect((await likeOf()).textContent).toBe('赞 4'))
    await h.waitUntil(async () => expect((await h.store.plans.getIdea(ideaId))?.likes).toBe(4))

    await h.click(await likeOf())
    await h.waitUntil(async () => expect((await likeOf()).textContent).toBe('已赞 5'))
    await h.waitUntil(async () => expect((await h.store.plans.getIdea(ideaId))?.likes).toBe(5))
  })

  it('rolls a like back when the server refuses it', async () => {
    const id = await openPlan(MEMBER)
    const ideaId = await ideaIdOf(id, WAITING_IDEA)
    // Meanwhile a leader holds the idea back: the server answers NOT_FOUND or CONFLICT.
    h.store.db.prepare("UPDATE ideas SET status = 'rejected' WHERE id = ?").run(ideaId)
    const card = await ideaCard(WAITING_IDEA)
    expect(card.querySelector('.idea__like')?.textContent).toBe('赞 2')
    await h.click(card.querySelector('.idea__like') as Element)
    await h.waitUntil(() => expect(h.calls.some((c) => c.action === 'likeIdea' && !c.envelope.ok)).toBe(true))
    await h.waitUntil(async () =>
      expect((await ideaCard(WAITING_IDEA)).querySelector('.idea__like')?.textContent).toBe('赞 2'),
    )
  })

  it('sorts by likes on 最热', async () => {
    await openPlan(MEMBER)
    await h.click(await h.findByText('最热'))
    await h.waitUntil(() => expect(h.calls.at(-1)?.data).toMatchObject({ sort: 'likes' }))
    await h.waitUntil(() => {
      const first = h.page().querySelector('.idea .idea__content')?.textContent
      expect(first).toContain(ADOPTED_IDEA)
    })
  })

  it('offers no composer once the plan is final', async () => {
    await openPlan(MEMBER, FINALIZED)
    await h.findByText('方案已定稿，不再收集新建议。')
    expect(h.page().querySelector('.idea-composer')).toBeNull()
  })
})

describe('方案 page, as the grid leader', () => {
  it('shows what waits; a partial adoption with a reply shows 部分采纳 and the reply', async () => {
    const id = await openPlan(LEADER)
    const panel = await h.findBySelector('.leader-panel')
    expect(panel.querySelector('.leader-panel__count')?.textContent).toBe('2')

    const card = await ideaCard(WAITING_IDEA)
    await clickIn(card, '回复采纳情况')
    await choose('部分采纳')
    const dialog = await h.findBySelector('.decision-flow')
    await h.type(dialog, '下一期开始按行业分组，这期先试互联网组。')
    await clickIn(h.page(), '发送回复')

    await h.waitUntil(async () => {
      const updated = await ideaCard(WAITING_IDEA)
      expect(updated.querySelector('.decision-badge')?.textContent).toBe('部分采纳')
      expect(updated.textContent).toContain('下一期开始按行业分组，这期先试互联网组。')
    })
    const stored = await h.store.plans.getIdea(await ideaIdOf(id, WAITING_IDEA))
    expect(stored).toMatchObject({ decision: 'partial', reply: '下一期开始按行业分组，这期先试互联网组。' })
    await h.waitUntil(() => expect(panel.querySelector('.leader-panel__count')?.textContent).toBe('1'))
  })

  it('adopts an idea: badge 已采纳 and the reply, in the page and in the store', async () => {
    const id = await openPlan(LEADER)
    await clickIn(await ideaCard(WAITING_IDEA), '回复采纳情况')
    await choose('采纳')
    await h.type(await h.findBySelector('.decision-flow'), '采纳，这期就按行业分三组。')
    await clickIn(h.page(), '发送回复')
    await h.waitUntil(async () => {
      const updated = await ideaCard(WAITING_IDEA)
      expect(updated.querySelector('.decision-badge')?.textContent).toBe('已采纳')
      expect(updated.querySelector('.idea__reply')?.textContent).toContain('采纳，这期就按行业分三组。')
    })
    const stored = await h.store.plans.getIdea(await ideaIdOf(id, WAITING_IDEA))
    expect(stored).toMatchObject({ decision: 'adopted', reply: '采纳，这期就按行业分三组。' })
  })

  it('asks for a reply before sending', async () => {
    await openPlan(LEADER)
    await clickIn(await ideaCard(WAITING_IDEA), '回复采纳情况')
    await choose('暂不采纳')
    await h.findBySelector('.decision-flow')
    await clickIn(h.page(), '发送回复')
    await h.findByText('请写一句回复，提建议的人会看到')
    expect(h.calls.filter((c) => c.action === 'replyIdea')).toHaveLength(0)
  })

  it('approves an idea held for review', async () => {
    const id = await openPlan(LEADER)
    const card = await ideaCard(PENDING_IDEA)
    expect(card.textContent).toContain('待审核，通过后大家才能看到')
    await clickIn(card, '通过')
    await clickIn(await h.findBySelector('.review-flow__dialog'), '确认通过')
    await h.waitUntil(async () =>
      expect((await h.store.plans.getIdea(await ideaIdOf(id, PENDING_IDEA)))?.status).toBe('visible'),
    )
    await h.waitUntil(async () => expect((await ideaCard(PENDING_IDEA)).textContent).toContain('回复采纳情况'))
  })

  it('finalizes after a confirm, then offers 据此发布召集令 prefilled', async () => {
    const id = await openPlan(LEADER)
    await clickIn(await h.findBySelector('.leader-panel'), '定稿')
    await h.findByText('确认定稿？')
    await clickIn(h.page(), '确认定稿')
    await h.waitUntil(async () => expect((await h.store.plans.get(id))?.finalizedAt).toBeTruthy())
    await clickIn(await h.findBySelector('.leader-panel'), '据此发布召集令')
    const plan = await h.store.plans.get(id)
    const nav = await h.navigatedTo('/leader/pages/summon-publish/index?planId=')
    const query = new URLSearchParams(nav.url?.split('?')[1])
    expect(Object.fromEntries(query)).toEqual({ planId: id, gridId: plan?.gridId, title: COLLECTING })
  })

  it('opens the edit page from 编辑方案', async () => {
    const id = await openPlan(LEADER)
    await clickIn(await h.findBySelector('.leader-panel'), '编辑方案')
    await h.navigatedTo(`/leader/pages/plan-edit/index?id=${id}`)
  })
})

describe('据此发布召集令 (summon publish page opened from a finalized plan)', () => {
  it('prefills the grid and title, and the summon carries the plan and credits its adopted authors', async () => {
    const id = await openPlan(LEADER, FINALIZED)
    await clickIn(await h.findBySelector('.leader-panel'), '据此发布召集令')
    // Opened exactly as the plan page asked (its own query encoding).
    const { url } = await h.navigatedTo('/leader/pages/summon-publish/index?planId=')
    await h.renderPage(url!.slice(1))
    await h.findByText('据定稿方案发布：方案里被采纳建议的提出者会记在这条召集令上。')
    const field = async (label: string) =>
      (await h.findByText(label, '.nut-form-item-labeltxt')).closest('.nut-form-item') as Element
    await h.waitUntil(async () =>
      expect(((await field('标题')).querySelector('input') as HTMLInputElement).value).toBe(FINALIZED),
    )
    expect((await field('发布到')).textContent).toContain(GRID)
    await h.type((await field('地点')).querySelector('input') as Element, '测试大厦 3 楼共享会议室')
    await h.click('预览')
    await h.click(await h.findByText('确认发布'))
    const published = await h.waitUntil(() => {
      const call = h.calls.find((c) => c.action === 'publish' && c.envelope.ok)
      if (!call || !call.envelope.ok) throw new Error('not published yet')
      return call
    })
    expect(published.data).toMatchObject({ planId: id, title: FINALIZED })
    const summonId = (published.envelope as { data: { id: string } }).data.id
    expect((await h.store.summons.get(summonId))?.planId).toBe(id)
    const credits = h.store.db
      .prepare('SELECT openid FROM summon_credits WHERE summon_id = ? ORDER BY openid')
      .all(summonId) as { openid: string }[]
    // The adopted idea of MEMBER and the partly adopted one of PARTIAL_AUTHOR (by openid).
    expect(credits.map((c) => c.openid)).toEqual([MEMBER, PARTIAL_AUTHOR].sort())

    // The summon page names the plan it carries out, and who is credited.
    await h.renderPage('member/pages/summon/index', { id: summonId })
    const link = await h.findBySelector('.summon__plan')
    expect(link.textContent).toContain(FINALIZED)
    expect(link.textContent).toContain('感谢建议被采纳的')
    // The plan links to the summon already published, instead of inviting a second one.
    await openPlan(LEADER, FINALIZED)
    const panel = await h.findBySelector('.leader-panel')
    await h.waitUntil(() => expect(panel.textContent).toContain('已据此发布'))
    await clickIn(panel, FINALIZED)
    await h.navigatedTo(`/member/pages/summon/index?id=${summonId}`)
  })
})

describe('idea counts', () => {
  it('count the same ideas (the public ones) on the plan list and the plan page, for a leader too', async () => {
    const id = await planId(COLLECTING)
    // An idea held for review shows to the leader, but it is not counted until it is public.
    await h.store.plans.addIdea(
      { planId: id, openid: author(2), content: '建议请一位投资人来点评', status: 'pending_review' },
      new Date(),
      { max: 100, windowMinutes: 60 },
    )
    await openPlan(LEADER)
    await h.findByText('建议 4', '.plan-ideas__title')
    expect(h.page().textContent).toContain('已采纳 2')
  })
})

describe('方案 tab', () => {
  it('lists my grids’ plans first with counts and state, and leaders get 发布方案', async () => {
    h.signInAs(LEADER)
    await h.renderPage('pages/plans/index')
    await h.findByText(COLLECTING)
    await h.findByText('发布方案')
    const titles = Array.from(h.page().querySelectorAll('.plan-card__title')).map((e) => e.textContent)
    expect(titles.slice(-1)).toEqual([ELSEWHERE])
    const card = (await h.findByText(COLLECTING)).closest('.plan-card') as Element
    expect(card.textContent).toContain('建议 4 · 已采纳 2')
    expect(card.textContent).toContain('征集中')
    const closed = (await h.findByText(CLOSED)).closest('.plan-card') as Element
    expect(closed.textContent).toContain('已截止')
    const final = (await h.findByText(FINALIZED)).closest('.plan-card') as Element
    expect(final.textContent).toContain('已定稿')
  })

  it('shows no 发布方案 to a member, and opens a plan', async () => {
    h.signInAs(MEMBER)
    await h.renderPage('pages/plans/index')
    await h.click(await h.findByText(COLLECTING))
    expect(h.queryByText('发布方案')).toBeNull()
    await h.navigatedTo(`/member/pages/plan/index?id=${await planId(COLLECTING)}`)
  })
})

describe('方案 tab, page by page', () => {
  it('loads the next page with the server’s cursor', async () => {
    const [grid] = await h.store.grids.list({ q: OTHER_GRID })
    for (let i = 1; i <= 25; i++) {
      const at = new Date(Date.now() - (30 + i) * 24 * 60 * 60 * 1000)
      await h.store.plans.create(
        { gridId: grid.id, title: `往期方案 ${i}`, draft: '往期', ideasUntil: null, publishedBy: ADMIN },
        at,
      )
    }
    h.signInAs(MEMBER)
    await h.renderPage('pages/plans/index')
    await h.findByText(COLLECTING)
    const cards = () => h.page().querySelectorAll('.plan-card').length
    expect(cards()).toBe(20)
    await h.click(await h.findByText('上拉或点此加载更多'))
    await h.waitUntil(() => expect(cards()).toBe(29))
    await h.findByText('往期方案 25')
    await h.findByText('没有更多了')
    expect(h.calls.filter((c) => c.action === 'list').at(-1)?.data).toMatchObject({ cursor: expect.any(String) })
  })
})

describe('发布方案 / 编辑方案 (leader subpackage)', () => {
  it('publishes a plan for a grid the leader leads', async () => {
    h.signInAs(LEADER)
    await h.renderPage('leader/pages/plan-edit/index')
    await h.findByText('方案草稿')
    await h.type(await h.findBySelector('input'), '周末读书会方案')
    await h.type(await h.findBySelector('textarea'), '每月第一个周六上午，在青年之家共读一本书。')
    await h.click('发布方案')
    const nav = await h.navigatedTo('/member/pages/plan/index?id=')
    const created = await h.store.plans.get(new URLSearchParams(nav.url?.split('?')[1]).get('id') ?? '')
    expect(created).toMatchObject({
      title: '周末读书会方案',
      publishedBy: LEADER,
      gridName: GRID,
    })
  })

  it('edits the draft into a new version', async () => {
    h.signInAs(LEADER)
    const id = await planId(COLLECTING)
    await h.renderPage('leader/pages/plan-edit/index', { id })
    await h.findByText('现在是第 2 版', '.plan-edit__note')
    await h.type(await h.findBySelector('textarea'), '改期到下下周六。')
    await h.click('保存修改')
    await h.waitUntil(async () => expect((await h.store.plans.get(id))?.version).toBe(3))
    expect((await h.store.plans.get(id))?.draft).toBe('改期到下下周六。')
    expect((await h.store.plans.versions(id)).map((v) => v.version)).toEqual([2, 1])
  })

  it('tells a member that only leaders publish', async () => {
    h.signInAs(MEMBER)
    await h.renderPage('leader/pages/plan-edit/index')
    await h.findByText('只有网格长可以发布方案')
  })
})
