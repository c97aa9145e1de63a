import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button, Cell, Tabs, Toast } from '@nutui/nutui-react-taro'
import type { GridCheckInRow } from '../../../../types'
import { Empty } from '../../../components/Empty'
import { PageState } from '../../../components/PageState'
import { useCursorFeed, type CursorFeed } from '../../../hooks/useCursorFeed'
import { call } from '../../../services/call'
import { formatTime } from '../../../utils/time'
import { TOAST_ID } from '../../../utils/toast'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import './index.scss'

type Tab = 'members' | 'checkins'

const METHOD_LABELS: Record<GridCheckInRow['method'], string> = { poster: '海报报到', live: '活动签到' }

function MoreButton<T>({ feed }: { feed: CursorFeed<T & { id: string }> }) {
  if (!feed.hasMore) return null
  return (
    <Button className='grid-people__more' block fill='outline' loading={feed.loadingMore} onClick={feed.loadMore}>
      加载更多
    </Button>
  )
}

function Members({ gridId }: { gridId: string }) {
  const feed = useCursorFeed(async (cursor?: string) => {
    const page = await call('grids.members', { gridId, ...(cursor ? { cursor } : {}) })
    return { ...page, items: page.items.map((m) => ({ ...m, id: `${m.joinedAt}|${m.name}` })) }
  }, `members:${gridId}`)
  return (
    <PageState loading={feed.loading} error={feed.error} onRetry={feed.refresh} cards={2}>
      {feed.items.length === 0 ? (
        <Empty title='还没有成员' description='青年到阵地扫海报码报到，就会成为网格的成员。' />
      ) : (
        <Cell.Group>
          {feed.items.map((m) => (
            <Cell
              key={m.id}
              title={m.name}
              extra={<Text className='grid-people__when'>{formatTime(m.joinedAt, 'YYYY年M月D日')} 加入</Text>}
            />
          ))}
        </Cell.Group>
      )}
      <MoreButton feed={feed} />
    </PageState>
  )
}

function CheckIns({ gridId }: { gridId: string }) {
  const feed = useCursorFeed(
    (cursor?: string) => call('grids.checkins', { gridId, ...(cursor ? { cursor } : {}) }),
    `checkins:${gridId}`,
  )
  return (
    <PageState loading={feed.loading} error={feed.error} onRetry={feed.refresh} cards={2}>
      {feed.items.length === 0 ? (
        <Empty title='还没有报到记录' description='海报报到和活动签到都会记在这里。' />
      ) : (
        <Cell.Group>
          {feed.items.map((c) => (
            <Cell
              key={c.id}
              title={c.name}
              description={c.summonTitle ? `${METHOD_LABELS[c.method]} · ${c.summonTitle}` : METHOD_LABELS[c.method]}
              extra={<Text className='grid-people__when'>{formatTime(c.at, 'M月D日 HH:mm')}</Text>}
            />
          ))}
        </Cell.Group>
      )}
      <MoreButton feed={feed} />
    </PageState>
  )
}

/** 成员与报到记录 (`?gridId=…`): the grid's members and its check-in history, for its leaders. */
export default function GridPeoplePage() {
  const { params } = useRouter()
  const gridId = params.gridId ? decodeURIComponent(params.gridId) : ''
  const [tab, setTab] = useState<Tab>(params.tab === 'checkins' ? 'checkins' : 'members')
  return (
    <View className='page grid-people'>
      <Tabs className='grid-people__tabs' value={tab} onChange={(v) => setTab(v as Tab)} activeType='line' align='left'>
        <Tabs.TabPane title='成员' value='members' />
        <Tabs.TabPane title='报到记录' value='checkins' />
      </Tabs>
      {!gridId ? (
        <Empty title='没有指定网格' description='请从网格页或「我的 · 管理中心」进入。' />
      ) : tab === 'members' ? (
        <Members gridId={gridId} />
      ) : (
        <CheckIns gridId={gridId} />
      )}
      <Toast id={TOAST_ID} />
      <PrivacyConsent />
    </View>
  )
}
