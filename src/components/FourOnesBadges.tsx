import { View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import type { FourOnes } from '../../types'
import { FOUR_ONES } from '../utils/labels'
import { MUTED, MUTED_BORDER } from '../utils/theme'
import './FourOnesBadges.scss'

/** The "四个一" as four tags: filled when in place, grey with 缺 when missing. */
export function FourOnesBadges({ fourOnes }: { fourOnes: FourOnes }) {
  return (
    <View className='four-ones'>
      {FOUR_ONES.map(({ key, label }) =>
        fourOnes[key] ? (
          <Tag key={key} type='primary' className='four-ones__tag'>
            {label}
          </Tag>
        ) : (
          <Tag
            key={key}
            plain
            background={MUTED_BORDER}
            color={MUTED}
            className='four-ones__tag four-ones__tag--missing'
          >
            缺{label}
          </Tag>
        ),
      )}
    </View>
  )
}
