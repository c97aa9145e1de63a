/**
 * Reference data: the towns and streets (镇街) of Xihu district, present in every database. The district's
 * current division is 10 streets and 2 towns (西湖街道 is in the care of the West Lake scenic area but is
 * one of the district's streets), in the order of their statistical division codes (330106001…).
 */
export const XIHU_TOWNS: readonly { id: string; name: string }[] = [
  { id: 'beishan', name: '北山街道' },
  { id: 'xixi', name: '西溪街道' },
  { id: 'lingyin', name: '灵隐街道' },
  { id: 'cuiyuan', name: '翠苑街道' },
  { id: 'wenxin', name: '文新街道' },
  { id: 'gudang', name: '古荡街道' },
  { id: 'xihu', name: '西湖街道' },
  { id: 'liuxia', name: '留下街道' },
  { id: 'zhuantang', name: '转塘街道' },
  { id: 'jiangcun', name: '蒋村街道' },
  { id: 'sandun', name: '三墩镇' },
  { id: 'shuangpu', name: '双浦镇' },
]

/** The name shown for district-wide summons and check-ins (published by the district committee, no grid). */
export const DISTRICT_NAME = '西湖区团委'
