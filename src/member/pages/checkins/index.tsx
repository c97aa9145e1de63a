import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Empty } from '../../../components/Empty'
import type { CheckInRecord } from '../../../../types'
import { LoadingCards, PageState } from '../../../components/PageState'
import { useCursorFeed } from '../../../hooks/useCursorFeed'
import { call } from '../../../services/call'
import { METHOD_LABELS, verificationText } from '../../../utils/checkin'
import { ROUTES } from '../../../utils/routes'
import { formatTime } from '../../../utils/time'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import { StatusTag } from '../../../components/StatusTag'
import { CHECKIN_TONE } from '../../../utils/status-colours'
import './index.scss'

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
  const history = useCursorFeed((cursor) => call('checkin.mine', cursor ? { cursor } : {}), 'checkins')
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
