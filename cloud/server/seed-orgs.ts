/**
 * Demo organisations (the second dimension): the district League committee, street committees, two
 * non-public company committees, the Xihu case's 青春社团联盟 and 慧客书屋 reading club, with members
 * spread over the grids, so that a secretary's receipt and the admin's figures mean something on first start.
 */
import type { Id, OrgKind } from '../../types'
import type { Store, SummonRecord } from '../store/port'
import { DEMO_YOUTHS } from './seed'

interface SeedOrg {
  name: string
  kind: OrgKind
  townId?: Id
  /** The name of the parent organisation (seeded before). */
  parent?: string
  secretaries: string[]
  members: string[]
  /** Members asking to join, for the secretary's 入会申请 list. */
  requests?: string[]
}

const y = (n: number) => DEMO_YOUTHS[n - 1].openid

export const DISTRICT_COMMITTEE = '共青团杭州市西湖区委员会'

/** A function, not a constant: seed.ts and this module import each other. */
export const demoOrgs = (): SeedOrg[] => [
  { name: DISTRICT_COMMITTEE, kind: 'committee', secretaries: [], members: [] },
  {
    name: '西溪街道团工委',
    kind: 'committee',
    townId: 'xixi',
    parent: DISTRICT_COMMITTEE,
    secretaries: ['o_demo_leader'],
    members: [y(12)],
    requests: [y(11)],
  },
  {
    name: '北山街道团工委',
    kind: 'committee',
    townId: 'beishan',
    parent: DISTRICT_COMMITTEE,
    secretaries: [],
    members: [],
  },
  {
    name: '转塘街道团工委',
    kind: 'committee',
    townId: 'zhuantang',
    parent: DISTRICT_COMMITTEE,
    secretaries: [],
    members: [],
  },
  {
    name: '西溪谷数字科技有限公司团委',
    kind: 'company',
    townId: 'xixi',
    parent: '西溪街道团工委',
    secretaries: [],
    members: ['o_demo_member', y(1), y(2), y(3), y(4)],
  },
  {
    name: '黄龙金融科技有限公司团支部',
    kind: 'company',
    townId: 'beishan',
    parent: '北山街道团工委',
    secretaries: [],
    members: [y(5), y(6)],
  },
  { name: '青春社团联盟', kind: 'social', parent: DISTRICT_COMMITTEE, secretaries: [], members: [y(7), y(8)] },
  { name: '慧客书屋读书会', kind: 'social', townId: 'xixi', secretaries: [], members: [y(9), y(10)] },
]

/** Where members reported (a poster scan, credited to their organisation): member → grid name. */
const reports = (): [string, string][] => [
  [y(1), '西溪谷互联网青年网格'],
  [y(2), '西溪谷互联网青年网格'],
  [y(3), '紫金港科技城网格'],
  [y(5), '黄龙商圈楼宇网格'],
  [y(7), '灵隐景区志愿网格'],
  [y(8), '小和山高校青年网格'],
  [y(9), '文新社区青年网格'],
  [y(12), '西溪谷互联网青年网格'],
]

const DAY = 86_400_000
const MINUTE = 60_000

/** Seeds the organisations after the grids and summons (`summons`: those seeded, for attendances). */
export async function seedOrgs(store: Store, now: Date, summons: SummonRecord[]): Promise<void> {
  const ids = new Map<string, Id>()
  const since = new Date(now.getTime() - 20 * DAY)
  for (const [i, org] of demoOrgs().entries()) {
    const parentId = org.parent ? ids.get(org.parent) : undefined
    const record = await store.orgs.create(
      {
        name: org.name,
        kind: org.kind,
        ...(org.townId ? { townId: org.townId } : {}),
        ...(parentId ? { parentId } : {}),
      },
      since,
    )
    ids.set(org.name, record.id)
    const expires = new Date(now.getTime() + 7 * DAY)
    for (const [k, openid] of org.secretaries.entries()) {
      const code = `demosec${i}x${k}`
      await store.orgs.createInvite(record.id, 'secretary', code, 'o_demo_admin', expires)
      await store.orgs.joinByInvite(code, openid, since)
    }
    const code = `demomem${i}x`
    await store.orgs.createInvite(record.id, 'member', code, 'o_demo_admin', expires)
    for (const openid of org.members) await store.orgs.joinByInvite(code, openid, since)
    for (const openid of org.requests ?? []) await store.orgs.request(record.id, openid, new Date(now.getTime() - DAY))
  }
  const grids = await store.grids.list({})
  for (const [n, [openid, gridName]] of reports().entries()) {
    const grid = grids.find((g) => g.name === gridName)
    if (!grid) continue
    await store.checkins.record(
      {
        openid,
        requestId: `demo-report-${n}`,
        gridId: grid.id,
        summonId: null,
        orgId: await store.orgs.creditOrg(openid),
        method: 'poster',
        verifiedBy: ['poster'],
      },
      new Date(now.getTime() - (n + 2) * DAY),
      10,
    )
  }
  // The demo youths signed up for the summons already over attended them (a live scan ten minutes in);
  // the personas' own histories stay as the tour starts them.
  const youths = new Set(DEMO_YOUTHS.map((d) => d.openid))
  for (const summon of summons.filter((s) => s.endAt < now.toISOString() && !s.withdrawnAt)) {
    for (const entry of await store.summons.roster(summon.id)) {
      if (entry.status !== 'confirmed' || !youths.has(entry.openid)) continue
      await store.checkins.record(
        {
          openid: entry.openid,
          requestId: `demo-live-${summon.id}-${entry.openid}`.slice(0, 64),
          gridId: summon.gridId,
          summonId: summon.id,
          orgId: await store.orgs.creditOrg(entry.openid),
          method: 'live',
          verifiedBy: ['live'],
          summon: { title: summon.title, hours: summon.hours },
        },
        new Date(Date.parse(summon.startAt) + 10 * MINUTE),
        10,
      )
    }
  }
}
