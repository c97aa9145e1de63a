import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Tag } from '@nutui/nutui-react-taro'
import type { GridSummary } from '../../types'
import { KIND_LABELS } from '../utils/labels'
import { ROUTES } from '../utils/routes'
import { FourOnesBadges } from './FourOnesBadges'
import { BRAND } from '../utils/theme'
import './GridCard.scss'

interface Props {
  grid: GridSummary
  townName?: string
}

/** One grid in a list; tap opens the grid page. */
export function GridCard({ grid, townName }: Props) {
  const open = () => Taro.navigateTo({ url: ROUTES.grid(grid.id) })
  return (
    <View className='card grid-card' onClick={open}>
      <View className='grid-card__head'>
        <Text className='grid-card__name'>{grid.name}</Text>
        <Tag plain background={BRAND}>
          {KIND_LABELS[grid.kind]}
        </Tag>
      </View>
      <View className='grid-card__meta muted'>
        {townName ? `${townName} · ` : ''}成员 {grid.memberCount} 人
      </View>
      <FourOnesBadges fourOnes={grid.fourOnes} />
    </View>
  )
}
