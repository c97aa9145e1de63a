/**
 * 方案征集 against real SQLite: plans and their versions, ideas through moderation, likes under
 * concurrency, the adoption replies, the rate limit, and the summon that credits adopted authors.
 */
import { createWordChecker, normalizeText, verdictOfMsgSecCheck } from '../../cloud/platform/moderation'
import {
  createHarness,
  errorOf,
  NOW,
  okData,
  platformWithoutImages,
  seedGrid,
  seedProfiles,
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

    it('refuses risky text and holds review text for the leaders', async () => {
      const risky = errorOf(await addIdea(AUTHOR, '活动可以顺便搞点 赌 博 吗'), 'CONTENT_REJECTED')
      expect(risky.fields).toHaveProperty('content')
      const held = okData(await addIdea(AUTHOR, '有兴趣的加我微信详聊'))
      expect(held.status).toBe('pending_review')
      expect(await ideasSeenBy(AUTHOR)).toEqual(['有兴趣的加我微信详聊'])
      expect(await ideasSeenBy(LEADER)).toEqual(['有兴趣的加我微信详聊'])
      expect(await ideasSeenBy(READER)).toEqual([])
      expect(okData(await h.callAs(LEADER)('plans.get', { planId })).awaiting).toBe(1)
      errorOf(await h.callAs(READER)('plans.likeIdea', { ideaId: held.id, like: true }), 'NOT_FOUND')
      errorOf(await h.callAs(OTHER_LEADER)('plans.reviewIdea', { ideaId: held.id, approve: true }), 'NOT_FOUND')
      okData(await h.callAs(LEADER)('plans.reviewIdea', { ideaId: held.id, approve: true }))
      expect(await ideasSeenBy(READER)).toEqual(['有兴趣的加我微信详聊'])
    })

    it('keeps a rejected idea visible to its author only', async () => {
      const held = okData(await addIdea(AUTHOR, '私聊我有返利'))
      expect(okData(await h.callAs(LEADER)('plans.reviewIdea', { ideaId: held.id, approve: false })).status).toBe(
        'rejected',
      )
      expect(await ideasSeenBy(AUTHOR)).toEqual(['私聊我有返利'])
      expect(await ideasSeenBy(LEADER)).toEqual([])
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
