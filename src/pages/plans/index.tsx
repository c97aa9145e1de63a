import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Button, Loading, Toast } from '@nutui/nutui-react-taro'
import { Empty } from '../../components/Empty'
import { PageState } from '../../components/PageState'
import { PlanCard } from '../../components/plans/PlanCard'
import { usePlanFeed, type PlanFeed } from '../../hooks/usePlanFeed'
import { useMe } from '../../hooks/useSession'
import { useShownAgain } from '../../hooks/useShownAgain'
import { PLAN_ROUTES } from '../../utils/plans'
import { ROUTES } from '../../utils/routes'
import { TOAST_ID } from '../../utils/toast'
import { PrivacyConsent } from '../../components/PrivacyConsent'
import './index.scss'

function FeedFooter({ feed }: { feed: PlanFeed }) {
  if (feed.loadingMore) {
    return (
      <View className='plans__more'>
        <Loading>加载中…</Loading>
      </View>
    )
  }
  if (feed.hasMore) {
    return (
      <View className='plans__more' onClick={() => feed.loadMore()}>
        上拉或点此加载更多
      </View>
    )
  }
  return <View className='plans__more'>没有更多了</View>
}

function NoPlans({ canPublish }: { canPublish: boolean }) {
  if (canPublish) {
    return <Empty title='还没有方案' description='把下一次活动的主题或初步方案发出来，听听圈友们的建议。' />
  }
  return (
    <Empty
      title='还没有方案在征集建议'
      description='网格骨干发布活动方案后会出现在这里，你可以提建议，也能看到建议是否被采纳。'
    >
      <Button type='primary' size='small' onClick={() => Taro.navigateTo({ url: ROUTES.grids })}>
        去网格目录看看
      </Button>
    </Empty>
  )
}

/** The 方案 tab: plans of my grids first, then the district's; leaders can publish one. */
export default function PlansPage() {
  const me = useMe()
  const feed = usePlanFeed()
  const roles = me.data?.roles
  const canPublish = Boolean(roles && (roles.admin || roles.leaderOf.length > 0))

  usePullDownRefresh(() => {
    feed.refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    feed.loadMore()
  })
  // Back from a plan: its counts may have changed.
  useShownAgain(() => feed.refresh())

  return (
    <View className='page plans'>
      {canPublish && (
        <Button
          className='plans__publish'
          type='primary'
          fill='outline'
          block
          onClick={() => Taro.navigateTo({ url: PLAN_ROUTES.publish() })}
        >
          发布方案
        </Button>
      )}
      <PageState loading={feed.loading} error={feed.error} onRetry={() => feed.refresh()}>
        {feed.items.length === 0 ? (
          <NoPlans canPublish={canPublish} />
        ) : (
          <>
            {feed.items.map((plan) => (
              <PlanCard key={plan.id} plan={plan} />
            ))}
            <FeedFooter feed={feed} />
          </>
        )}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
