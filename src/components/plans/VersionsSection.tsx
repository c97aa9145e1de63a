import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Cell, Popup } from '@nutui/nutui-react-taro'
import type { PlanVersion } from '../../../types'
import { formatTime } from '../../utils/time'
import './VersionsSection.scss'

/** 历史版本: the earlier drafts of a plan, newest first; a tap shows that draft in a popup. */
export function VersionsSection({ versions }: { versions: PlanVersion[] }) {
  const [open, setOpen] = useState<PlanVersion | null>(null)
  if (versions.length === 0) return null
  return (
    <View className='plan-versions'>
      <View className='section-title'>历史版本</View>
      <Cell.Group>
        {versions.map((v) => (
          <Cell
            key={v.version}
            title={`第 ${v.version} 版`}
            description={v.title}
            extra={formatTime(v.savedAt, 'M月D日 HH:mm')}
            clickable
            onClick={() => setOpen(v)}
          />
        ))}
      </Cell.Group>
      <Popup
        visible={open !== null}
        position='bottom'
        round
        closeable
        title={open ? `第 ${open.version} 版 · ${formatTime(open.savedAt, 'M月D日 HH:mm')}` : ''}
        onClose={() => setOpen(null)}
      >
        {open && (
          <View className='plan-versions__popup'>
            <Text className='plan-versions__title'>{open.title}</Text>
            <Text className='plan-versions__draft'>{open.draft}</Text>
          </View>
        )}
      </Popup>
    </View>
  )
}
