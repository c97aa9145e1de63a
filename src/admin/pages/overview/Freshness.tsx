import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useAction } from '../../../hooks/useAction'
import { showSuccess } from '../../../utils/toast'
import { loadOverview, type Overview } from './load'

/** How old the figures are: 「刚刚」, 「5 分钟前」, 「2 小时前」, 「3 天前」. */
export function ageText(asOf: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(asOf)) / 60_000))
  if (minutes < 1) return '刚刚'
  if (minutes < 60) return `${minutes} 分钟前`
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} 小时前`
  return `${Math.floor(minutes / (24 * 60))} 天前`
}

/** When the figures were computed, and 刷新 to compute them now. */
export function Freshness({ overview, onRefreshed }: { overview: Overview; onRefreshed: (o: Overview) => void }) {
  const [busy, run] = useAction()
  const refresh = () =>
    run(async () => {
      onRefreshed(await loadOverview(true))
      showSuccess('已更新到最新')
    })
  return (
    <View className='overview__freshness'>
      <View className='muted overview__as-of'>数据更新于{ageText(overview.asOf, overview.loadedAt)}</View>
      <Button className='overview__refresh' size='small' fill='outline' loading={busy} onClick={refresh}>
        刷新
      </Button>
    </View>
  )
}
