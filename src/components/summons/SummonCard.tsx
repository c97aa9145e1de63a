import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { SummonListItem } from '../../../types'
import { filledLabel, gridLabel, mineMark, SUMMON_ROUTES, whenLabel } from '../../utils/summons'
import { SIGN_UP_TONE } from '../../utils/status-colours'
import { StatusTag } from '../StatusTag'
import { StateBadge } from './StateBadge'
import './SummonCard.scss'

/** One summon in a list: title, state, grid, time, place, how full it is and whether I signed up. */
export function SummonCard({ summon, now }: { summon: SummonListItem; now?: Date }) {
  const mark = mineMark(summon.mine, summon.state)
  const faded = ['ended', 'withdrawn'].includes(summon.state)
  return (
    <View
      className={`card summon-card${faded ? ' summon-card--faded' : ''}`}
      onClick={() => Taro.navigateTo({ url: SUMMON_ROUTES.detail(summon.id) })}
    >
      <View className='summon-card__head'>
        <Text className='summon-card__title'>{summon.title}</Text>
        <StateBadge state={summon.state} />
      </View>
      <View className='summon-card__grid'>{gridLabel(summon)}</View>
      <View className='summon-card__line'>
        <Text className='summon-card__label'>时间</Text>
        <Text>{whenLabel(summon.startAt, now)}</Text>
      </View>
      <View className='summon-card__line'>
        <Text className='summon-card__label'>地点</Text>
        <Text className='summon-card__place'>{summon.place}</Text>
      </View>
      <View className='summon-card__foot'>
        <Text className='summon-card__filled'>
          {filledLabel(summon.confirmed, summon.capacity)}
          {summon.waitlisted > 0 ? ` · 候补 ${summon.waitlisted}` : ''}
        </Text>
        {mark && (
          <StatusTag
            tone={
              SIGN_UP_TONE[mark === '已撤回' ? 'withdrawn' : summon.mine === 'confirmed' ? 'confirmed' : 'waitlisted']
            }
            className='summon-card__mine'
          >
            {mark}
          </StatusTag>
        )}
      </View>
    </View>
  )
}
