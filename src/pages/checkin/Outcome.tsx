import { View } from '@tarojs/components'
import { Button, Cell } from '@nutui/nutui-react-taro'
import { StatusTag } from '../../components/StatusTag'
import { UPLOAD_TONE } from '../../utils/status-colours'
import { CheckinRefused, CheckinSuccess } from '../../components/checkin/CheckinResult'
import type { Checkin } from '../../hooks/useCheckin'
import { codeKind } from '../../services/codes'
import type { PendingScan } from '../../services/offlineQueue'
import { formatTime } from '../../utils/time'

/** The scans kept on the phone until the network is back. */
export function PendingList({ pending, onRetry }: { pending: PendingScan[]; onRetry: () => void }) {
  if (pending.length === 0) return null
  return (
    <View className='checkin-pending'>
      <View className='section-title'>待上传</View>
      <Cell.Group>
        {pending.map((scan) => (
          <Cell
            key={scan.requestId}
            title={codeKind(scan.code) === 'live' ? '活动签到' : '网格报到'}
            description={`扫码时间 ${formatTime(scan.scannedAt, 'M月D日 HH:mm')} · 网络恢复后自动上传`}
            extra={<StatusTag tone={UPLOAD_TONE.queued}>待上传</StatusTag>}
          />
        ))}
      </Cell.Group>
      <Button className='checkin-pending__retry' size='small' fill='outline' onClick={onRetry}>
        现在重试
      </Button>
    </View>
  )
}

/** What came of the last scan. */
export function Outcome({ flow }: { flow: Checkin }) {
  const { view, reset } = flow
  if (view.kind === 'sending') return <View className='card checkin-sending'>正在报到…</View>
  if (view.kind === 'done') return <CheckinSuccess result={view.result} onAgain={reset} />
  if (view.kind === 'refused') return <CheckinRefused code={view.code} message={view.message} onAgain={reset} />
  if (view.kind === 'queued') {
    return (
      <View className='card checkin-queued'>
        <View className='checkin-queued__title'>已记下，待上传</View>
        <View className='muted'>网络不太顺畅，这次扫码已保存在手机上，网络恢复后会自动上传，不会重复计算。</View>
      </View>
    )
  }
  return null
}
