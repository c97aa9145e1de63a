import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Button, Tabs } from '@nutui/nutui-react-taro'
import { Empty } from '../Empty'
import type { Me } from '../../../types'
import type { SummonScope } from '../../../types/api'
import { useShownAgain } from '../../hooks/useShownAgain'
import { useSummonFeed, type SummonFeed } from '../../hooks/useSummonFeed'
import { ROUTES } from '../../utils/routes'
import { SUMMON_ROUTES } from '../../utils/summons'
import { LoadingCards, PageState } from '../PageState'
import { SummonCard } from './SummonCard'
import './SummonList.scss'

/**
 * The tabs, each with the order the server lists it in (both adapters): 全部 looks ahead (the soonest
 * start first), 我的网格 and 已报名 look back (the latest start first). The order is said on screen.
 */
const SCOPES: { value: SummonScope; title: string; order: string }[] = [
  { value: 'open', title: '全部', order: '按开始时间排列，最先开始的在前' },
  { value: 'grid', title: '我的网格', order: '按开始时间排列，最近的在前' },
  { value: 'mine', title: '已报名', order: '按开始时间排列，最近的在前' },
]

const go = (url: string) => () => Taro.navigateTo({ url })

/** What an empty tab says, and the one thing to do next. */
function EmptyScope({ scope, me, onScope }: { scope: SummonScope; me?: Me; onScope: (s: SummonScope) => void }) {
  if (scope === 'mine') {
    return (
      <Empty title='你还没有报名' description='在「全部」里挑一个感兴趣的活动，一键就能报名。'>
        <Button type='primary' size='small' onClick={() => onScope('open')}>
          去看看召集令
        </Button>
      </Empty>
    )
  }
  if (scope === 'grid' && me && me.grids.length === 0 && me.roles.leaderOf.length === 0) {
    return (
      <Empty title='你还没有加入网格' description='到网格阵地扫海报码报到，就能在这里看到网格发布的召集令。'>
        <Button type='primary' size='small' onClick={go(ROUTES.grids)}>
          去网格目录
        </Button>
      </Empty>
    )
  }
  if (scope === 'grid') {
    return (
      <Empty title='你的网格还没有召集令' description='网格长发布后会第一时间出现在这里，先到「全部」看看吧。'>
        <Button type='primary' size='small' onClick={() => onScope('open')}>
          看全部召集令
        </Button>
      </Empty>
    )
  }
  return (
    <Empty
      title='暂时没有进行中的召集令'
      description='网格和团组织发布活动后会出现在这里。先去网格目录找到你所在的网格吧。'
    >
      <Button type='primary' size='small' onClick={go(ROUTES.grids)}>
        去网格目录
      </Button>
    </Empty>
  )
}

function FeedFooter({ feed }: { feed: SummonFeed }) {
  if (feed.loadingMore) return <LoadingCards count={1} />
  if (feed.hasMore) {
    return (
      <View className='summon-list__more' onClick={() => feed.loadMore()}>
        上拉或点此加载更多
      </View>
    )
  }
  return <View className='summon-list__more'>没有更多了</View>
}

interface Props {
  /** The signed-in user, for the 发布召集令 button and the empty states. */
  me?: Me
  now?: Date
}

/**
 * The home tab's content: 全部 · 我的网格 · 已报名, a card per summon, pull to refresh, the next page
 * on reaching the bottom. Leaders and admins get a 发布召集令 button.
 */
export function SummonList({ me, now }: Props) {
  const [scope, setScope] = useState<SummonScope>('open')
  const feed = useSummonFeed(scope)
  const canPublish = Boolean(me && (me.roles.admin || me.roles.leaderOf.length > 0))

  usePullDownRefresh(() => {
    feed.refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    feed.loadMore()
  })
  // Back from a detail page: sign-ups and counts may have changed.
  useShownAgain(() => feed.refresh())

  return (
    <View className='summon-list'>
      <View className='summon-list__bar'>
        <Tabs
          className='summon-list__tabs'
          value={scope}
          onChange={(v) => setScope(v as SummonScope)}
          activeType='line'
          align='left'
        >
          {SCOPES.map((s) => (
            <Tabs.TabPane key={s.value} title={s.title} value={s.value} />
          ))}
        </Tabs>
      </View>
      <View className='page summon-list__body'>
        {canPublish && (
          <Button
            className='summon-list__publish'
            type='primary'
            fill='outline'
            block
            onClick={go(SUMMON_ROUTES.publish)}
          >
            发布召集令
          </Button>
        )}
        <PageState loading={feed.loading} error={feed.error} onRetry={() => feed.refresh()}>
          {feed.items.length > 0 && (
            <View className='muted summon-list__order'>{SCOPES.find((s) => s.value === scope)?.order}</View>
          )}
          {feed.items.length === 0 ? (
            <EmptyScope scope={scope} me={me} onScope={setScope} />
          ) : (
            <>
              {feed.items.map((item) => (
                <SummonCard key={item.id} summon={item} now={now} />
              ))}
              <FeedFooter feed={feed} />
            </>
          )}
        </PageState>
      </View>
    </View>
  )
}
