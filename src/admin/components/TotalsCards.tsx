import { Text, View } from '@tarojs/components'
import type { StatsTotals } from '../../../types'
import { hoursText } from '../../utils/hours'
import { hoursOf } from '../utils/overview'
import './TotalsCards.scss'

/** District totals as small figure cards. */
export function TotalsCards({ totals }: { totals: StatsTotals }) {
  const cards: { key: string; label: string; value: string; warn?: boolean }[] = [
    { key: 'grids', label: '网格', value: `${totals.grids}` },
    { key: 'complete', label: '四个一完整', value: `${totals.fourOnesComplete}/${totals.grids}` },
    { key: 'quiet', label: '30天无活动', value: `${totals.quiet}`, warn: totals.quiet > 0 },
    { key: 'members', label: '报到青年', value: `${totals.members}` },
    { key: 'checkIns', label: '近30天签到', value: `${totals.checkIns30d}` },
    { key: 'summons', label: '近30天召集令', value: `${totals.summons30d}` },
    { key: 'ideas', label: '建议', value: `${totals.ideas}` },
  ]
  if (totals.walkins !== undefined) cards.push({ key: 'walkins', label: '现场签到', value: `${totals.walkins}` })
  const hours = hoursOf(totals)
  if (hours !== undefined) cards.push({ key: 'hours', label: '志愿时长（小时）', value: hoursText(hours) })
  return (
    <View className='totals'>
      {cards.map((c) => (
        <View className={`totals__card totals__card--${c.key}`} key={c.key}>
          <Text className={`totals__value${c.warn ? ' totals__value--warn' : ''}`}>{c.value}</Text>
          <Text className='totals__label'>{c.label}</Text>
        </View>
      ))}
    </View>
  )
}
