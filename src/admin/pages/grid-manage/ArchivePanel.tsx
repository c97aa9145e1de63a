import { useState } from 'react'
import { View } from '@tarojs/components'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import type { Grid } from '../../../../types'
import { useAction } from '../../../hooks/useAction'
import { call } from '../../../services/call'
import { formatTime } from '../../../utils/time'
import { showSuccess } from '../../../utils/toast'

/** 停用网格 / 恢复网格, for admins: an archived grid leaves the lists and its poster, its history stays. */
export function ArchivePanel({ grid, onChanged }: { grid: Grid; onChanged: (grid: Grid) => void }) {
  const [asking, setAsking] = useState(false)
  const [busy, run] = useAction()
  const archived = Boolean(grid.archivedAt)
  const change = () =>
    run(async () => {
      setAsking(false)
      const next = await call('grids.archive', { gridId: grid.id, archived: !archived })
      showSuccess(archived ? '已恢复' : '已停用')
      onChanged(next)
    })
  return (
    <View className='manage__archive'>
      <View className='section-title'>网格状态</View>
      <View className='muted'>
        {archived
          ? `已于 ${formatTime(grid.archivedAt!, 'YYYY年M月D日')} 停用：不在网格目录里，海报不能报到；报到和活动记录都还在。`
          : '停用后网格不再出现在目录和统计列表里，海报不能再报到；已有的报到和活动记录都保留，可以随时恢复。'}
      </View>
      <Button
        className='manage__archive-button'
        block
        fill='outline'
        type={archived ? 'primary' : 'danger'}
        loading={busy}
        onClick={() => (archived ? change() : setAsking(true))}
      >
        {archived ? '恢复网格' : '停用网格'}
      </Button>
      <Dialog
        visible={asking}
        title='停用这个网格？'
        content={`「${grid.name}」的海报将不能再报到，网格目录里也不再显示。记录都会保留。`}
        confirmText='确认停用'
        cancelText='再想想'
        onConfirm={change}
        onCancel={() => setAsking(false)}
      />
    </View>
  )
}
