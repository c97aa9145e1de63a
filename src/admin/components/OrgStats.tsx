import { Text, View } from '@tarojs/components'
import type { ResOf, Town } from '../../../types'
import { Empty } from '../../components/Empty'
import { ORG_KIND_LABELS, percent } from '../../utils/orgs'
import './OrgStats.scss'

type OrgStatsRes = ResOf<'stats.orgs'>

/** Each organisation's members and rates, the weakest first (as the server sorts them). */
export function OrgList({ stats }: { stats: OrgStatsRes }) {
  if (stats.items.length === 0)
    return <Empty title='还没有组织' description='创建组织后，这里会显示它们的报到率和参与率。' />
  return (
    <View className='card org-stats'>
      {stats.items.map((o) => (
        <View className='org-stats__row' key={o.orgId}>
          <View className='org-stats__head'>
            <Text className='org-stats__name'>{o.name}</Text>
            <Text className='org-stats__rate'>参与率 {percent(o.participationRate)}</Text>
          </View>
          <View className='muted'>
            {ORG_KIND_LABELS[o.kind]} · 成员 {o.members} · 报到率 {percent(o.reportRate)}（{o.reported} 人）· 本季度参与{' '}
            {o.participated} 人 · 签到 {o.checkIns} · {o.hours} 小时 · 考核 {o.score} 分
          </View>
        </View>
      ))}
    </View>
  )
}

const WEIGHT_LABELS: Record<keyof OrgStatsRes['weights'], string> = {
  reportRate: '报到率',
  participationRate: '参与率',
  hours: '志愿时长',
}

/** "报到率 35 · 参与率 50 · 志愿时长 15", from the weights the server uses. */
export function orgWeightsText(weights: OrgStatsRes['weights']): string {
  return (Object.keys(WEIGHT_LABELS) as (keyof OrgStatsRes['weights'])[])
    .map((key) => `${WEIGHT_LABELS[key]}\u00a0${weights[key]}`)
    .join(' · ')
}

/** The organisations' assessment ranking: best score first (the 组织 tab lists the weakest first). */
export function orgRanking(items: OrgStatsRes['items']): OrgStatsRes['items'] {
  return [...items].sort((a, b) => b.score - a.score || b.members - a.members || a.name.localeCompare(b.name, 'zh-CN'))
}

/** 组织考核排名: score bars with the weights written out, as the grids' ranking. */
export function OrgRanking({ stats }: { stats: OrgStatsRes }) {
  const rows = orgRanking(stats.items)
  return (
    <View className='org-ranking'>
      <View className='org-ranking__weights'>
        <Text className='org-ranking__weights-title'>组织考核得分（满分 100，本季度）</Text>
        <Text className='org-ranking__weights-text'>{orgWeightsText(stats.weights)}</Text>
        <Text className='muted org-ranking__how'>
          报到率：已到网格报到的成员占比；参与率：本季度参加过活动的成员占比；志愿时长：本季度已确认的时长，成员人均 5
          小时满分。各项按比例乘以权重相加，没有成员的组织得 0 分。
        </Text>
      </View>
      {rows.length === 0 && <View className='muted'>还没有组织。</View>}
      {rows.map((o, i) => (
        <View className='org-ranking__row' key={o.orgId}>
          <Text className={`org-ranking__rank${i < 3 ? ' org-ranking__rank--top' : ''}`}>{i + 1}</Text>
          <View className='org-ranking__body'>
            <View className='org-ranking__name'>
              <Text className='org-ranking__org'>{o.name}</Text>
              <Text className='muted'>
                {' '}
                · 报到率 {percent(o.reportRate)} · 参与率 {percent(o.participationRate)}
              </Text>
            </View>
            <View className='org-ranking__track'>
              <View className='org-ranking__fill' style={{ width: `${Math.min(100, Math.max(0, o.score))}%` }} />
            </View>
          </View>
          <Text className='org-ranking__score'>{o.score}</Text>
        </View>
      ))}
    </View>
  )
}

/**
 * Which organisations' members serve in which towns: organisations × towns, the members of each
 * organisation reported to the town's grids (a member of two grids in one town counts twice).
 */
export function OrgHeatGrid({
  stats,
  towns,
  townOfGrid,
}: {
  stats: OrgStatsRes
  towns: Town[]
  townOfGrid: (gridId: string) => string | undefined
}) {
  const cells = new Map<string, number>()
  for (const m of stats.matrix) {
    const townId = townOfGrid(m.gridId)
    if (!townId) continue
    const k = `${m.orgId}\n${townId}`
    cells.set(k, (cells.get(k) ?? 0) + m.members)
  }
  const used = towns.filter((t) => stats.items.some((o) => cells.has(`${o.orgId}\n${t.id}`)))
  const orgs = stats.items.filter((o) => used.some((t) => cells.has(`${o.orgId}\n${t.id}`)))
  if (orgs.length === 0) return <View className='muted'>还没有组织成员到网格报到。</View>
  const max = Math.max(...cells.values())
  return (
    <View className='card org-heat'>
      <View className='org-heat__row'>
        <View className='org-heat__label muted'>组织 \ 镇街</View>
        {used.map((t) => (
          <View key={t.id} className='org-heat__cell muted'>
            {t.name.replace(/街道|镇$/, '')}
          </View>
        ))}
      </View>
      {orgs.map((o) => (
        <View key={o.orgId} className='org-heat__row'>
          <View className='org-heat__label'>{o.name}</View>
          {used.map((t) => {
            const n = cells.get(`${o.orgId}\n${t.id}`) ?? 0
            const alpha = n === 0 ? 0.04 : 0.15 + (0.85 * n) / max
            return (
              <View
                key={t.id}
                className='org-heat__cell'
                style={{ background: `rgba(200, 22, 29, ${alpha.toFixed(2)})`, color: alpha > 0.55 ? '#fff' : '#333' }}
              >
                {n || ''}
              </View>
            )
          })}
        </View>
      ))}
    </View>
  )
}
