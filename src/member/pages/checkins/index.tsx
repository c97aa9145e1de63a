import { useCallback, useEffect, useRef, useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Empty } from '../../../components/Empty'
import type { CheckInRecord } from '../../../../types'
import { LoadingCards, PageState } from '../../../components/PageState'
import { ensureIdentity, handleAuthError } from '../../../hooks/useSession'
import { call, messageOf } from '../../../services/call'
import { METHOD_LABELS, verificationText } from '../../../utils/checkin'
import { ROUTES } from '../../../utils/routes'
import { formatTime } from '../../../utils/time'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import { StatusTag } from '../../../components/StatusTag'
import { CHECKIN_TONE } from '../../../utils/status-colours'
import './index.scss'

interface History {
  items: CheckInRecord[]
  loading: boolean
  loadingMore: boolean
  error: string | null
  hasMore: boolean
  refresh: () => Promise<void>
  loadMore: () => Promise<void>
}

/** `checkin.mine`, page by page with the server's cursor. */
function useHistory(): History {
  const [items, setItems] = useState<CheckInRecord[]>([])
  const [cursor, setCursor] = useState<string | undefined>()
  const [loaded, setLoaded] = useState(false)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const busy = useRef(false)

  const refresh = useCallback(async () => {
    if (!ensureIdentity()) return
    try {
      const page = await call('checkin.mine', {})
      setItems(page.items)
      setCursor(page.nextCursor)
      setError(null)
    } catch (err) {
      handleAuthError(err)
      setError(messageOf(err))
    } finally {
      setLoaded(true)
    }
  }, [])

  const loadMore = useCallback(async () => {
    if (!cursor || busy.current) return
    busy.current = true
    setLoadingMore(true)
    try {
      const page = await call('checkin.mine', { cursor })
      setItems((old) => [...old, ...page.items])
      setCursor(page.nextCursor)
    } catch (err) {
      setError(messageOf(err))
    } finally {
      busy.current = false
      setLoadingMore(false)
    }
  }, [cursor])

  useEffect(() => {
    void refresh()
  }, [refresh])

  return { items, loading: !loaded, loadingMore, error, hasMore: Boolean(cursor), refresh, loadMore }
}

function Row({ item }: { item: CheckInRecord }) {
  return (
    <View className='card checkins__row'>
      <View className='checkins__head'>
        <StatusTag tone={CHECKIN_TONE}>{METHOD_LABELS[item.method]}</StatusTag>
        <View className='muted'>{formatTime(item.at)}</View>
      </View>
      {item.summonTitle && <View className='checkins__summon'>{item.summonTitle}</View>}
      <View className='checkins__grid'>{item.gridName}</View>
      <View className='muted'>{verificationText(item.verifiedBy)}</View>
    </View>
  )
}

export default function CheckinsPage() {
  const history = useHistory()
  useReachBottom(() => void history.loadMore())
  usePullDownRefresh(() => {
    void history.refresh().finally(() => Taro.stopPullDownRefresh())
  })

  return (
    <View className='page checkins'>
      <PageState
        loading={history.loading}
        error={history.items.length ? null : history.error}
        onRetry={() => void history.refresh()}
      >
        {history.items.length === 0 ? (
          <Empty title='还没有报到记录' description='到网格阵地扫报到海报码，或在活动现场扫签到码，记录会出现在这里。'>
            <Button type='primary' onClick={() => Taro.switchTab({ url: ROUTES.checkin })}>
              去扫码报到
            </Button>
          </Empty>
        ) : (
          <>
            {history.items.map((item) => (
              <Row key={item.id} item={item} />
            ))}
            {history.loadingMore && <LoadingCards count={1} />}
            {history.hasMore && !history.loadingMore && (
              <Button className='checkins__more' fill='none' block onClick={() => void history.loadMore()}>
                加载更多
              </Button>
            )}
            {!history.hasMore && <View className='muted checkins__end'>没有更早的记录了</View>}
          </>
        )}
      </PageState>
      <PrivacyConsent />
    </View>
  )
}
