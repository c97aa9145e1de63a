import { Text, View } from '@tarojs/components'
import { Cell, Tag } from '@nutui/nutui-react-taro'
import type { Summon, SummonCounts } from '../../../types'
import { formatTime } from '../../utils/time'
import { gridLabel, rangeLabel } from '../../utils/summons'
import { BRAND } from '../../utils/theme'
import { Prose } from '../Prose'
import { StateBadge } from './StateBadge'
import './SummonFacts.scss'

/** What the detail page and the publish preview both show. */
export type SummonFactsInput = Pick<
  Summon,
  | 'gridId'
  | 'gridName'
  | 'title'
  | 'body'
  | 'place'
  | 'startAt'
  | 'endAt'
  | 'signUpDeadline'
  | 'capacity'
  | 'tags'
  | 'hours'
> & { state?: Summon['state'] }

function placesLabel(capacity: number | null, counts?: SummonCounts): string {
  if (!counts) return capacity === null ? '不限人数' : `${capacity} 人`
  const filled =
    capacity === null ? `已报名 ${counts.confirmed} 人（不限人数）` : `已报名 ${counts.confirmed}/${capacity}`
  return counts.waitlisted > 0 ? `${filled} · 候补 ${counts.waitlisted} 人` : filled
}

export function SummonHeader({ summon }: { summon: SummonFactsInput }) {
  return (
    <View className='card summon-facts__head'>
      <View className='summon-facts__title-row'>
        <Text className='summon-facts__title'>{summon.title}</Text>
        {summon.state && <StateBadge state={summon.state} />}
      </View>
      <View className='summon-facts__grid'>{gridLabel(summon)}</View>
      {summon.tags.length > 0 && (
        <View className='summon-facts__tags'>
          {summon.tags.map((tag) => (
            <Tag key={tag} plain background={BRAND} color={BRAND}>
              {tag}
            </Tag>
          ))}
        </View>
      )}
    </View>
  )
}

/** Time, place, deadline, places and volunteer hours as cells, then the description. */
export function SummonFacts({ summon, counts, now }: { summon: SummonFactsInput; counts?: SummonCounts; now?: Date }) {
  return (
    <>
      <Cell.Group className='summon-facts__cells'>
        <Cell
          title='时间'
          description={`${formatTime(summon.startAt, 'YYYY年M月D日 ddd')}`}
          extra={<Text className='summon-facts__strong'>{rangeLabel(summon.startAt, summon.endAt, now)}</Text>}
        />
        <Cell title='地点' extra={<Text className='summon-facts__value'>{summon.place}</Text>} />
        <Cell
          title='报名截止'
          extra={
            <Text className='summon-facts__value'>
              {summon.signUpDeadline ? formatTime(summon.signUpDeadline, 'M月D日 ddd HH:mm') : '活动开始前都可以报名'}
            </Text>
          }
        />
        <Cell
          title='名额'
          extra={<Text className='summon-facts__value'>{placesLabel(summon.capacity, counts)}</Text>}
        />
        {/* A conditional cell would leave a divider under the last one: render the group's cells as a list. */}
        {summon.hours > 0
          ? [
              <Cell
                key='hours'
                title='志愿服务 · 计入志愿时长'
                extra={<Text className='summon-facts__value'>{summon.hours} 小时</Text>}
              />,
            ]
          : []}
      </Cell.Group>
      <View className='card summon-facts__body'>
        <View className='summon-facts__body-title'>活动介绍</View>
        <Prose className='summon-facts__text' text={summon.body.trim() || '发布者没有写更多介绍。'} />
      </View>
    </>
  )
}
