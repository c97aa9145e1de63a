import { useState } from 'react'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { ExportKind } from '../../../../types'
import { useAction } from '../../../hooks/useAction'
import { call } from '../../../services/call'
import { saveCsv } from '../../../services/csvFile'
import { showSuccess } from '../../../utils/toast'

const EXPORTS: { kind: ExportKind; label: string }[] = [
  { kind: 'grids', label: '网格考核表' },
  { kind: 'checkins', label: '签到记录' },
  { kind: 'signups', label: '报名记录' },
]

/** The member closed the share sheet: nothing went wrong. */
const cancelled = (err: unknown) => err instanceof Error && /cancel/i.test(err.message)

/** 导出考核数据: one CSV at a time, downloaded in H5 and sent to a chat in the mini program. */
export function ExportSection() {
  const [busy, run] = useAction()
  const [kind, setKind] = useState<ExportKind | null>(null)
  const exportCsv = (wanted: ExportKind) =>
    run(async () => {
      setKind(wanted)
      try {
        const file = await call('stats.export', { kind: wanted })
        const how = await saveCsv(file).catch((err: unknown) => {
          if (cancelled(err)) return null
          throw err
        })
        if (how && how !== 'copied') showSuccess(how === 'downloaded' ? '已开始下载' : '已发送')
      } finally {
        setKind(null)
      }
    })
  return (
    <View className='card overview__export'>
      <View className='overview__card-title'>导出考核数据</View>
      <View className='muted'>CSV 文件，可用 Excel 或 WPS 打开。小程序里会发送到聊天，请在电脑上打开。</View>
      <View className='overview__export-buttons'>
        {EXPORTS.map((e) => (
          <Button
            key={e.kind}
            className={`overview__export-${e.kind}`}
            type='primary'
            fill='outline'
            size='small'
            loading={busy && kind === e.kind}
            disabled={busy && kind !== e.kind}
            onClick={() => exportCsv(e.kind)}
          >
            {e.label}
          </Button>
        ))}
      </View>
    </View>
  )
}
