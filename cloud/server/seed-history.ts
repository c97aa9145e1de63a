/**
 * A year of demo history behind the tour (seed.ts), so that 网格一张图, its weekly chart and the ranking
 * mean something on the first `npm start`: youths who report to the dozen grids and come back most weeks,
 * summons that ended with their attendance, no-shows, cancellations, walk-ins and the odd withdrawal, and
 * plans whose ideas sit in every state (waiting, adopted, partly adopted, declined, held for review,
 * refused at review).
 *
 * Deterministic: a seeded PRNG decides everything, and every time is relative to `now` (Beijing calendar
 * days), so the data always looks current and two seeds at the same `now` hold the same records (ids
 * aside). Written only through the store primitives the handlers use. The personas (o_demo_member,
 * o_demo_leader, o_demo_admin) and the tour's youths (o_demo_y01…y12) get no history of their own, so the
 * tour starts where seed.ts leaves them; o_demo_leader does appear as the publisher of his grids' past
 * summons and plans.
 *
 * Speed: a few thousand primitive calls, meant to run inside one transaction (see `seedDemoAtomically`).
 */
import type { Decision, Id } from '../../types'
import type { Store, SummonRecord } from '../store/port'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const WEEK = 7 * DAY
const BEIJING_OFFSET = 8 * HOUR
/** How far back the history goes. */
export const HISTORY_WEEKS = 52
/** The PRNG's seed: change it and the whole history changes (deterministically). */
const SEED = 20260412

/** Seeding is not subject to the members' idea rate limit. */
const NO_LIMIT = { max: Number.MAX_SAFE_INTEGER, windowMinutes: 1 }

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]
  const chance = (p: number) => next() < p
  /** `n` distinct items, in a random order. */
  const sample = <T>(items: readonly T[], n: number): T[] => {
    const copy = items.slice()
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1))
      ;[copy[i], copy[j]] = [copy[j], copy[i]]
    }
    return copy.slice(0, Math.max(0, Math.min(n, copy.length)))
  }
  return { next, int, pick, chance, sample }
}
type Rng = ReturnType<typeof prng>

/** Midnight (Beijing) of the Beijing calendar day `days` after that of `now`, as a UTC instant in ms. */
function beijingDay(now: Date, days: number): number {
  const local = new Date(now.getTime() + BEIJING_OFFSET)
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days) - BEIJING_OFFSET
}

/** The Beijing month (1–12) of an instant. */
const monthOf = (ms: number) => new Date(ms + BEIJING_OFFSET).getUTCMonth() + 1

// ---------- who ----------

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余杜叶程魏苏吕丁沈任姚卢钟姜崔谭陆范汪廖石金贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文'
const GIVEN =
  '子涵 雨轩 浩宇 欣怡 梓萱 一诺 思源 佳琪 宇航 若曦 俊熙 语桐 晨阳 诗雨 嘉懿 明哲 可馨 天佑 梦瑶 泽宇 静怡 子墨 雅琴 博文 书瑶 志豪 晓彤 睿泽 梓涵 家乐 婉清 逸凡 安琪 昊然 雪莹 宏伟 丽娜 建国 海燕 振宇 思彤 俊杰 一凡 心怡 景行 紫萱 文博 芷若 浩然 佳怡'.split(
    ' ',
  )

interface Youth {
  openid: string
  name: string
}

const ORGS = [
  '西湖区某科技公司团支部',
  '浙江某大学团委',
  '西溪街道团工委',
  '某银行杭州分行团委',
  '某设计院团支部',
  '社区青年志愿者协会',
]

// ---------- the grids' year ----------

interface GridStory {
  name: string
  /** Youths who report to the grid over the year. */
  youths: number
  /** The chance that a member checks in (poster) in a given week, at full season. */
  weekly: number
  /** Weeks between its summons (jittered by a week either way); 0: none. */
  summonEvery: number
  /** Plans published over the year. */
  plans: number
  /** Weeks ago that activity began (the grid grew from then). */
  since: number
  /** Days ago that activity stopped (a grid gone quiet), if it did. */
  quietDays?: number
  /** A leader named in the history (the grids of o_demo_leader keep him). */
  leader?: string
  /** The month factor: seasons, holidays, term time. */
  season?: (month: number) => number
  themes: readonly string[]
  place: string
}

/** Fewer people around the Spring Festival (late January, February) and in the heat of August. */
const usual = (m: number) => (m === 2 ? 0.45 : m === 1 ? 0.8 : m === 8 ? 0.75 : 1)
/** A university campus: empty in the winter and summer holidays. */
const term = (m: number) => (m === 2 || m === 8 ? 0.15 : m === 7 || m === 1 ? 0.5 : 1.1)
/** A scenic area: busiest at the May Day and National Day holidays and in spring. */
const scenic = (m: number) => (m === 10 || m === 5 ? 1.6 : m === 4 ? 1.3 : m === 12 || m === 1 ? 0.6 : 1)

const STORIES: readonly GridStory[] = [
  {
    name: '莲花商圈楼宇网格',
    youths: 46,
    weekly: 0.42,
    summonEvery: 2,
    plans: 4,
    since: 52,
    season: usual,
    themes: ['乐创汇创业沙龙', '圈子学堂 · 午间小课', '楼宇青年联谊会', '职场技能工作坊', '青年之家开放日'],
    place: '莲花商务中心 1 楼青年之家',
  },
  {
    name: '凤凰创意园区创业网格',
    youths: 30,
    weekly: 0.34,
    summonEvery: 3,
    plans: 3,
    since: 44,
    season: usual,
    themes: ['凤凰创客训练营', '创业项目路演', '园区青年读书会', '草地音乐会'],
    place: '凤凰创意国际园区 A 座路演厅',
  },
  {
    name: '西溪谷互联网青年网格',
    youths: 38,
    weekly: 0.36,
    summonEvery: 3,
    plans: 3,
    since: 48,
    leader: 'o_demo_h001',
    season: usual,
    themes: ['圈子学堂 · 技术分享', '产品经理下午茶', '首善爱心汇 · 义卖', '程序员夜跑'],
    place: '西溪谷 G 座青年驿站',
  },
  {
    name: '黄龙商圈楼宇网格',
    youths: 26,
    weekly: 0.28,
    summonEvery: 4,
    plans: 2,
    since: 40,
    leader: 'o_demo_h002',
    season: usual,
    themes: ['职场新人分享会', '金融知识小课堂', '楼宇青年羽毛球赛'],
    place: '黄龙时代广场 B 座 2 楼会议室',
  },
  {
    name: '文新社区青年网格',
    youths: 24,
    weekly: 0.3,
    summonEvery: 4,
    plans: 2,
    since: 50,
    leader: 'o_demo_h003',
    season: usual,
    themes: ['慧客书屋读书会', '社区垃圾分类宣传', '邻里青年议事会'],
    place: '文新街道社区党群服务中心',
  },
  {
    name: '紫金港科技城网格',
    youths: 28,
    weekly: 0.26,
    summonEvery: 4,
    plans: 2,
    since: 36,
    leader: 'o_demo_h004',
    season: usual,
    themes: ['社团文化节筹备会', '科技城青年创新沙龙', '青年人才政策解读'],
    place: '紫金港科技城青年创新中心',
  },
  {
    name: '小和山高校青年网格',
    youths: 34,
    weekly: 0.3,
    summonEvery: 3,
    plans: 2,
    since: 52,
    leader: 'o_demo_h005',
    season: term,
    themes: ['高校青年志愿者培训', '求职简历诊所', '校地共建座谈会'],
    place: '小和山高教园区青年中心',
  },
  {
    name: '灵隐景区志愿网格',
    youths: 22,
    weekly: 0.22,
    summonEvery: 5,
    plans: 1,
    since: 46,
    leader: 'o_demo_h006',
    season: scenic,
    themes: ['景区文明引导', '节假日游客服务', '景区环保捡拾'],
    place: '灵隐街道青年志愿服务站',
  },
  {
    name: '翠苑一区青年网格',
    youths: 12,
    weekly: 0.18,
    summonEvery: 8,
    plans: 1,
    since: 30,
    leader: 'o_demo_h007',
    season: usual,
    themes: ['首善爱心汇 · 邻里互助', '助老陪伴'],
    place: '翠苑一区社区活动室',
  },
  {
    name: '村村志愿服务队网格',
    youths: 14,
    weekly: 0.16,
    summonEvery: 6,
    plans: 1,
    since: 42,
    season: usual,
    themes: ['雷锋列车 · 村村志愿服务', '助农直播'],
    place: '双浦镇村民服务中心',
  },
  {
    // Was lively in the spring, then faded: nothing for the last seven weeks (a quiet grid).
    name: '古荡湾新青年网格',
    youths: 10,
    weekly: 0.25,
    summonEvery: 6,
    plans: 1,
    since: 40,
    quietDays: 50,
    leader: 'o_demo_h008',
    season: usual,
    themes: ['新青年茶话会', '社区青年夜市'],
    place: '古荡湾社区服务站',
  },
  {
    // A running club without a base: started strong, stopped three months ago.
    name: '蒋村慢生活圈子网格',
    youths: 9,
    weekly: 0.35,
    summonEvery: 4,
    plans: 0,
    since: 30,
    quietDays: 95,
    season: usual,
    themes: ['周末慢跑'],
    place: '西溪湿地东门',
  },
]

const LEADER_NAMES: Record<string, string> = {
  o_demo_h001: '许嘉宁',
  o_demo_h002: '沈一帆',
  o_demo_h003: '顾晓雯',
  o_demo_h004: '陆子昂',
  o_demo_h005: '程思琪',
  o_demo_h006: '叶南星',
  o_demo_h007: '方可心',
  o_demo_h008: '钱浩',
}

const WITHDRAW_REASONS = [
  '台风预警，活动取消，改期另行通知',
  '场地临时被征用，这期先取消',
  '嘉宾临时有事，改期后再通知大家',
]

const IDEAS = [
  '时间能不能提前半小时？下班赶过来有点紧。',
  '希望每次活动后在群里发一下照片和小结。',
  '可以和隔壁网格一起办，人多更热闹。',
  '建议提前一周发通知，方便大家调班。',
  '想请往期参加过的青年来分享经验。',
  '能不能准备一些茶歇？',
  '希望增加线上参与的方式，出差的也能听。',
  '分组的时候按兴趣分吧，交流更有针对性。',
  '建议设置一个固定的活动日，比如每月第二个周六。',
  '可以邀请社区的老党员来讲讲故事。',
  '报名的人多的话，能不能开两场？',
  '活动地点能不能换到离地铁近一点的地方？',
  '希望有志愿时长认证。',
  '建议做一份活动签到后的满意度小调查。',
]
const REPLIES: Record<Decision, readonly string[]> = {
  adopted: ['采纳！下次就这么安排。', '好主意，已经写进方案了。', '采纳，谢谢你的建议！'],
  partial: ['部分采纳：这次先试一试，效果好再固定下来。', '场地有限，先按一半的规模试行。'],
  declined: ['这次条件不允许，先不采纳，谢谢你。', '经费有限，这条暂时做不到，抱歉。'],
}
const OFF_TOPIC = '加我微信，低价代办各类证件。'

// ---------- seeding ----------

interface Member {
  openid: string
  /** When they first reported to the grid (ms). */
  joinedAt: number
}

/** What the history wrote, by kind (for the log line and the figures in the report). */
export interface HistoryCounts {
  youths: number
  checkIns: number
  summons: number
  signUps: number
  plans: number
  ideas: number
}

/** Seeds a year of history; the tour (grids, personas, seed.ts's summons and plans) must exist. */
export async function seedHistory(store: Store, now = new Date()): Promise<HistoryCounts> {
  const rng = prng(SEED)
  const nowMs = now.getTime()
  const counts: HistoryCounts = { youths: 0, checkIns: 0, summons: 0, signUps: 0, plans: 0, ideas: 0 }
  const grids = new Map((await store.grids.list({})).map((g) => [g.name, g.id]))
  const yearAgo = beijingDay(now, -HISTORY_WEEKS * 7)

  // The youths: named leaders first, then a pool shared out over the grids (some report to two).
  let serial = 0
  const nextYouth = async (): Promise<Youth> => {
    serial += 1
    const openid = `o_demo_h${String(serial).padStart(3, '0')}`
    const name = LEADER_NAMES[openid] ?? `${rng.pick(SURNAMES.split(''))}${rng.pick(GIVEN)}`
    const affiliation = rng.chance(0.7) ? 'league' : rng.chance(0.6) ? 'social' : 'none'
    const profile = { name, affiliation, ...(affiliation === 'league' ? { org: rng.pick(ORGS) } : {}) } as const
    await store.users.saveProfile(openid, profile, new Date(yearAgo - rng.int(1, 60) * DAY))
    counts.youths += 1
    return { openid, name }
  }
  for (let i = 0; i < Object.keys(LEADER_NAMES).length; i++) await nextYouth()

  const record = async (openid: string, gridId: Id, at: number, summon?: SummonRecord): Promise<void> => {
    const outcome = await store.checkins.record(
      {
        openid,
        requestId: `demo-h-${summon ? summon.id : gridId}-${openid}-${at.toString(36)}`.slice(0, 64),
        gridId,
        summonId: summon?.id ?? null,
        orgId: await store.orgs.creditOrg(openid),
        method: summon ? 'live' : 'poster',
        verifiedBy: [summon ? 'live' : 'poster'],
        ...(summon ? { summon: { title: summon.title, hours: summon.hours } } : {}),
      },
      new Date(at),
      10,
    )
    if (!outcome.duplicate) counts.checkIns += 1
  }

  for (const story of STORIES) {
    const gridId = grids.get(story.name)
    if (!gridId) continue // a renamed demo grid: its history is left out rather than misplaced
    const season = story.season ?? (() => 1)
    const start = beijingDay(now, -story.since * 7)
    const stop = story.quietDays ? nowMs - story.quietDays * DAY : nowMs - HOUR

    // Members: they arrive over the grid's life, more in its first months; the first scan reports them.
    const members: Member[] = []
    const leader = story.leader
    if (leader) members.push({ openid: leader, joinedAt: start + rng.int(0, 3) * DAY + 10 * HOUR })
    for (let i = members.length; i < story.youths; i++) {
      const youth = await nextYouth()
      const span = Math.max(DAY, stop - start)
      const joinedAt = start + Math.floor(rng.next() ** 1.8 * span * 0.85) + rng.int(9, 20) * HOUR
      members.push({ openid: youth.openid, joinedAt: Math.min(joinedAt, stop - HOUR) })
    }
    members.sort((a, b) => a.joinedAt - b.joinedAt)
    for (const m of members) await record(m.openid, gridId, m.joinedAt)
    if (leader) await store.grids.addLeader(gridId, leader, new Date(members[0].joinedAt + DAY))
    const publisher =
      leader ?? (story.name.startsWith('莲花') || story.name.startsWith('凤凰') ? 'o_demo_leader' : 'o_demo_admin')

    // Weekly check-ins: each member comes back most weeks, fewer in the quiet seasons.
    for (let week = start; week < stop; week += WEEK) {
      const factor = season(monthOf(week))
      for (const m of members) {
        if (m.joinedAt >= week || !rng.chance(story.weekly * factor)) continue
        const at = week + rng.int(0, 6) * DAY + rng.int(8, 21) * HOUR + rng.int(0, 59) * MINUTE
        if (at > m.joinedAt && at < stop) await record(m.openid, gridId, at)
      }
    }

    // Plans: most finalized (each then carried out by the grid's next summon, crediting the adopted
    // ideas), the newest perhaps still collecting ideas.
    const finalized: { id: Id; title: string; at: number }[] = []
    for (let p = 0; p < story.plans; p++) {
      const createdAt = start + Math.floor(((p + 1) / (story.plans + 1)) * (stop - start)) + rng.int(9, 18) * HOUR
      const authors = members.filter((m) => m.joinedAt < createdAt)
      if (authors.length < 2) continue
      const theme = story.themes[p % story.themes.length]
      const plan = await pastPlan(store, rng, {
        gridId,
        publisher,
        title: `${theme} · 方案征集（${monthOf(createdAt)} 月）`,
        createdAt,
        nowMs,
        authors,
        counts,
      })
      if (plan) finalized.push({ id: plan.id, title: theme, at: plan.finalizedAt })
    }

    // Summons that ended: sign-ups, a waitlist when full, cancellations, attendance, no-shows, walk-ins.
    if (story.summonEvery > 0) {
      let n = 0
      for (let day = start + story.summonEvery * WEEK; ; day += (story.summonEvery * 7 + rng.int(-5, 5)) * DAY) {
        const startAt = beijingDay(new Date(day), 0) + (rng.chance(0.6) ? 14 : 19) * HOUR
        const endAt = startAt + rng.int(2, 4) * HOUR
        if (endAt > Math.min(stop, nowMs - 2 * DAY)) break
        n += 1
        const present = members.filter((m) => m.joinedAt < startAt - 3 * DAY)
        if (present.length < 3 || rng.chance(1 - season(monthOf(startAt)) * 0.9)) continue
        const fromPlan = finalized.find((f) => f.at < startAt - 10 * DAY)
        if (fromPlan) finalized.splice(finalized.indexOf(fromPlan), 1)
        const theme = fromPlan?.title ?? story.themes[(n - 1) % story.themes.length]
        const summon = await pastSummon(store, rng, {
          gridId,
          publisher,
          title: `${theme} · 第 ${n} 期`,
          place: story.place,
          startAt,
          endAt,
          present,
          planId: fromPlan?.id ?? null,
          counts,
          record,
        })
        if (fromPlan) await store.plans.creditAdopted(fromPlan.id, summon.id)
      }
    }
  }
  return counts
}

interface PastSummonInput {
  gridId: Id
  publisher: string
  title: string
  place: string
  startAt: number
  endAt: number
  present: Member[]
  planId: Id | null
  counts: HistoryCounts
  record: (openid: string, gridId: Id, at: number, summon?: SummonRecord) => Promise<void>
}

async function pastSummon(store: Store, rng: Rng, s: PastSummonInput): Promise<SummonRecord> {
  const createdAt = s.startAt - rng.int(6, 12) * DAY
  const capacity = rng.chance(0.75) ? rng.pick([10, 15, 20, 30, 40]) : null
  const summon = await store.summons.create(
    {
      gridId: s.gridId,
      title: s.title,
      body: '往期活动。感谢每一位到场的青年朋友，下一期见！',
      place: s.place,
      startAt: new Date(s.startAt).toISOString(),
      endAt: new Date(s.endAt).toISOString(),
      signUpDeadline: rng.chance(0.4) ? new Date(s.startAt - 2 * HOUR).toISOString() : null,
      capacity,
      tags: [],
      hours: rng.pick([1, 1.5, 2, 2, 3, 4]),
      planId: s.planId,
      publishedBy: s.publisher,
    },
    new Date(createdAt),
  )
  s.counts.summons += 1
  // About a third to all of those around sign up; a popular one overflows into the waitlist.
  const wanted = Math.round(s.present.length * (0.3 + rng.next() * 0.6))
  const target = capacity ? Math.min(wanted, Math.round(capacity * (0.6 + rng.next() * 0.6))) : wanted
  const signUps = rng.sample(s.present, target)
  const window = s.startAt - 3 * HOUR - createdAt
  const times = signUps.map(() => createdAt + HOUR + Math.floor(rng.next() * window)).sort((a, b) => a - b)
  for (const [i, m] of signUps.entries()) {
    const outcome = await store.summons.signUp(summon.id, m.openid, new Date(times[i]))
    if (outcome.ok) s.counts.signUps += 1
  }
  // One in twenty-five is withdrawn before it happens (weather, the venue).
  if (rng.chance(0.04)) {
    await store.summons.withdraw(summon.id, rng.pick(WITHDRAW_REASONS), new Date(s.startAt - rng.int(1, 2) * DAY))
    return summon
  }
  for (const m of signUps)
    if (rng.chance(0.08)) await store.summons.cancel(summon.id, m.openid, new Date(s.startAt - rng.int(4, 30) * HOUR))
  // Most who hold a place come (a live scan in the first half hour); the rest are no-shows.
  const showRate = 0.7 + rng.next() * 0.25
  for (const entry of await store.summons.roster(summon.id)) {
    if (entry.status !== 'confirmed' || !rng.chance(showRate)) continue
    await s.record(entry.openid, s.gridId, s.startAt + rng.int(-10, 30) * MINUTE, summon)
  }
  // And now and then someone turns up without signing up (a walk-in).
  const signedUp = new Set(signUps.map((m) => m.openid))
  for (const m of rng.sample(
    s.present.filter((p) => !signedUp.has(p.openid)),
    rng.int(0, 2),
  ))
    await s.record(m.openid, s.gridId, s.startAt + rng.int(0, 40) * MINUTE, summon)
  return summon
}

interface PastPlanInput {
  gridId: Id
  publisher: string
  title: string
  createdAt: number
  nowMs: number
  authors: Member[]
  counts: HistoryCounts
}

/** A plan and its ideas; answers the plan and when it was finalized, or null while it collects ideas. */
async function pastPlan(store: Store, rng: Rng, p: PastPlanInput): Promise<{ id: Id; finalizedAt: number } | null> {
  const ideasUntil = p.createdAt + 14 * DAY
  const open = ideasUntil > p.nowMs
  const plan = await store.plans.create(
    {
      gridId: p.gridId,
      title: p.title,
      draft: '下一阶段的活动安排征求大家的意见：时间、地点、形式、想请的嘉宾，都可以提。采纳情况会逐条回复。',
      ideasUntil: new Date(ideasUntil).toISOString(),
      publishedBy: p.publisher,
    },
    new Date(p.createdAt),
  )
  p.counts.plans += 1
  const last = Math.min(ideasUntil, p.nowMs) - HOUR
  const n = rng.int(3, 8)
  for (let k = 0; k < n; k++) {
    const author = rng.pick(p.authors)
    const at = p.createdAt + HOUR + Math.floor(rng.next() * (last - p.createdAt - HOUR))
    // Now and then an idea is held for review: an off-topic one is refused, the others shown.
    const held = rng.chance(0.15)
    const spam = held && rng.chance(0.4)
    const outcome = await store.plans.addIdea(
      {
        planId: plan.id,
        openid: author.openid,
        content: spam ? OFF_TOPIC : rng.pick(IDEAS),
        status: held ? 'pending_review' : 'visible',
      },
      new Date(at),
      NO_LIMIT,
    )
    if (!outcome.ok) continue
    p.counts.ideas += 1
    const { id } = outcome.idea
    // An open plan keeps its newest held idea waiting for review.
    if (held && !(open && k === n - 1)) await store.plans.review(id, !spam)
    if (spam) continue
    for (const [i, m] of rng.sample(p.authors, rng.int(0, Math.min(8, p.authors.length))).entries())
      if (m.openid !== author.openid) await store.plans.like(id, m.openid, true, new Date(at + (i + 1) * 37 * MINUTE))
    // Most ideas get an answer within days; some of an open plan's are still waiting.
    if (open ? rng.chance(0.4) : rng.chance(0.85)) {
      const decision = rng.pick<Decision>(['adopted', 'adopted', 'partial', 'declined'])
      const decidedAt = Math.min(at + rng.int(4, 72) * HOUR, p.nowMs - HOUR)
      await store.plans.decide(id, decision, rng.pick(REPLIES[decision]), new Date(decidedAt))
    }
  }
  if (open) return null
  const finalizedAt = Math.min(ideasUntil + rng.int(1, 3) * DAY, p.nowMs - HOUR)
  await store.plans.finalize(plan.id, new Date(finalizedAt))
  return { id: plan.id, finalizedAt }
}
