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
            {o.participated} 人 · 签到 {o.checkIns} · {o.hours} 小时
          </View>
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
