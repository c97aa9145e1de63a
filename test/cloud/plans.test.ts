/**
 * 方案征集 against real SQLite: plans and their versions, ideas through moderation, likes under
 * concurrency, the adoption replies, the rate limit, and the summon that credits adopted authors.
 */
import { dispatch } from '../../cloud/core/dispatch'
import { FUNCTIONS } from '../../cloud/functions'
import { createWordChecker, normalizeText, verdictOfMsgSecCheck } from '../../cloud/platform/moderation'
import type { Notification, Platform } from '../../cloud/platform/port'
import type { Store } from '../../cloud/store/port'
import { createWxCloudStore } from '../../cloud/store/wxcloud'
import type { WxDb } from '../../cloud/store/wxcloud/db'
import type { ActionName, Envelope, ReqOf, ResOf } from '../../types'
import { onWxCloud, standInFor } from '../support/store'
import {
  createHarness,
  errorOf,
  NOW,
  okData,
  platformWithoutImages,
  SECRET,
  seedGrid,
  seedProfiles,
  splitAction,
  type Harness,
} from './helpers'

const LEADER = 'o_pl_leader'
const OTHER_LEADER = 'o_pl_other'
const AUTHOR = 'o_pl_author'
const READER = 'o_pl_reader'
const MINUTE = 60_000
const after = (minutes: number) => ({ now: new Date(NOW.getTime() + minutes * MINUTE) })

describe('plans', () => {
  let h: Harness
  let gridId: string
  let planId: string

  beforeEach(async () => {
    h = createHarness({ platform: platformWithoutImages() })
    gridId = (await seedGrid(h.store, [LEADER])).id
    await seedGrid(h.store, [OTHER_LEADER], { name: '别的网格' })
    await seedProfiles(h.store, [LEADER, OTHER_LEADER, AUTHOR, READER])
    planId = okData(
      await h.callAs(LEADER)('plans.publish', { gridId, title: '楼宇青年读书会方案', draft: '每月一次，地点待定' }),
    ).id
  })
  afterEach(() => h.close())

  const addIdea = (openid: string, content: string, options = {}) =>
    h.callAs(openid, options)('plans.addIdea', { planId, content })
  const ideasSeenBy = async (openid: string) =>
    okData(await h.callAs(openid)('plans.get', { planId })).ideas.map((i) => i.content)
  /** A fresh world whose notification port records what it sends (a leader's grid and plan, the author). */
  async function planWithNotifications(): Promise<Notification[]> {
    const sent: Notification[] = []
    h.close()
    h = createHarness({ platform: { ...platformWithoutImages(), notify: async (m) => void sent.push(m) } })
    gridId = (await seedGrid(h.store, [LEADER])).id
    await seedProfiles(h.store, [LEADER, AUTHOR])
    planId = okData(await h.callAs(LEADER)('plans.publish', { gridId, title: '楼宇青年读书会方案', draft: '初稿' })).id
    return sent
  }

  describe('publishing', () => {
    it('is for the leaders of the grid', async () => {
      errorOf(await h.callAs(AUTHOR)('plans.publish', { gridId, title: '不行的方案', draft: '草稿' }), 'FORBIDDEN')
      errorOf(
        await h.callAs(OTHER_LEADER)('plans.publish', { gridId, title: '不行的方案', draft: '草稿' }),
        'FORBIDDEN',
      )
    })

    it('keeps earlier versions of the draft readable', async () => {
      okData(await h.callAs(LEADER, after(5))('plans.update', { planId, draft: '每月第一个周六下午' }))
      const plan = okData(await h.callAs(AUTHOR)('plans.get', { planId }))
      expect(plan).toMatchObject({ version: 2, draft: '每月第一个周六下午', state: 'collecting' })
      expect(plan.versions).toEqual([
        { version: 1, title: '楼宇青年读书会方案', draft: '每月一次，地点待定', savedAt: NOW.toISOString() },
      ])
      errorOf(await h.callAs(AUTHOR)('plans.update', { planId, draft: '改一下' }), 'FORBIDDEN')
    })

    it('lists the plans of my grids first', async () => {
      const otherGrid = (await seedGrid(h.store, [], { name: '第三个网格' })).id
      await h.store.grids.addLeader(otherGrid, OTHER_LEADER, NOW)
      okData(
        await h.callAs(OTHER_LEADER, after(1))('plans.publish', {
          gridId: otherGrid,
          title: '更新的方案',
          draft: '草稿',
        }),
      )
      expect(okData(await h.callAs(READER)('plans.list', {})).items.map((p) => p.title)).toEqual([
        '更新的方案',
        '楼宇青年读书会方案',
      ])
      await h.store.grids.addMember(gridId, READER, NOW)
      expect(okData(await h.callAs(READER)('plans.list', {})).items.map((p) => p.title)).toEqual([
        '楼宇青年读书会方案',
        '更新的方案',
      ])
    })
  })

  describe('ideas', () => {
    it('returns the text exactly as written, markup included', async () => {
      const content = '  <b>加一个</b> <script>alert(1)</script>\n周末场次 & 线上 "直播"  '
      const idea = okData(await addIdea(AUTHOR, content))
      expect(idea).toMatchObject({ content, status: 'visible', author: { name: '测试青年' }, mine: true, likes: 0 })
      expect(await ideasSeenBy(READER)).toEqual([content])
    })

    it('asks for a profile, refuses blank ideas and closes when the plan is final', async () => {
      errorOf(await addIdea('o_no_profile', '一个建议'), 'FORBIDDEN')
      expect(errorOf(await addIdea(AUTHOR, '   '), 'BAD_REQUEST').fields).toHaveProperty('content')
      okData(await h.callAs(LEADER)('plans.finalize', { planId }))
      errorOf(await addIdea(AUTHOR, '晚到的建议'), 'CLOSED')
    })

    it('counts characters, not UTF-16 units: 500 emoji are 500 characters', async () => {
      okData(await addIdea(AUTHOR, '👍'.repeat(500)))
      expect(errorOf(await addIdea(READER, '👍'.repeat(501)), 'BAD_REQUEST').fields).toHaveProperty('content')
    })

    it('refuses risky text and holds review text for the leaders', async () => {
      const risky = errorOf(await addIdea(AUTHOR, '活动可以顺便搞点 赌 博 吗'), 'CONTENT_REJECTED')
      expect(risky.fields).toHaveProperty('content')
      const held = okData(await addIdea(AUTHOR, '有兴趣的加我微信详聊'))
      expect(held.status).toBe('pending_review')
      expect(await ideasSeenBy(AUTHOR)).toEqual(['有兴趣的加我微信详聊'])
      expect(await ideasSeenBy(LEADER)).toEqual(['有兴趣的加我微信详聊'])
      expect(await ideasSeenBy(READER)).toEqual([])
      expect(okData(await h.callAs(LEADER)('plans.get', { planId })).awaiting).toBe(1)
      // 建议 count the public ideas only, on the plan page as on the list, whoever looks.
      const counted = async (openid: string) => {
        const plan = okData(await h.callAs(openid)('plans.get', { planId }))
        const listed = okData(await h.callAs(openid)('plans.list', {})).items.find((p) => p.id === planId)
        return [plan.ideaCount, plan.adoptedCount, listed?.ideaCount, listed?.adoptedCount]
      }
      expect(await counted(LEADER)).toEqual([0, 0, 0, 0])
      expect(await counted(AUTHOR)).toEqual([0, 0, 0, 0])
      errorOf(await h.callAs(READER)('plans.likeIdea', { ideaId: held.id, like: true }), 'NOT_FOUND')
      errorOf(await h.callAs(OTHER_LEADER)('plans.reviewIdea', { ideaId: held.id, approve: true }), 'NOT_FOUND')
      okData(await h.callAs(LEADER)('plans.reviewIdea', { ideaId: held.id, approve: true }))
      expect(await ideasSeenBy(READER)).toEqual(['有兴趣的加我微信详聊'])
      expect(await counted(READER)).toEqual([1, 0, 1, 0])
    })

    it('keeps a rejected idea visible to its author only, with the reason', async () => {
      const held = okData(await addIdea(AUTHOR, '私聊我有返利'))
      const rejected = okData(
        await h.callAs(LEADER)('plans.reviewIdea', { ideaId: held.id, approve: false, reason: '含有个人联系方式' }),
      )
      expect(rejected).toMatchObject({ status: 'rejected', reviewReason: '含有个人联系方式' })
      expect(await ideasSeenBy(AUTHOR)).toEqual(['私聊我有返利'])
      expect(await ideasSeenBy(LEADER)).toEqual([])
      const own = okData(await h.callAs(AUTHOR)('plans.get', { planId })).ideas[0]
      expect(own).toMatchObject({ status: 'rejected', reviewReason: '含有个人联系方式', mine: true })
    })

    it('asks a reason of 1–100 characters (an emoji is one) to reject, none to approve', async () => {
      const held = okData(await addIdea(AUTHOR, '加我微信详聊'))
      const review = (req: { approve: boolean; reason?: string }) =>
        h.callAs(LEADER)('plans.reviewIdea', { ideaId: held.id, ...req })
      const missing = errorOf(await review({ approve: false }), 'BAD_REQUEST')
      expect(missing.fields).toHaveProperty('reason')
      expect(missing.message).toContain('原因')
      expect(errorOf(await review({ approve: false, reason: '   ' }), 'BAD_REQUEST').fields).toHaveProperty('reason')
      expect(errorOf(await review({ approve: false, reason: '👍'.repeat(101) }), 'BAD_REQUEST').fields).toHaveProperty(
        'reason',
      )
      expect(okData(await review({ approve: false, reason: '👍'.repeat(100) })).reviewReason).toBe('👍'.repeat(100))
      // A rejected idea leaves the leaders' view: reviewing it again finds nothing.
      errorOf(await review({ approve: true }), 'NOT_FOUND')
      const approved = okData(
        await h.callAs(LEADER)('plans.reviewIdea', {
          ideaId: okData(await addIdea(READER, '私信我报名')).id,
          approve: true,
        }),
      )
      expect(approved.status).toBe('visible')
      expect(approved).not.toHaveProperty('reviewReason')
      // The same approval again (a lost answer retried) answers the idea as it stands.
      expect(okData(await h.callAs(LEADER)('plans.reviewIdea', { ideaId: approved.id, approve: true })).status).toBe(
        'visible',
      )
    })

    it('tells the author of either outcome through the notification port', async () => {
      const sent = await planWithNotifications()
      const first = okData(await addIdea(AUTHOR, '有兴趣的加我微信详聊'))
      const second = okData(await addIdea(AUTHOR, '私聊我有返利'))
      okData(await h.callAs(LEADER)('plans.reviewIdea', { ideaId: first.id, approve: true }))
      okData(
        await h.callAs(LEADER)('plans.reviewIdea', { ideaId: second.id, approve: false, reason: '含有广告或推销内容' }),
      )
      const page = `member/pages/plan/index?id=${planId}`
      expect(sent).toEqual([
        {
          openid: AUTHOR,
          template: 'idea_reviewed',
          page,
          data: { thing1: '楼宇青年读书会方案', phrase2: '通过', thing3: '你的建议已通过审核，大家现在都能看到了' },
        },
        {
          openid: AUTHOR,
          template: 'idea_reviewed',
          page,
          data: { thing1: '楼宇青年读书会方案', phrase2: '未通过', thing3: '含有广告或推销内容' },
        },
      ])
      // A repeat tells nobody again.
      okData(await h.callAs(LEADER)('plans.reviewIdea', { ideaId: first.id, approve: true }))
      expect(sent).toHaveLength(2)
    })

    it('limits each member to 5 ideas in 10 minutes', async () => {
      for (let i = 0; i < 5; i++) okData(await addIdea(AUTHOR, `建议 ${i}`, after(i)))
      errorOf(await addIdea(AUTHOR, '第六条', after(5)), 'RATE_LIMITED')
      okData(await addIdea(READER, '别人不受影响', after(5)))
      okData(await addIdea(AUTHOR, '过一会就可以了', after(11)))
    })

    it('holds the rate limit under concurrent submissions', async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => addIdea(AUTHOR, `并发建议 ${i}`)))
      expect(answers.filter((a) => a.ok)).toHaveLength(5)
      expect(answers.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED')).toHaveLength(15)
    })
  })

  describe('likes', () => {
    it('counts 50 concurrent likes as 50, one per member', async () => {
      const { id: ideaId } = okData(await addIdea(AUTHOR, '增加线上分享'))
      const fans = Array.from({ length: 50 }, (_, i) => `o_fan_${i}`)
      const answers = await Promise.all(
        [...fans, ...fans].map((fan) => h.callAs(fan)('plans.likeIdea', { ideaId, like: true })),
      )
      answers.forEach((a) => expect(okData(a).likedByMe).toBe(true))
      const idea = okData(await h.callAs(fans[0])('plans.get', { planId })).ideas[0]
      expect(idea).toMatchObject({ likes: 50, likedByMe: true })
      expect(okData(await h.callAs(READER)('plans.get', { planId })).ideas[0].likedByMe).toBe(false)
    })

    it('takes a like back once, and never below zero', async () => {
      const { id: ideaId } = okData(await addIdea(AUTHOR, '换个更大的场地'))
      okData(await h.callAs(READER)('plans.likeIdea', { ideaId, like: true }))
      const unlikes = await Promise.all(
        [1, 2, 3].map(() => h.callAs(READER)('plans.likeIdea', { ideaId, like: false })),
      )
      unlikes.forEach((a) => expect(okData(a)).toEqual({ likes: 0, likedByMe: false }))
      expect(okData(await h.callAs(AUTHOR)('plans.likeIdea', { ideaId, like: false }))).toEqual({
        likes: 0,
        likedByMe: false,
      })
    })

    it('sorts by likes when asked', async () => {
      okData(await addIdea(AUTHOR, '旧的但受欢迎'))
      const newer = okData(await addIdea(READER, '新的', after(1)))
      const popular = okData(await h.callAs(READER)('plans.get', { planId })).ideas.find(
        (i) => i.content === '旧的但受欢迎',
      )!
      okData(await h.callAs(LEADER)('plans.likeIdea', { ideaId: popular.id, like: true }))
      expect((await ideasSeenBy(READER))[0]).toBe(newer.content)
      const byLikes = okData(await h.callAs(READER)('plans.get', { planId, sort: 'likes' })).ideas
      expect(byLikes.map((i) => i.content)).toEqual(['旧的但受欢迎', '新的'])
    })
  })

  describe('adoption replies', () => {
    it('are for the leaders of the plan grid, and shown to everyone', async () => {
      const idea = okData(await addIdea(AUTHOR, '请读书会加上亲子场'))
      const reply = { ideaId: idea.id, decision: 'adopted' as const, reply: '已采纳，安排在第二期' }
      errorOf(await h.callAs(AUTHOR)('plans.replyIdea', reply), 'FORBIDDEN')
      errorOf(await h.callAs(OTHER_LEADER)('plans.replyIdea', reply), 'FORBIDDEN')
      const answered = okData(await h.callAs(LEADER, after(30))('plans.replyIdea', reply))
      expect(answered).toMatchObject({
        decision: 'adopted',
        reply: '已采纳，安排在第二期',
        decidedAt: after(30).now.toISOString(),
      })
      const seen = okData(await h.callAs(READER)('plans.get', { planId })).ideas[0]
      expect(seen).toMatchObject({ decision: 'adopted', reply: '已采纳，安排在第二期', mine: false })
      expect(okData(await h.callAs(READER)('plans.list', {})).items[0]).toMatchObject({ ideaCount: 1, adoptedCount: 1 })
    })

    it('tell the author of each answer through the notification port, with a link to the plan', async () => {
      const sent = await planWithNotifications()
      const idea = okData(await addIdea(AUTHOR, '请读书会加上亲子场'))
      okData(await h.callAs(LEADER)('plans.replyIdea', { ideaId: idea.id, decision: 'declined', reply: '场地太小' }))
      okData(
        await h.callAs(LEADER)('plans.replyIdea', { ideaId: idea.id, decision: 'adopted', reply: '换了大场地，采纳' }),
      )
      expect(sent).toEqual([
        {
          openid: AUTHOR,
          template: 'idea_answered',
          page: `member/pages/plan/index?id=${planId}`,
          data: { thing1: '楼宇青年读书会方案', phrase2: '暂未采纳', thing3: '场地太小' },
        },
        {
          openid: AUTHOR,
          template: 'idea_answered',
          page: `member/pages/plan/index?id=${planId}`,
          data: { thing1: '楼宇青年读书会方案', phrase2: '已采纳', thing3: '换了大场地，采纳' },
        },
      ])
      // A leader answering their own idea tells nobody; a failed send does not fail the answer.
      const own = okData(await addIdea(LEADER, '我自己的建议'))
      okData(await h.callAs(LEADER)('plans.replyIdea', { ideaId: own.id, decision: 'partial', reply: '部分' }))
      expect(sent).toHaveLength(2)
      h.close()
      h = createHarness({
        platform: { ...platformWithoutImages(), notify: () => Promise.reject(new Error('43101 user refuse')) },
      })
      gridId = (await seedGrid(h.store, [LEADER])).id
      await seedProfiles(h.store, [LEADER, AUTHOR])
      planId = okData(await h.callAs(LEADER)('plans.publish', { gridId, title: '方案', draft: '初稿' })).id
      const refused = okData(await addIdea(AUTHOR, '再来一条'))
      okData(await h.callAs(LEADER)('plans.replyIdea', { ideaId: refused.id, decision: 'adopted', reply: '采纳' }))
    })

    it('lists the ideas waiting for a decision first for the leader', async () => {
      const old = okData(await addIdea(AUTHOR, '早先的建议'))
      okData(await addIdea(READER, '后来的建议', after(1)))
      okData(
        await h.callAs(LEADER)('plans.replyIdea', {
          ideaId: old.id,
          decision: 'declined',
          reply: '经费不够，暂不采纳',
        }),
      )
      okData(await addIdea(AUTHOR, '最新的建议', after(20)))
      const leaderView = okData(await h.callAs(LEADER)('plans.get', { planId }))
      expect(leaderView.awaiting).toBe(2)
      expect(leaderView.ideas.map((i) => i.content)).toEqual(['最新的建议', '后来的建议', '早先的建议'])
      expect(okData(await h.callAs(READER)('plans.get', { planId })).awaiting).toBe(0)
    })

    it('credits adopted authors on the summon that carries out the final plan', async () => {
      const adopted = okData(await addIdea(AUTHOR, '请加上志愿服务环节'))
      const declined = okData(await addIdea(READER, '改成线上'))
      okData(await h.callAs(LEADER)('plans.replyIdea', { ideaId: adopted.id, decision: 'partial', reply: '部分采纳' }))
      okData(
        await h.callAs(LEADER)('plans.replyIdea', { ideaId: declined.id, decision: 'declined', reply: '暂不采纳' }),
      )
      const summon = {
        gridId,
        planId,
        title: '读书会第一期',
        body: '按定稿方案执行',
        place: '青年之家',
        startAt: after(60 * 24).now.toISOString(),
        endAt: after(60 * 26).now.toISOString(),
      }
      expect(errorOf(await h.callAs(LEADER)('summons.publish', summon), 'BAD_REQUEST').fields).toHaveProperty('planId')
      expect(okData(await h.callAs(LEADER)('plans.finalize', { planId })).state).toBe('finalized')
      const published = okData(await h.callAs(LEADER)('summons.publish', summon))
      expect(published.planId).toBe(planId)
      const detail = okData(await h.callAs(READER)('summons.get', { summonId: published.id }))
      expect(detail.credits).toEqual([{ name: '测试青年' }])
    })
  })
})

/** A gate a test opens when it wants: `entered` resolves once something waits at it. */
function gate() {
  let open!: () => void
  let arrive!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  const entered = new Promise<void>((resolve) => (arrive = resolve))
  return {
    open,
    entered,
    pass: async () => {
      arrive()
      await opened
    },
  }
}

describe('plans under concurrency', () => {
  const SECOND_LEADER = 'o_pl_second'
  let h: Harness
  let gridId: string
  let planId: string
  let moderation: ReturnType<typeof gate> | null

  beforeEach(async () => {
    moderation = null
    const local = platformWithoutImages()
    // The content check is a network call in production: a test can hold it until it opens the gate.
    const platform: Platform = {
      ...local,
      checkText: async (content, openid) => {
        if (moderation) await moderation.pass()
        return local.checkText(content, openid)
      },
    }
    h = createHarness({ platform })
    gridId = (await seedGrid(h.store, [LEADER, SECOND_LEADER])).id
    await seedProfiles(h.store, [LEADER, SECOND_LEADER, AUTHOR, READER])
    planId = okData(await h.callAs(LEADER)('plans.publish', { gridId, title: '社区青年夜校方案', draft: '第一稿' })).id
  })
  afterEach(() => h.close())

  const idea = async (openid: string, content: string) =>
    okData(await h.callAs(openid)('plans.addIdea', { planId, content })).id
  const listed = async () => okData(await h.callAs(READER)('plans.list', {})).items.find((p) => p.id === planId)!

  it('counts adoptions exactly when two leaders reply at once', async () => {
    const authors = Array.from({ length: 6 }, (_, i) => `o_pl_author_${i}`)
    await seedProfiles(h.store, authors)
    const ids = await Promise.all(authors.map((a, i) => idea(a, `建议 ${i}`)))
    const held = await Promise.all(authors.slice(0, 3).map((a, i) => idea(a, `加我微信详聊 ${i}`)))
    const pairs = [
      ['adopted', 'declined'],
      ['adopted', 'adopted'],
      ['partial', 'adopted'],
      ['declined', 'partial'],
      ['adopted', 'partial'],
      ['declined', 'declined'],
    ] as const
    const replies = ids.flatMap((ideaId, i) =>
      [LEADER, SECOND_LEADER].map((leader, n) =>
        h.callAs(leader)('plans.replyIdea', { ideaId, decision: pairs[i][n], reply: '谢谢建议' }),
      ),
    )
    // Two leaders review the held ideas at once too, one approving and one rejecting.
    const reviews = held.flatMap((ideaId, i) =>
      [LEADER, SECOND_LEADER].map((leader, n) =>
        h.callAs(leader)('plans.reviewIdea', { ideaId, approve: (i + n) % 2 === 0, reason: '与方案主题无关' }),
      ),
    )
    await Promise.all([...replies, ...reviews])
    // And again, each leader changing their mind on every idea at once.
    await Promise.all(
      ids.flatMap((ideaId, i) =>
        [LEADER, SECOND_LEADER].map((leader, n) =>
          h.callAs(leader)('plans.replyIdea', { ideaId, decision: pairs[(i + 1) % 6][1 - n], reply: '改一下' }),
        ),
      ),
    )
    const seen = okData(await h.callAs(READER)('plans.get', { planId })).ideas
    const adopted = seen.filter((i) => i.decision === 'adopted' || i.decision === 'partial').length
    expect(await listed()).toMatchObject({ ideaCount: seen.length, adoptedCount: adopted })
    expect(seen.length).toBeGreaterThanOrEqual(6)
  })

  it('keeps every text in the history when two leaders edit at once', async () => {
    const texts = ['第二稿 A', '第二稿 B', '第二稿 C']
    const answers = await Promise.all(
      texts.map((draft, i) => h.callAs(i % 2 ? SECOND_LEADER : LEADER)('plans.update', { planId, draft })),
    )
    answers.forEach((a) => okData(a))
    await Promise.all(
      ['第三稿 A', '第三稿 B'].map((draft, i) =>
        h.callAs(i ? SECOND_LEADER : LEADER)('plans.update', { planId, draft }),
      ),
    )
    const plan = okData(await h.callAs(READER)('plans.get', { planId }))
    expect(plan.version).toBe(6)
    expect(plan.versions.map((v) => v.version)).toEqual([5, 4, 3, 2, 1])
    const history = [...plan.versions.map((v) => v.draft), plan.draft].sort()
    expect(history).toEqual(['第一稿', ...texts, '第三稿 A', '第三稿 B'].sort())
    // The last edit made is the current text: the two third drafts came after every second draft.
    expect(plan.draft).toMatch(/^第三稿/)
    expect(plan.versions.slice(0, 1).map((v) => v.draft)[0]).toMatch(/^第三稿/)
  })

  it('takes no idea on a plan finalized while the content check was running', async () => {
    moderation = gate()
    const pending = h.callAs(AUTHOR)('plans.addIdea', { planId, content: '晚到的建议' })
    await moderation.entered
    okData(await h.callAs(LEADER)('plans.finalize', { planId }))
    moderation.open()
    expect(errorOf(await pending, 'CLOSED').message).toBe('这个方案已经不再征集建议了')
    const plan = okData(await h.callAs(LEADER)('plans.get', { planId }))
    expect(plan.ideas).toEqual([])
    expect(await listed()).toMatchObject({ ideaCount: 0, state: 'finalized' })
  })

  it('edits no plan finalized between the check and the edit', async () => {
    const edits = gate()
    const update = h.store.plans.update.bind(h.store.plans)
    // The handler checked the plan; the edit waits (as a slow network would make it) while the plan is finalized.
    h.store.plans.update = async (...args) => {
      await edits.pass()
      return update(...args)
    }
    const pending = h.callAs(LEADER)('plans.update', { planId, draft: '定稿后的修改' })
    await edits.entered
    okData(await h.callAs(SECOND_LEADER)('plans.finalize', { planId }))
    edits.open()
    expect(errorOf(await pending, 'CLOSED').message).toBe('方案已定稿，不能再修改了')
    const plan = okData(await h.callAs(READER)('plans.get', { planId }))
    expect(plan).toMatchObject({ draft: '第一稿', version: 1, versions: [], state: 'finalized' })
  })
})

// ---------- the cloud adapter: instances that die, and the operations each action costs ----------

const wxOnly = onWxCloud() ? describe : describe.skip
let shared = 0

/** A caller of the real handlers over a given store (another cloud-function instance of the same data). */
function callerOn(store: Store, platform: Platform) {
  return (openid: string) =>
    <A extends ActionName>(action: A, data: ReqOf<A>): Promise<Envelope<ResOf<A>>> => {
      const { fn, action: name } = splitAction(action)
      const ctx = {
        openid,
        store,
        platform,
        config: { secret: SECRET, adminOpenids: [], liveCodeSeconds: 30 },
        now: () => NOW,
      }
      return dispatch(FUNCTIONS[fn], { action: name, data }, ctx) as Promise<Envelope<ResOf<A>>>
    }
}

wxOnly('plans on the cloud adapter', () => {
  let h: Harness
  let file: string
  let planId: string
  let gridId: string

  beforeEach(async () => {
    file = `plans-wx-${++shared}`
    h = createHarness({ file, platform: platformWithoutImages() })
    gridId = (await seedGrid(h.store, [LEADER])).id
    await seedProfiles(h.store, [LEADER, AUTHOR, READER])
    planId = okData(await h.callAs(LEADER)('plans.publish', { gridId, title: '楼宇青年读书会方案', draft: '草稿' })).id
  })
  afterEach(() => h.close())

  it('counts a like once when the instance died after writing it and the member taps again', async () => {
    const standIn = standInFor(file)
    if (typeof standIn.instance !== 'function') return
    // Every point at which the instance could die, one idea each.
    for (let killAt = 1; killAt <= 8; killAt++) {
      await seedProfiles(h.store, [`o_pl_kill_${killAt}`])
      const add = h.callAs(`o_pl_kill_${killAt}`)('plans.addIdea', { planId, content: `建议 ${killAt}` })
      const ideaId = okData(await add).id
      const dying = createWxCloudStore(standIn.instance({ killAt }) as WxDb)
      void callerOn(dying, h.platform)(READER)('plans.likeIdea', { ideaId, like: true })
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(okData(await h.callAs(READER)('plans.likeIdea', { ideaId, like: true }))).toEqual({
        likes: 1,
        likedByMe: true,
      })
    }
    const ideas = okData(await h.callAs(READER)('plans.get', { planId })).ideas
    expect(ideas.map((i) => i.likes)).toEqual(ideas.map(() => 1))
  })

  it('answers plans.get in at most 3 operations on a plan with 500 ideas, and pages the rest', async () => {
    const standIn = standInFor(file)
    const authors = Array.from({ length: 50 }, (_, i) => `o_pl_many_${i}`)
    await seedProfiles(h.store, authors)
    const free = { max: 1_000, windowMinutes: 10 }
    for (let i = 0; i < 500; i++) {
      const at = new Date(NOW.getTime() - (500 - i) * 1000)
      const added = await h.store.plans.addIdea(
        { planId, openid: authors[i % 50], content: `建议 ${i}`, status: 'visible' },
        at,
        free,
      )
      expect(added.ok).toBe(true)
    }
    const read = async (openid: string, data: ReqOf<'plans.get'>) => {
      standIn.resetOps()
      const page = okData(await h.callAs(openid)('plans.get', data))
      return { page, ops: standIn.ops }
    }
    await read(READER, { planId }) // warms this instance's admin cache, as any earlier call would
    const first = await read(READER, { planId })
    // The first page also counts the plan's 建议 (one aggregation), as the plan list does.
    expect(first.ops).toBeLessThanOrEqual(4)
    expect(first.page.ideas.map((i) => i.content).slice(0, 2)).toEqual(['建议 499', '建议 498'])
    expect(first.page.ideas[0].author.name).toBe('测试青年')
    const seen = new Set(first.page.ideas.map((i) => i.id))
    let cursor = first.page.nextCursor
    while (cursor) {
      const next = await read(READER, { planId, cursor })
      expect(next.ops).toBeLessThanOrEqual(3)
      next.page.ideas.forEach((i) => seen.add(i.id))
      cursor = next.page.nextCursor
    }
    expect(seen.size).toBe(500)
    const leader = await read(LEADER, { planId, sort: 'likes' })
    expect(leader.page).toMatchObject({ awaiting: 500, canManage: true })
    expect(leader.ops).toBeLessThanOrEqual(5)
  })

  it('likes in at most 3 operations and adds an idea in at most 5', async () => {
    const standIn = standInFor(file)
    standIn.resetOps()
    const { id: ideaId } = okData(await h.callAs(AUTHOR)('plans.addIdea', { planId, content: '增加线上分享' }))
    expect(standIn.ops).toBeLessThanOrEqual(5)
    standIn.resetOps()
    okData(await h.callAs(READER)('plans.likeIdea', { ideaId, like: true }))
    expect(standIn.ops).toBeLessThanOrEqual(3)
  })

  it('copies the author name into the ideas and follows a rename', async () => {
    const { id: ideaId } = okData(await h.callAs(AUTHOR)('plans.addIdea', { planId, content: '周末加场' }))
    okData(await h.callAs(AUTHOR)('account.updateProfile', { name: '改名青年', affiliation: 'league' }))
    expect((await h.store.plans.getIdea(ideaId))?.authorName).toBe('改名青年')
    expect(okData(await h.callAs(READER)('plans.get', { planId })).ideas[0].author.name).toBe('改名青年')
  })
})

describe('moderation', () => {
  const check = createWordChecker()

  it('passes ordinary text and catches listed words however they are spaced or widened', () => {
    expect(check('周末一起去社区图书角帮忙')).toBe('pass')
    expect(check('赌 博')).toBe('risky')
    expect(check('ＧＯ 加-微-信 ok')).toBe('review')
    expect(normalizeText('Ａ Ｂ，c！')).toBe('abc')
  })

  it('maps msgSecCheck v2 answers to the same verdicts, holding errors for review', () => {
    const answer = (suggest: string) => ({ errcode: 0, errmsg: 'ok', result: { suggest, label: 100 } })
    expect(verdictOfMsgSecCheck(answer('pass'))).toBe('pass')
    expect(verdictOfMsgSecCheck(answer('review'))).toBe('review')
    expect(verdictOfMsgSecCheck(answer('risky'))).toBe('risky')
    expect(verdictOfMsgSecCheck(answer('unknown'))).toBe('review')
    expect(verdictOfMsgSecCheck({ errcode: 45009, errmsg: 'reach max api daily quota limit' })).toBe('review')
  })
})
