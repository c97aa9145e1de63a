import type { Decision } from '../../types'
import type { Store } from '../store/port'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const BEIJING_OFFSET = 8 * HOUR

/** Seeding is not subject to the members' idea rate limit. */
const NO_LIMIT = { max: Number.MAX_SAFE_INTEGER, windowMinutes: 1 }

const ago = (now: Date, ms: number) => new Date(now.getTime() - ms)

/** Beijing wall-clock time `hour:00`, `days` calendar days after the Beijing date of `now`. */
function beijing(now: Date, days: number, hour: number): Date {
  const local = new Date(now.getTime() + BEIJING_OFFSET)
  const utc = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days, hour)
  return new Date(utc - BEIJING_OFFSET)
}

interface SeedIdea {
  by: string
  content: string
  /** How long before `now` it was written. */
  agoMs: number
  pending?: boolean
  likedBy?: string[]
  decision?: { decision: Decision; reply: string }
}

interface SeedPlan {
  grid: string
  publishedBy: string
  title: string
  draft: string
  createdAgoMs: number
  ideasUntil: Date | null
  /** An earlier draft: the plan is published with it, then edited to `draft` (so it has a history). */
  firstDraft?: { draft: string; editedAgoMs: number }
  finalizedAgoMs?: number
  ideas: SeedIdea[]
}

const y = (n: number) => `o_demo_y${String(n).padStart(2, '0')}`

function demoPlans(now: Date): SeedPlan[] {
  return [
    {
      grid: '莲花商圈楼宇网格',
      publishedBy: 'o_demo_leader',
      title: '乐创汇创业沙龙 · 第 13 期方案',
      firstDraft: {
        draft: '第 13 期沙龙初步定在下月中旬的周六下午，主题暂定「青年创业者的第一份商业计划书」。\n欢迎大家提建议。',
        editedAgoMs: 2 * DAY,
      },
      draft:
        '第 13 期沙龙定在下月中旬的周六下午 14:00–16:30，地点莲花商务中心 1 楼青年之家。\n' +
        '主题：青年创业者的第一份商业计划书。\n' +
        '流程：嘉宾分享 40 分钟 → 分组打磨计划书 60 分钟 → 自由交流。\n' +
        '想听什么、想请谁、怎样安排更好，都可以在下面提建议，采纳情况会逐条回复。',
      createdAgoMs: 3 * DAY,
      ideasUntil: beijing(now, 5, 18),
      ideas: [
        {
          by: y(1),
          content: '建议请一位做过天使投资的嘉宾，现场点评两三份真实的计划书。',
          agoMs: 2 * DAY + 3 * HOUR,
          likedBy: [y(2), y(3), y(4), y(5), 'o_demo_member'],
          decision: { decision: 'adopted', reply: '采纳！已联系园区的投资人李老师，分享后留 30 分钟现场点评。' },
        },
        {
          by: y(2),
          content: '能不能改到工作日晚上？周末很多人要加班或者回家。',
          agoMs: 2 * DAY,
          likedBy: [y(6), y(7), y(8)],
          decision: {
            decision: 'partial',
            reply: '这期场地只能周末用，先保留周六；下期起我们会试一次工作日晚上的场次。',
          },
        },
        {
          by: y(3),
          content: '希望提供午餐，大家可以边吃边聊。',
          agoMs: 36 * HOUR,
          likedBy: [y(9)],
          decision: { decision: 'declined', reply: '活动在下午，这次只准备茶歇，谢谢你的建议。' },
        },
        {
          by: y(4),
          content: '分组的时候按行业分吧，互联网、文创、餐饮各一组，交流更有针对性。',
          agoMs: 20 * HOUR,
          likedBy: [y(1), y(5)],
        },
        {
          by: 'o_demo_member',
          content: '可以在群里提前收集大家的计划书，嘉宾会前先看一遍，现场点评更深入。',
          agoMs: 5 * HOUR,
          pending: true,
        },
      ],
    },
    {
      grid: '莲花商圈楼宇网格',
      publishedBy: 'o_demo_leader',
      title: '圈子学堂 · 冬季午间小课安排',
      draft:
        '冬季每周三中午 12:15–12:45 开一节午间小课，共 6 节。\n已定稿：表格数据透视、PPT 排版、个税汇算、简历修改、演讲入门、时间管理。',
      createdAgoMs: 12 * DAY,
      ideasUntil: null,
      finalizedAgoMs: DAY,
      ideas: [
        {
          by: 'o_demo_member',
          content: '想学个税汇算，每年都搞不清楚专项附加扣除。',
          agoMs: 10 * DAY,
          likedBy: [y(1), y(2), y(3), y(4)],
          decision: { decision: 'adopted', reply: '已排进第 3 节，请了税务局的志愿者来讲。' },
        },
        {
          by: y(5),
          content: '能不能加一节摄影课？',
          agoMs: 9 * DAY,
          likedBy: [y(6)],
          decision: { decision: 'declined', reply: '午间时间太短，摄影课放到周末的个性圈活动里。' },
        },
        {
          by: y(6),
          content: '简历修改可以一对一吗？',
          agoMs: 8 * DAY,
          likedBy: [y(7), y(8)],
          decision: { decision: 'partial', reply: '课上先讲通用要点，课后留 15 分钟给想一对一的同学。' },
        },
      ],
    },
    {
      grid: '凤凰创意园区创业网格',
      publishedBy: 'o_demo_leader',
      title: '凤凰创客训练营 · 春季主题征集',
      draft: '春季训练营想定一个大家最关心的主题，连续 4 周。欢迎提你最想学的内容。',
      createdAgoMs: 14 * DAY,
      ideasUntil: ago(now, 2 * DAY),
      ideas: [
        {
          by: y(7),
          content: '融资路演的全流程，从 BP 到尽调。',
          agoMs: 12 * DAY,
          likedBy: [y(8), y(9), y(10)],
          decision: { decision: 'adopted', reply: '定为春季主题，4 周分别讲 BP、路演、谈判和尽调。' },
        },
        { by: y(8), content: '知识产权保护，怎么申请软著和商标。', agoMs: 11 * DAY, likedBy: [y(7)] },
      ],
    },
    {
      grid: '黄龙商圈楼宇网格',
      publishedBy: 'o_demo_admin',
      title: '职场新人评选 · 评选规则意见征集',
      draft:
        '今年的职场新人评选拟从「岗位贡献、团队协作、公益参与」三方面打分，各占 40%、30%、30%。请大家对规则提意见。',
      createdAgoMs: 4 * DAY,
      ideasUntil: beijing(now, 10, 18),
      ideas: [
        {
          by: y(10),
          content: '公益参与能不能用志愿汇的时长来算，避免各自填报不统一？',
          agoMs: 3 * DAY,
          likedBy: [y(11), y(12)],
        },
      ],
    },
  ]
}

async function seedIdeas(store: Store, planId: string, ideas: SeedIdea[], now: Date): Promise<void> {
  for (const seed of ideas) {
    const at = ago(now, seed.agoMs)
    const status = seed.pending ? 'pending_review' : 'visible'
    const outcome = await store.plans.addIdea({ planId, openid: seed.by, content: seed.content, status }, at, NO_LIMIT)
    if (!outcome.ok) throw new Error('seeding an idea was rate limited')
    const { id } = outcome.idea
    for (const [i, openid] of (seed.likedBy ?? []).entries())
      await store.plans.like(id, openid, true, new Date(at.getTime() + (i + 1) * 7 * MINUTE))
    if (seed.decision)
      await store.plans.decide(id, seed.decision.decision, seed.decision.reply, new Date(at.getTime() + 6 * HOUR))
  }
}

/**
 * Seeds the demo plans (the grids, personas and demo youths must exist): at 莲花商圈楼宇网格 one
 * collecting plan with ideas adopted, partly adopted, declined, waiting and held for review (by
 * o_demo_member), and one finalized plan; a closed plan at 凤凰创意园区; a district plan elsewhere.
 */
export async function seedPlans(store: Store, now = new Date()): Promise<void> {
  const grids = await store.grids.list({})
  for (const p of demoPlans(now)) {
    const grid = grids.find((g) => g.name === p.grid)
    if (!grid) throw new Error(`demo grid ${p.grid} is missing`)
    const createdAt = ago(now, p.createdAgoMs)
    const plan = await store.plans.create(
      {
        gridId: grid.id,
        title: p.title,
        draft: p.firstDraft?.draft ?? p.draft,
        ideasUntil: p.ideasUntil?.toISOString() ?? null,
        publishedBy: p.publishedBy,
      },
      createdAt,
    )
    if (p.firstDraft) await store.plans.update(plan.id, { draft: p.draft }, ago(now, p.firstDraft.editedAgoMs))
    await seedIdeas(store, plan.id, p.ideas, now)
    if (p.finalizedAgoMs !== undefined) await store.plans.finalize(plan.id, ago(now, p.finalizedAgoMs))
  }
}
