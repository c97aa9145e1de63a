import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { Button, Cell, NoticeBar, Toast } from '@nutui/nutui-react-taro'
import { Empty } from '../../../components/Empty'
import type { MySignUp, SummonDetail } from '../../../../types'
import { PageState } from '../../../components/PageState'
import { CodeEntry, codeEntryOpen } from '../../../components/summons/CodeEntry'
import { ManagePanel } from '../../../components/summons/ManagePanel'
import { PlaceActions } from '../../../components/summons/PlaceActions'
import { SignUpBar } from '../../../components/summons/SignUpBar'
import { SummonFacts, SummonHeader } from '../../../components/summons/SummonFacts'
import { useRemote } from '../../../hooks/useSession'
import { call } from '../../../services/call'
import { enableUpdatableShare } from '../../../services/share'
import shareImage from '../../assets/share/summon.png'
import { PLAN_ROUTES } from '../../../utils/plans'
import { ROUTES } from '../../../utils/routes'
import { SUMMON_ROUTES } from '../../../utils/summons'
import { TOAST_ID } from '../../../utils/toast'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import './index.scss'

/** A sign-up a tap just changed, shown at once on top of the answer it was made on. */
interface Change {
  on: SummonDetail
  mine: MySignUp
}

/** The summon with the caller's sign-up as a tap just changed it, until a newer answer replaces it. */
function withChange(summon: SummonDetail, change: Change | null): SummonDetail {
  if (!change || change.on !== summon) return summon
  return { ...summon, mine: change.mine.status === 'cancelled' ? undefined : change.mine }
}

/** A summon carrying out a plan: the plan (a tap opens it) and the members whose ideas were adopted. */
function PlanLink({ plan, credits }: { plan: { id: string; title: string }; credits: { name: string }[] }) {
  return (
    <Cell.Group className='summon__plan'>
      <Cell
        title={`据方案《${plan.title}》发布`}
        description={credits.length ? `感谢建议被采纳的 ${credits.map((c) => c.name).join('、')}` : undefined}
        clickable
        onClick={() => Taro.navigateTo({ url: PLAN_ROUTES.detail(plan.id) })}
      />
    </Cell.Group>
  )
}

function NoSummon() {
  return (
    <View className='page'>
      <Empty title='没有指定召集令' description='从召集令列表里选一条看看吧。'>
        <Button type='primary' onClick={() => Taro.switchTab({ url: ROUTES.summons })}>
          去召集令
        </Button>
      </Empty>
    </View>
  )
}

export default function SummonPage() {
  const { params } = useRouter()
  const summonId = params.id ? decodeURIComponent(params.id) : ''
  const remote = useRemote(
    () => (summonId ? call('summons.get', { summonId }) : Promise.reject(new Error('没有指定召集令'))),
    [summonId],
    true,
  )
  const [change, setChange] = useState<Change | null>(null)

  useShareAppMessage(() => ({
    title: remote.data ? `召集令：${remote.data.title}` : '二维报到 · 召集令',
    path: SUMMON_ROUTES.detail(summonId),
    imageUrl: shareImage,
  }))

  // 动态消息: once the summon is loaded (and again on each reload), the share card becomes updatable.
  const loaded = remote.data?.id
  useEffect(() => {
    if (loaded) void enableUpdatableShare(loaded)
  }, [loaded, remote.data])

  if (!summonId) return <NoSummon />

  const changed = (mine: MySignUp) => {
    if (remote.data) setChange({ on: remote.data, mine })
    remote.reload()
  }
  const summon = remote.data && withChange(remote.data, change)

  return (
    <View className='page summon'>
      <PageState loading={remote.loading} error={remote.error} onRetry={remote.reload} cards={3}>
        {summon && (
          <>
            {summon.state === 'withdrawn' && (
              <NoticeBar
                className='summon__withdrawn'
                wrap
                closeable={false}
                content={`活动已取消${summon.withdrawReason ? `：${summon.withdrawReason}` : ''}`}
              />
            )}
            <SummonHeader summon={summon} />
            <SummonFacts summon={summon} counts={summon.counts} />
            <PlaceActions summon={summon} />
            {summon.plan && <PlanLink plan={summon.plan} credits={summon.credits ?? []} />}
            {codeEntryOpen(summon) && <CodeEntry summon={summon} onDone={remote.reload} />}
            {process.env.TARO_ENV === 'weapp' && (
              <Button className='summon__share' openType='share' fill='outline' block>
                转发到微信群
              </Button>
            )}
            {summon.canManage && <ManagePanel summon={summon} onWithdrawn={remote.reload} />}
            {summon.canManage && summon.state !== 'withdrawn' && (
              <Button
                block
                fill='outline'
                type='primary'
                onClick={() => Taro.navigateTo({ url: ROUTES.liveCode(summon.id) })}
              >
                出示签到码
              </Button>
            )}
            <SignUpBar summon={summon} onChanged={changed} />
          </>
        )}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
