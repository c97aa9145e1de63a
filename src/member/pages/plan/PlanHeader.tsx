import { Text, View } from '@tarojs/components'
import { Segmented } from '@nutui/nutui-react-taro'
import type { PlanDetail } from '../../../../types'
import { Prose } from '../../../components/Prose'
import { PlanStateBadge } from '../../../components/plans/PlanStateBadge'
import { windowLabel } from '../../../utils/plans'
import type { Sort } from './useIdeas'

const SORTS = [
  { label: '最新', value: 'newest' },
  { label: '最热', value: 'likes' },
]

export function PlanHeader({ plan }: { plan: PlanDetail }) {
  return (
    <View className='card plan-head'>
      <View className='plan-head__top'>
        <Text className='plan-head__title'>{plan.title}</Text>
        <PlanStateBadge state={plan.state} />
      </View>
      <View className='plan-head__grid'>{plan.gridName}</View>
      <View className='muted plan-head__window'>
        {windowLabel(plan)}
        {plan.version > 1 ? ` · 第 ${plan.version} 版` : ''}
      </View>
      <Prose className='plan-head__draft' text={plan.draft} />
    </View>
  )
}

interface IdeasHeaderProps {
  count: number
  adopted?: number
  sort: Sort
  onSort: (s: Sort) => void
}

/** `建议 N`: the plan's public ideas, as the plan list counts them (not the ideas loaded so far). */
export function IdeasHeader({ count, adopted, sort, onSort }: IdeasHeaderProps) {
  return (
    <View className='plan-ideas__head'>
      <Text className='section-title plan-ideas__title'>建议 {count}</Text>
      {adopted !== undefined && <Text className='muted plan-ideas__adopted'>已采纳 {adopted}</Text>}
      {/* Segmented puts no className on its root: the wrapper carries the colours. */}
      <View className='plan-ideas__sort'>
        <Segmented options={SORTS} value={sort} onChange={(value) => onSort(value as Sort)} />
      </View>
    </View>
  )
}
