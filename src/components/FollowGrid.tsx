import { useState } from 'react'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { FollowState } from '../../types'
import { useRemote } from '../hooks/useSession'
import { call, messageOf } from '../services/call'
import { askForGridSummons } from '../services/subscribe'
import { showError, showSuccess } from '../utils/toast'
import './FollowGrid.scss'

/** What the member will hear of the grid's next summon, in plain words. */
export function followNote(state: FollowState): string {
  if (!state.following) return '关注后，这个网格发布新的召集令时，会通过微信服务通知发到你的手机。'
  if (state.mode === 'long_term') return '已关注：这个网格的每一条新召集令都会通知你。'
  if (state.willBeTold)
    return `已关注：接下来 ${state.banked} 条新召集令会通知你。微信每次订阅只能通知一次，可以多订阅几次。`
  return '已关注，但微信每次订阅只能通知一次，已经用完：点「订阅下一条」才会收到下一条召集令的通知。'
}

/** 关注网格动态: follow or stop, and bank one more one-time subscription per tap. */
export function FollowGrid({ gridId }: { gridId: string }) {
  const remote = useRemote(() => call('grids.following', { gridId }), [gridId])
  const [state, setState] = useState<FollowState | null>(null)
  const [busy, setBusy] = useState(false)
  const shown = state ?? remote.data
  if (!shown) return null

  const send = async (follow: boolean) => {
    setBusy(true)
    try {
      // The prompt must come straight from the tap, before any other await.
      const subscribed = follow ? await askForGridSummons() : false
      const next = await call('grids.follow', { gridId, follow, subscribed })
      setState(next)
      showSuccess(follow ? (next.willBeTold ? '会通知你' : '已关注') : '已取消关注')
    } catch (err) {
      showError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }

  const more = shown.following && shown.mode === 'one_time'
  return (
    <View className='card follow-grid'>
      <View className='follow-grid__title'>网格动态通知</View>
      <View className='muted follow-grid__note'>{followNote(shown)}</View>
      <View className='follow-grid__actions'>
        {!shown.following && (
          <Button type='primary' block loading={busy} onClick={() => send(true)}>
            关注网格动态
          </Button>
        )}
        {more && (
          <Button type='primary' block loading={busy} onClick={() => send(true)}>
            {shown.willBeTold ? '再订阅一条' : '订阅下一条'}
          </Button>
        )}
        {shown.following && (
          <Button block fill='outline' disabled={busy} onClick={() => send(false)}>
            取消关注
          </Button>
        )}
      </View>
    </View>
  )
}
