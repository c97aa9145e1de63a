import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { Button, Segmented, Toast } from '@nutui/nutui-react-taro'
import { Empty } from '../../../components/Empty'
import type { Idea, PlanDetail } from '../../../../types'
import { PageState } from '../../../components/PageState'
import { DecisionFlow } from '../../../components/plans/DecisionFlow'
import { IdeaComposer } from '../../../components/plans/IdeaComposer'
import { IdeaItem } from '../../../components/plans/IdeaItem'
import { LeaderPanel } from '../../../components/plans/LeaderPanel'
import { PlanStateBadge } from '../../../components/plans/PlanStateBadge'
import { VersionsSection } from '../../../components/plans/VersionsSection'
import { handleAuthError, useRemote } from '../../../hooks/useSession'
import { call, messageOf } from '../../../services/call'
import { PLAN_ROUTES, windowLabel } from '../../../utils/plans'
import { showError, showSuccess, TOAST_ID } from '../../../utils/toast'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import shareImage from '../../assets/share/plan.png'
import './index.scss'

type Sort = 'newest' | 'likes'

const SORTS = [
  { label: '最新', value: 'newest' },
  { label: '最热', value: 'likes' },
]

function NoPlan() {
  return (
    <View className='page'>
      <Empty title='没有指定方案' description='从方案列表里选一个看看吧。'>
        <Button type='primary' onClick={() => Taro.switchTab({ url: PLAN_ROUTES.list })}>
          去方案列表
        </Button>
      </Empty>
    </View>
  )
}

function PlanHeader({ plan }: { plan: PlanDetail }) {
  return (
    <View className='card plan-head'>
      <View className='plan-head__top'>
        <Text className='plan-head__title'>{plan.title}</Text>
        <PlanStateBadge state={plan.state} />
      </View>
      <View className='plan-head__grid'>{plan.gridName}</View>
      <View className='muted plan-head__window'>
        {windowLabel(plan)}
        {plan.version > 1 ? ` · 第 ${plan.version} 版` : ''}
      </View>
      <Text className='plan-head__draft'>{plan.draft}</Text>
    </View>
  )
}

/**
 * Ideas with the like a tap just made, rolled back when the server says no. The plan brings the first page;
 * 加载更多 appends the next ones (skipping any already shown, in case new ideas moved the pages).
 */
function useIdeas(plan: PlanDetail | undefined, sort: Sort) {
  const [ideas, setIdeas] = useState<Idea[]>([])
  const [cursor, setCursor] = useState<string | undefined>()
  const [loadingMore, setLoadingMore] = useState(false)
  const liking = useRef(new Set<string>())
  useEffect(() => {
    setIdeas(plan?.ideas ?? [])
    setCursor(plan?.nextCursor)
  }, [plan])

  const more = async () => {
    if (!plan || !cursor || loadingMore) return
    setLoadingMore(true)
    try {
      const next = await call('plans.get', { planId: plan.id, sort, cursor })
      setIdeas((all) => [...all, ...next.ideas.filter((i) => !all.some((a) => a.id === i.id))])
      setCursor(next.nextCursor)
    } catch (err) {
      handleAuthError(err)
      showError(messageOf(err))
    } finally {
      setLoadingMore(false)
    }
  }

  const patch = (id: string, change: Partial<Idea>) =>
    setIdeas((all) => all.map((i) => (i.id === id ? { ...i, ...change } : i)))

  const like = async (idea: Idea) => {
    if (liking.current.has(idea.id)) return
    liking.current.add(idea.id)
    const wanted = !idea.likedByMe
    patch(idea.id, { likedByMe: wanted, likes: Math.max(0, idea.likes + (wanted ? 1 : -1)) })
    try {
      patch(idea.id, await call('plans.likeIdea', { ideaId: idea.id, like: wanted }))
    } catch (err) {
      handleAuthError(err)
      patch(idea.id, { likedByMe: idea.likedByMe, likes: idea.likes })
      showError(messageOf(err))
    } finally {
      liking.current.delete(idea.id)
    }
  }

  const put = (idea: Idea) =>
    setIdeas((all) =>
      all.some((i) => i.id === idea.id) ? all.map((i) => (i.id === idea.id ? idea : i)) : [idea, ...all],
    )

  return { ideas, like, put, more: cursor ? more : undefined, loadingMore }
}

interface IdeasHeaderProps {
  count: number
  adopted?: number
  sort: Sort
  onSort: (s: Sort) => void
}

/** `建议 N`: the plan's public ideas, as the plan list counts them (not the ideas loaded so far). */
function IdeasHeader({ count, adopted, sort, onSort }: IdeasHeaderProps) {
  return (
    <View className='plan-ideas__head'>
      <Text className='section-title plan-ideas__title'>建议 {count}</Text>
      {adopted !== undefined && <Text className='muted plan-ideas__adopted'>已采纳 {adopted}</Text>}
      {/* Segmented puts no className on its root: the wrapper carries the colours. */}
      <View className='plan-ideas__sort'>
        <Segmented options={SORTS} value={sort} onChange={(value) => onSort(value as Sort)} />
      </View>
    </View>
  )
}

interface BodyProps {
  plan: PlanDetail
  sort: Sort
  onSort: (sort: Sort) => void
  reload: () => void
}

function PlanBody({ plan, sort, onSort, reload }: BodyProps) {
  const { ideas, like, put, more, loadingMore } = useIdeas(plan, sort)
  const [deciding, setDeciding] = useState<Idea | null>(null)
  const review = async (idea: Idea, approve: boolean) => {
    try {
      put(await call('plans.reviewIdea', { ideaId: idea.id, approve }))
      showSuccess(approve ? '已通过，大家都能看到了' : '已设为不通过')
      reload()
    } catch (err) {
      handleAuthError(err)
      showError(messageOf(err))
    }
  }

  const manage = plan.canManage
  return (
    <>
      {manage && <LeaderPanel plan={plan} onChanged={reload} />}
      <PlanHeader plan={plan} />
      <VersionsSection versions={plan.versions} />
      <IdeasHeader
        count={plan.ideaCount ?? ideas.filter((i) => i.status === 'visible').length}
        adopted={plan.adoptedCount}
        sort={sort}
        onSort={onSort}
      />
      {plan.state === 'collecting' ? (
        <IdeaComposer
          planId={plan.id}
          onAdded={(idea) => {
            put(idea)
            reload()
          }}
          onClosed={reload}
        />
      ) : (
        <View className='muted plan-ideas__closed'>
          {plan.state === 'finalized' ? '方案已定稿，不再收集新建议。' : '建议征集已截止，感谢大家的参与。'}
        </View>
      )}
      {ideas.length === 0 ? (
        <Empty
          className='plan-ideas__empty'
          title='还没有建议'
          description={plan.state === 'collecting' ? '来提第一条建议吧。' : '这个方案没有收到建议。'}
        />
      ) : (
        ideas.map((idea) => (
          <IdeaItem
            key={idea.id}
            idea={idea}
            onLike={like}
            onDecide={manage ? setDeciding : undefined}
            onReview={manage ? review : undefined}
          />
        ))
      )}
      {more && (
        <View className='plan-ideas__more'>
          <Button fill='outline' loading={loadingMore} onClick={() => void more()}>
            加载更多
          </Button>
        </View>
      )}
      {manage && (
        <DecisionFlow
          idea={deciding}
          onClose={() => setDeciding(null)}
          onReplied={(idea) => {
            put(idea)
            showSuccess('已回复')
            reload()
          }}
        />
      )}
    </>
  )
}

/** A plan: the draft, its history and the ideas; leaders answer each idea and finalize the plan. */
export default function PlanPage() {
  const { params } = useRouter()
  const planId = params.id ? decodeURIComponent(params.id) : ''
  const [sort, setSort] = useState<Sort>('newest')
  // A new sort keeps the current ideas on screen until the re-sorted ones arrive.
  const remote = useRemote(
    () => (planId ? call('plans.get', { planId, sort }) : Promise.reject(new Error('没有指定方案'))),
    [planId, sort],
    true,
  )

  useShareAppMessage(() => ({
    title: remote.data ? `方案征集：${remote.data.title}` : '二维报到 · 方案征集',
    path: PLAN_ROUTES.detail(planId),
    imageUrl: shareImage,
  }))

  if (!planId) return <NoPlan />

  return (
    <View className='page plan'>
      <PageState loading={remote.loading} error={remote.error} onRetry={remote.reload} cards={3}>
        {remote.data && <PlanBody plan={remote.data} sort={sort} onSort={setSort} reload={remote.reload} />}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
