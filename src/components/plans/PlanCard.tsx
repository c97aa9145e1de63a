import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { PlanListItem } from '../../../types'
import { countsLabel, PLAN_ROUTES } from '../../utils/plans'
import { PlanStateBadge } from './PlanStateBadge'
import './PlanCard.scss'

/** One plan in the list: title, state, grid, and how many ideas came in and were adopted. */
export function PlanCard({ plan }: { plan: PlanListItem }) {
  return (
    <View
      className={`card plan-card${plan.state === 'collecting' ? '' : ' plan-card--done'}`}
      onClick={() => Taro.navigateTo({ url: PLAN_ROUTES.detail(plan.id) })}
    >
      <View className='plan-card__head'>
        <Text className='plan-card__title'>{plan.title}</Text>
        <PlanStateBadge state={plan.state} />
      </View>
      <View className='plan-card__grid'>{plan.gridName}</View>
      <View className='plan-card__counts'>{countsLabel(plan.ideaCount, plan.adoptedCount)}</View>
    </View>
  )
}
