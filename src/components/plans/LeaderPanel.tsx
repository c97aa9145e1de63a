import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, Dialog } from '@nutui/nutui-react-taro'
import type { PlanDetail } from '../../../types'
import { failureOf } from '../../hooks/useAction'
import { call } from '../../services/call'
import { PLAN_ROUTES } from '../../utils/plans'
import { SUMMON_ROUTES } from '../../utils/summons'
import { showError, showSuccess } from '../../utils/toast'
import './LeaderPanel.scss'

interface Props {
  plan: PlanDetail
  onChanged: () => void
}

/** For the plan's leaders, at the top: what waits for them, 编辑方案, 定稿, then 据此发布召集令. */
export function LeaderPanel({ plan, onChanged }: Props) {
  const [confirming, setConfirming] = useState(false)
  const finalized = plan.state === 'finalized'

  const finalize = async () => {
    try {
      await call('plans.finalize', { planId: plan.id })
      showSuccess('已定稿')
      onChanged()
    } catch (err) {
      // The confirm dialog stays open on a failure (its onConfirm rejects), so this is not useAction.
      showError(failureOf(err))
      throw err
    }
  }

  return (
    <View className='card leader-panel'>
      <View className='leader-panel__awaiting'>
        <Text className='leader-panel__label'>待处理</Text>
        <Text className={`leader-panel__count${plan.awaiting ? ' leader-panel__count--on' : ''}`}>{plan.awaiting}</Text>
        <Text className='muted leader-panel__hint'>
          {plan.awaiting ? '条建议等你审核或回复采纳情况' : '每条建议都已回复，辛苦了'}
        </Text>
      </View>
      <View className='leader-panel__actions'>
        {finalized && plan.summons?.length ? (
          <View className='leader-panel__published'>
            <Text className='muted'>已据此发布召集令：</Text>
            <Cell.Group>
              {plan.summons.map((s) => (
                <Cell
                  key={s.id}
                  title={s.title}
                  clickable
                  onClick={() => Taro.navigateTo({ url: SUMMON_ROUTES.detail(s.id) })}
                />
              ))}
            </Cell.Group>
            <Button fill='outline' block onClick={() => Taro.navigateTo({ url: PLAN_ROUTES.summonFromPlan(plan) })}>
              再发一条召集令
            </Button>
          </View>
        ) : finalized ? (
          <Button type='primary' block onClick={() => Taro.navigateTo({ url: PLAN_ROUTES.summonFromPlan(plan) })}>
            据此发布召集令
          </Button>
        ) : (
          <>
            <Button fill='outline' onClick={() => Taro.navigateTo({ url: PLAN_ROUTES.edit(plan.id) })}>
              编辑方案
            </Button>
            <Button type='primary' onClick={() => setConfirming(true)}>
              定稿
            </Button>
          </>
        )}
      </View>
      <Dialog
        visible={confirming}
        title='确认定稿？'
        content='定稿后不再收集新建议，方案也不能再修改；之后可以据此发布召集令。已提的建议仍可回复采纳情况。'
        confirmText='确认定稿'
        cancelText='再想想'
        onConfirm={finalize}
        onCancel={() => setConfirming(false)}
        onClose={() => setConfirming(false)}
      />
    </View>
  )
}
