import type { Affiliation, FourOnes, GridKind, OnlineKind } from '../../types'

export const KIND_LABELS: Record<GridKind, string> = {
  community: '社区',
  building: '楼宇',
  park: '园区',
  rural: '农村',
  circle: '圈子',
}

export const AFFILIATION_LABELS: Record<Affiliation, string> = {
  league: '团员',
  social: '青年社会组织',
  none: '未加入组织',
}

/** Longer wording for the choice on the profile form. */
export const AFFILIATION_CHOICES: { value: Affiliation; label: string }[] = [
  { value: 'league', label: '团员（团组织成员）' },
  { value: 'social', label: '青年社会组织成员' },
  { value: 'none', label: '暂未加入组织' },
]

export const ONLINE_KIND_LABELS: Record<OnlineKind, string> = {
  wechat_group: '微信群',
  qq_group: 'QQ 群',
  weibo: '微博',
  website: '网站',
  official_account: '公众号',
  other: '其他',
}

/** The "四个一", in the order they are always shown. */
export const FOUR_ONES: { key: keyof FourOnes; label: string }[] = [
  { key: 'leader', label: '网格长' },
  { key: 'physicalBase', label: '阵地' },
  { key: 'onlineBase', label: '网络' },
  { key: 'project', label: '项目' },
]

export function optionsOf<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }))
}
