import type { GridInput, Profile } from '../../types'
import type { Store } from '../store/port'

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

/** Seeds the demo into an empty database; does nothing when grids exist already. */
export async function seedDemo(store: Store, now = new Date()): Promise<boolean> {
  if ((await store.grids.list({})).length > 0) return false
  for (const persona of PERSONAS) await store.users.saveProfile(persona.openid, persona.profile, now)
  await store.users.addAdmin('o_demo_admin')
  for (const { leaders, members, ...input } of DEMO_GRIDS) {
    const grid = await store.grids.create(input, now)
    for (const openid of leaders) await store.grids.addLeader(grid.id, openid, now)
    for (const openid of members) await store.grids.addMember(grid.id, openid, now)
  }
  return true
}
