import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { Button, Toast } from '@nutui/nutui-react-taro'
import { Empty } from '../../../components/Empty'
import type { Idea, PlanDetail } from '../../../../types'
import { PageState } from '../../../components/PageState'
import { DecisionFlow } from '../../../components/plans/DecisionFlow'
import { IdeaComposer } from '../../../components/plans/IdeaComposer'
import { IdeaItem } from '../../../components/plans/IdeaItem'
import { LeaderPanel } from '../../../components/plans/LeaderPanel'
import { ReviewFlow, type ReviewAsk } from '../../../components/plans/ReviewFlow'
import { VersionsSection } from '../../../components/plans/VersionsSection'
import { useAction } from '../../../hooks/useAction'
import { useRemote } from '../../../hooks/useSession'
import { call } from '../../../services/call'
import { PLAN_ROUTES } from '../../../utils/plans'
import { showSuccess, TOAST_ID } from '../../../utils/toast'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import shareImage from '../../assets/share/plan.png'
import { IdeasHeader, PlanHeader } from './PlanHeader'
import { useIdeas, type Sort } from './useIdeas'
import './index.scss'

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

interface BodyProps {
  plan: PlanDetail
  sort: Sort
  onSort: (sort: Sort) => void
  reload: () => void
}

function PlanBody({ plan, sort, onSort, reload }: BodyProps) {
  const { ideas, like, put, more, loadingMore } = useIdeas(plan, sort)
  const [deciding, setDeciding] = useState<Idea | null>(null)
  const [reviewing, setReviewing] = useState<ReviewAsk | null>(null)
  const [, run] = useAction()
  // Throws on a failure (after the toast), so that the dialog stays open to try again.
  const review = async (idea: Idea, approve: boolean, reason?: string) => {
    let failed = true
    await run(async () => {
      put(await call('plans.reviewIdea', { ideaId: idea.id, approve, ...(reason ? { reason } : {}) }))
      failed = false
      setReviewing(null)
      showSuccess(approve ? '已通过，大家都能看到了' : '已设为不通过，已告诉作者')
      reload()
    })
    if (failed) throw new Error('review failed')
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
            onReview={manage ? (i, approve) => setReviewing({ idea: i, approve }) : undefined}
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
      {manage && <ReviewFlow ask={reviewing} onClose={() => setReviewing(null)} onReview={review} />}
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
