import type { GridInput, Profile } from '../../types'
import type { Store, SummonRecord } from '../store/port'
import { seedHours } from './seed-hours'
import { seedHistory } from './seed-history'
import { seedOrgs } from './seed-orgs'
import { seedPlans } from './seed-plans'

export interface Persona {
  openid: string
  title: string
  description: string
  profile: Profile
}

/** The demo identities offered by the local "选择身份" screen. */
export const PERSONAS: readonly Persona[] = [
  {
    openid: 'o_demo_member',
    title: '青年团员 · 陈晓青',
    description: '在莲花商圈上班，报名活动、扫码报到、提建议',
    profile: { name: '陈晓青', affiliation: 'league', org: '西湖区某科技公司团支部' },
  },
  {
    openid: 'o_demo_leader',
    title: '网格长 · 王磊',
    description: '莲花商圈楼宇网格、凤凰创意园区创业网格的网格长',
    profile: { name: '王磊', affiliation: 'league', org: '西溪街道团工委' },
  },
  {
    openid: 'o_demo_admin',
    title: '区团委 · 李书记',
    description: '西湖区团委管理员，查看全区网格、创建网格',
    profile: { name: '李书记', affiliation: 'league', org: '共青团西湖区委' },
  },
]

type SeedGrid = GridInput & { leaders: string[]; members: string[] }

const point = (lat: number, lng: number, radiusM = 300) => ({ lat, lng, radiusM })

export const DEMO_GRIDS: readonly SeedGrid[] = [
  {
    name: '莲花商圈楼宇网格',
    townId: 'xixi',
    kind: 'building',
    base: { address: '西湖区莲花街 333 号莲花商务中心 1 楼青年之家', ...point(30.2845, 120.1205) },
    online: [{ kind: 'wechat_group', value: '莲花商圈青年群' }],
    project: { name: '乐创汇创业沙龙', summary: '每月一期，楼宇青年创业交流' },
    leaders: ['o_demo_leader'],
    members: ['o_demo_member'],
  },
  {
    name: '凤凰创意园区创业网格',
    townId: 'zhuantang',
    kind: 'park',
    base: { address: '转塘街道凤凰创意国际园区 A 座', ...point(30.1508, 120.0921, 500) },
    online: [{ kind: 'official_account', value: '凤凰青创' }],
    project: { name: '凤凰创客训练营', summary: '园区青年创业辅导' },
    leaders: ['o_demo_leader'],
    members: [],
  },
  {
    name: '村村志愿服务队网格',
    townId: 'shuangpu',
    kind: 'rural',
    base: { address: '双浦镇村民服务中心', ...point(30.1356, 120.0898, 1000) },
    online: [{ kind: 'qq_group', value: '双浦青年志愿者' }],
    project: { name: '雷锋列车', summary: '村村联合志愿服务' },
    leaders: [],
    members: [],
  },
  {
    name: '黄龙商圈楼宇网格',
    townId: 'beishan',
    kind: 'building',
    base: { address: '黄龙时代广场 B 座 2 楼', ...point(30.2732, 120.1368) },
    online: [{ kind: 'wechat_group', value: '黄龙青年汇' }],
    project: { name: '职场新人评选', summary: '楼宇青年职场成长' },
    leaders: [],
    members: [],
  },
  {
    name: '西溪谷互联网青年网格',
    townId: 'xixi',
    kind: 'park',
    base: { address: '西溪谷 G 座青年驿站', ...point(30.2789, 120.1103) },
    online: [{ kind: 'wechat_group', value: '西溪谷青年' }],
    project: { name: '圈子学堂', summary: '互联网青年技能分享' },
    leaders: [],
    members: [],
  },
  {
    name: '文新社区青年网格',
    townId: 'wenxin',
    kind: 'community',
    base: { address: '文新街道社区党群服务中心', ...point(30.2901, 120.1098) },
    online: [{ kind: 'wechat_group', value: '文新青年' }],
    project: { name: '慧客书屋', summary: '社区青年读书会' },
    leaders: [],
    members: [],
  },
  {
    name: '翠苑一区青年网格',
    townId: 'cuiyuan',
    kind: 'community',
    base: { address: '翠苑一区社区活动室', ...point(30.2868, 120.1301) },
    online: [],
    project: { name: '首善爱心汇', summary: '邻里互助' },
    leaders: [],
    members: [],
  },
  {
    name: '古荡湾新青年网格',
    townId: 'gudang',
    kind: 'community',
    base: { address: '古荡湾社区服务站', ...point(30.2812, 120.1255) },
    online: [{ kind: 'wechat_group', value: '古荡湾青年' }],
    project: null,
    leaders: [],
    members: [],
  },
  {
    name: '灵隐景区志愿网格',
    townId: 'lingyin',
    kind: 'circle',
    base: { address: '灵隐街道青年志愿服务站', ...point(30.2436, 120.1012) },
    online: [],
    project: { name: '景区文明引导', summary: '节假日志愿服务' },
    leaders: [],
    members: [],
  },
  {
    name: '小和山高校青年网格',
    townId: 'liuxia',
    kind: 'park',
    base: { address: '留下街道小和山高教园区青年中心', ...point(30.2245, 120.0286) },
    online: [{ kind: 'weibo', value: '@小和山青年' }],
    project: null,
    leaders: [],
    members: [],
  },
  {
    name: '紫金港科技城网格',
    townId: 'sandun',
    kind: 'park',
    base: { address: '三墩镇紫金港科技城青年创新中心', ...point(30.3201, 120.0805) },
    online: [{ kind: 'wechat_group', value: '科技城青年' }],
    project: { name: '社团文化节', summary: '园区青年社团展示' },
    leaders: [],
    members: [],
  },
  {
    name: '蒋村慢生活圈子网格',
    townId: 'jiangcun',
    kind: 'circle',
    base: { address: '' },
    online: [{ kind: 'wechat_group', value: '蒋村跑团' }],
    project: { name: '周末慢跑', summary: '个性圈青年运动' },
    leaders: [],
    members: [],
  },
]

export interface SeedOptions {
  /**
   * A year of activity behind the tour (seed-history.ts) and the demo member's volunteer hours
   * (seed-hours.ts); tests that build their own data leave both out.
   */
  history?: boolean
}

/** Seeds the demo into an empty database; does nothing when grids exist already. */
export async function seedDemo(store: Store, now = new Date(), { history = true }: SeedOptions = {}): Promise<boolean> {
  if ((await store.grids.list({})).length > 0) return false
  for (const persona of PERSONAS) await store.users.saveProfile(persona.openid, persona.profile, now)
  await store.users.addAdmin('o_demo_admin')
  for (const { leaders, members, ...input } of DEMO_GRIDS) {
    const grid = await store.grids.create(input, now)
    for (const openid of leaders) await store.grids.addLeader(grid.id, openid, now)
    for (const openid of members) await store.grids.addMember(grid.id, openid, now)
  }
  const summons = await seedSummons(store, now)
  await seedPlans(store, now)
  await seedOrgs(store, now, summons)
  if (history) {
    await seedHours(store, now)
    await seedHistory(store, now)
  }
  return true
}

// ---------- summons ----------

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const BEIJING_OFFSET = 8 * HOUR

/** Beijing wall-clock time `hour:minute`, `days` calendar days after the Beijing date of `now`. */
function beijing(now: Date, days: number, hour: number, minute = 0): Date {
  const local = new Date(now.getTime() + BEIJING_OFFSET)
  const utc = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days, hour, minute)
  return new Date(utc - BEIJING_OFFSET)
}

const ago = (now: Date, ms: number) => new Date(now.getTime() - ms)

/** Demo youths who sign up for the demo summons (they have profiles, so the rosters show names). */
export const DEMO_YOUTHS: readonly { openid: string; name: string }[] = [
  '张一鸣',
  '刘思远',
  '赵雨桐',
  '孙浩然',
  '周子涵',
  '吴嘉怡',
  '郑宇航',
  '冯晓雯',
  '陈可欣',
  '褚明轩',
  '卫诗琪',
  '蒋俊杰',
].map((name, i) => ({ openid: `o_demo_y${String(i + 1).padStart(2, '0')}`, name }))

interface SeedSummon {
  grid: string | null
  publishedBy: string
  title: string
  body: string
  place: string
  startAt: Date
  endAt: Date
  signUpDeadline?: Date
  capacity?: number
  tags: string[]
  hours: number
  /** When it was published and when its sign-ups came in (before any deadline). */
  createdAt: Date
  signUps: string[]
  withdrawn?: { at: Date; reason: string }
}

const youths = (from: number, to: number) => DEMO_YOUTHS.slice(from, to).map((y) => y.openid)

/** Summons in every state, with times relative to `now`. o_demo_member stays off the first (open) one. */
function demoSummons(now: Date): SeedSummon[] {
  const liveStart = new Date(Math.floor(now.getTime() / (30 * MINUTE)) * 30 * MINUTE - 30 * MINUTE)
  return [
    {
      grid: '莲花商圈楼宇网格',
      publishedBy: 'o_demo_leader',
      title: '乐创汇创业沙龙 · 第 12 期',
      body: '本期主题：青年创业者的第一笔融资。邀请两位园区创业者分享经验，现场可以一对一交流项目。\n欢迎楼宇里的青年朋友带着问题来，茶歇由青年之家提供。',
      place: '莲花商务中心 1 楼青年之家',
      startAt: beijing(now, 2, 14),
      endAt: beijing(now, 2, 16, 30),
      signUpDeadline: beijing(now, 2, 12),
      capacity: 30,
      tags: ['楼宇圈', '创业'],
      hours: 2,
      createdAt: ago(now, 2 * DAY),
      signUps: youths(0, 4),
    },
    {
      grid: '凤凰创意园区创业网格',
      publishedBy: 'o_demo_leader',
      title: '凤凰创客训练营 · 路演彩排',
      body: '为下月的创业大赛做一次完整的路演彩排，每个团队 8 分钟展示、5 分钟点评。名额有限，满员后可以候补。',
      place: '凤凰创意国际园区 A 座路演厅',
      startAt: beijing(now, 4, 9, 30),
      endAt: beijing(now, 4, 17),
      capacity: 6,
      tags: ['创业', '职业圈'],
      hours: 6,
      createdAt: ago(now, 3 * DAY),
      signUps: youths(4, 12),
    },
    {
      grid: '黄龙商圈楼宇网格',
      publishedBy: 'o_demo_admin',
      title: '职场新人评选 · 报名说明会',
      body: '介绍今年职场新人评选的流程和材料要求，不限人数，来听听就好。',
      place: '黄龙时代广场 B 座 2 楼会议室',
      startAt: beijing(now, 3, 19),
      endAt: beijing(now, 3, 20, 30),
      tags: ['职业圈'],
      hours: 0,
      createdAt: ago(now, DAY),
      signUps: youths(0, 2),
    },
    {
      grid: null,
      publishedBy: 'o_demo_admin',
      title: '雷锋列车 · 西湖区青年志愿服务日',
      body: '全区青年志愿服务日：文明引导、垃圾分类宣传、敬老院陪伴三条线路，报名后由各网格分组。\n请穿志愿者马甲，集合后统一出发。',
      place: '西湖文化广场南门集合',
      startAt: beijing(now, 9, 8, 30),
      endAt: beijing(now, 9, 12),
      signUpDeadline: beijing(now, 8, 20),
      capacity: 200,
      tags: ['志愿服务', '全区'],
      hours: 3.5,
      createdAt: ago(now, DAY),
      signUps: ['o_demo_member', ...youths(0, 6)],
    },
    {
      grid: '西溪谷互联网青年网格',
      publishedBy: 'o_demo_admin',
      title: '首善爱心汇 · 冬衣募集分拣',
      body: '分拣整理募集到的冬衣，打包后送往结对的山区学校。',
      place: '西溪谷 G 座青年驿站',
      startAt: beijing(now, 1, 9),
      endAt: beijing(now, 1, 12),
      signUpDeadline: ago(now, 2 * HOUR),
      capacity: 20,
      tags: ['公益'],
      hours: 3,
      createdAt: ago(now, 5 * DAY),
      signUps: youths(2, 9),
    },
    {
      grid: '莲花商圈楼宇网格',
      publishedBy: 'o_demo_leader',
      title: '圈子学堂 · 午间效率小课',
      body: '30 分钟讲清楚表格里的数据透视，带上电脑跟着做。到场后扫现场码签到。',
      place: '莲花商务中心 3 楼共享会议室',
      startAt: liveStart,
      endAt: new Date(liveStart.getTime() + 3 * HOUR),
      capacity: 40,
      tags: ['楼宇圈', '技能'],
      hours: 1,
      createdAt: ago(now, 3 * DAY),
      signUps: ['o_demo_member', ...youths(0, 5)],
    },
    {
      grid: '莲花商圈楼宇网格',
      publishedBy: 'o_demo_leader',
      title: '乐创汇创业沙龙 · 第 11 期',
      body: '本期主题：小团队怎样做好第一场用户访谈。',
      place: '莲花商务中心 1 楼青年之家',
      startAt: beijing(now, -3, 14),
      endAt: beijing(now, -3, 16, 30),
      capacity: 30,
      tags: ['楼宇圈', '创业'],
      hours: 2,
      createdAt: ago(now, 10 * DAY),
      signUps: ['o_demo_member', ...youths(0, 8)],
    },
    {
      grid: '凤凰创意园区创业网格',
      publishedBy: 'o_demo_leader',
      title: '周末草地音乐会',
      body: '园区草坪上的青年乐队演出，自带野餐垫。',
      place: '凤凰创意国际园区中心草坪',
      startAt: beijing(now, 6, 19),
      endAt: beijing(now, 6, 21),
      capacity: 100,
      tags: ['个性圈'],
      hours: 0,
      createdAt: ago(now, 4 * DAY),
      signUps: youths(3, 7),
      withdrawn: { at: ago(now, DAY), reason: '天气预报周末有大雨，改期后另行通知' },
    },
  ]
}

/** Seeds the demo summons and their sign-ups (the grids and personas must exist). */
export async function seedSummons(store: Store, now = new Date()): Promise<SummonRecord[]> {
  const created: SummonRecord[] = []
  for (const youth of DEMO_YOUTHS)
    await store.users.saveProfile(youth.openid, { name: youth.name, affiliation: 'league' }, ago(now, 30 * DAY))
  const grids = await store.grids.list({})
  const gridId = (name: string) => grids.find((g) => g.name === name)?.id ?? null
  for (const s of demoSummons(now)) {
    const summon = await store.summons.create(
      {
        gridId: s.grid ? gridId(s.grid) : null,
        title: s.title,
        body: s.body,
        place: s.place,
        startAt: s.startAt.toISOString(),
        endAt: s.endAt.toISOString(),
        signUpDeadline: s.signUpDeadline?.toISOString() ?? null,
        capacity: s.capacity ?? null,
        tags: s.tags,
        hours: s.hours,
        planId: null,
        publishedBy: s.publishedBy,
      },
      s.createdAt,
    )
    for (const [i, openid] of s.signUps.entries())
      await store.summons.signUp(summon.id, openid, new Date(s.createdAt.getTime() + (i + 1) * 17 * MINUTE))
    if (s.withdrawn) await store.summons.withdraw(summon.id, s.withdrawn.reason, s.withdrawn.at)
    created.push(summon)
  }
  return created
}
