import { View } from '@tarojs/components'
import type { FourOnes } from '../../types'
import { FOUR_ONES } from '../utils/labels'
import { FOUR_ONES_TONE } from '../utils/status-colours'
import { StatusTag } from './StatusTag'
import './FourOnesBadges.scss'

/** The "四个一" as four tags: green when in place, grey outlined with 缺 when missing. */
export function FourOnesBadges({ fourOnes }: { fourOnes: FourOnes }) {
  return (
    <View className='four-ones'>
      {FOUR_ONES.map(({ key, label }) =>
        fourOnes[key] ? (
          <StatusTag key={key} tone={FOUR_ONES_TONE.present} className='four-ones__tag'>
            {label}
          </StatusTag>
        ) : (
          <StatusTag key={key} tone={FOUR_ONES_TONE.missing} className='four-ones__tag four-ones__tag--missing'>
            缺{label}
          </StatusTag>
        ),
      )}
    </View>
  )
}
