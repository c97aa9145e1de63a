/**
 * Demo 志愿时长 (issue 15): ended volunteer-service summons at 莲花商圈楼宇网格 (led by o_demo_leader) with
 * sign-ins and sign-outs through the store's own operations — some members short of 60 %, one who never
 * signed out, a make-up with its reason — three confirmed and one still pending, so that 陈晓青
 * (o_demo_member) sees a believable year on first start: 11 confirmed hours (one activity made up) and
 * 2.5 pending, and the admin's make-up audit has an entry.
 */
import type { Store } from '../store/port'
import { DEMO_YOUTHS } from './seed'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const BEIJING_OFFSET = 8 * HOUR
const MEMBER = 'o_demo_member'
const LEADER = 'o_demo_leader'
const GRID = '莲花商圈楼宇网格'

/** Beijing 09:00 plus `hour` hours, `days` days before `now`'s Beijing date. */
function daysAgo(now: Date, days: number, hour: number): Date {
  const local = new Date(now.getTime() + BEIJING_OFFSET)
  return new Date(
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - days, hour) - BEIJING_OFFSET,
  )
}

interface Attendance {
  openid: string
  /** Minutes after the start (negative: before it); absent: never signed in. */
  signIn: number
  /** Minutes after the start; absent: never signed out. */
  signOut?: number
}

interface ServiceSeed {
  title: string
  body: string
  place: string
  days: number
  startHour: number
  durationHours: number
  hours: number
  confirm: boolean
  attendance: Attendance[]
  makeup?: { openid: string; hours: number; reason: string }
}

const y = (n: number) => DEMO_YOUTHS[n - 1].openid

function services(): ServiceSeed[] {
  return [
    {
      title: '楼宇垃圾分类宣传志愿服务',
      body: '在莲花商务中心各楼层发放垃圾分类指南，现场解答分类问题。',
      place: '莲花商务中心 1–12 楼',
      days: 40,
      startHour: 9,
      durationHours: 4,
      hours: 4,
      confirm: true,
      attendance: [
        { openid: MEMBER, signIn: -10, signOut: 245 },
        { openid: y(1), signIn: 5, signOut: 230 },
        { openid: y(2), signIn: 0, signOut: 120 }, // 50 %: 不足 60%
        { openid: y(3), signIn: 15, signOut: 240 },
      ],
    },
    {
      title: '西溪湿地周边环境清洁',
      body: '沿湿地东门步道清理垃圾，结束后一起做分类统计。',
      place: '西溪湿地东门集合',
      days: 26,
      startHour: 13,
      durationHours: 3,
      hours: 3,
      confirm: true,
      attendance: [
        { openid: MEMBER, signIn: 0, signOut: 182 },
        { openid: y(1), signIn: 20, signOut: 170 },
        { openid: y(4), signIn: 0 }, // never signed out
      ],
    },
    {
      title: '社区老人智能手机课堂',
      body: '一对一教老人用健康码、视频通话和打车软件。',
      place: '莲花社区老年活动室',
      days: 12,
      startHour: 14,
      durationHours: 4,
      hours: 4,
      confirm: true,
      attendance: [
        { openid: MEMBER, signIn: 0, signOut: 60 }, // left early by the scans, made up below
        { openid: y(2), signIn: -5, signOut: 250 },
        { openid: y(3), signIn: 30, signOut: 130 }, // 41 %
      ],
      makeup: { openid: MEMBER, hours: 4, reason: '签退时手机没电，网格长现场核实全程在岗' },
    },
    {
      title: '楼宇青年献血服务站引导',
      body: '在献血车旁引导登记、发放饮品，照看献血后休息的青年。',
      place: '莲花商务中心广场',
      days: 2,
      startHour: 9,
      durationHours: 3,
      hours: 3,
      confirm: false,
      attendance: [
        { openid: MEMBER, signIn: 0, signOut: 165 },
        { openid: y(1), signIn: 10, signOut: 175 },
        { openid: y(4), signIn: 0, signOut: 90 }, // 50 %
      ],
    },
  ]
}

/** Seeds the demo hours (grids, personas, youths and organisations must exist). */
export async function seedHours(store: Store, now = new Date()): Promise<void> {
  const grid = (await store.grids.list({})).find((g) => g.name === GRID)
  if (!grid) return
  let seq = 0
  for (const s of services()) {
    const startAt = daysAgo(now, s.days, s.startHour)
    const endAt = new Date(startAt.getTime() + s.durationHours * HOUR)
    const publishedAt = new Date(startAt.getTime() - 5 * DAY)
    const summon = await store.summons.create(
      {
        gridId: grid.id,
        title: s.title,
        body: s.body,
        place: s.place,
        startAt: startAt.toISOString(),
        endAt: endAt.toISOString(),
        signUpDeadline: null,
        capacity: 20,
        tags: ['志愿服务'],
        hours: s.hours,
        planId: null,
        publishedBy: LEADER,
      },
      publishedAt,
    )
    const minutes = (m: number) => new Date(startAt.getTime() + m * MINUTE)
    for (const [i, a] of s.attendance.entries())
      await store.summons.signUp(summon.id, a.openid, new Date(publishedAt.getTime() + (i + 1) * 23 * MINUTE))
    for (const a of s.attendance) {
      await store.checkins.record(
        {
          openid: a.openid,
          requestId: `demo-hours-in-${++seq}`,
          gridId: grid.id,
          summonId: summon.id,
          orgId: await store.orgs.creditOrg(a.openid),
          method: 'live',
          verifiedBy: ['live'],
          summon: { title: summon.title, hours: summon.hours },
        },
        minutes(a.signIn),
        10,
      )
      if (a.signOut !== undefined)
        await store.hours.signOut(
          { summonId: summon.id, openid: a.openid, requestId: `demo-hours-out-${++seq}` },
          minutes(a.signOut),
        )
    }
    const afterEnd = new Date(endAt.getTime() + 40 * MINUTE)
    if (s.makeup)
      await store.hours.makeup(
        {
          summonId: summon.id,
          openid: s.makeup.openid,
          from: 0,
          to: s.makeup.hours,
          reason: s.makeup.reason,
          by: LEADER,
          byName: '王磊',
        },
        afterEnd,
      )
    if (s.confirm) await store.hours.confirm(summon.id, new Date(afterEnd.getTime() + 20 * MINUTE))
  }
}
