import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Cell, Dialog, TextArea } from '@nutui/nutui-react-taro'
import type { SummonDetail } from '../../../types'
import { useAction } from '../../hooks/useAction'
import { call, messageOf } from '../../services/call'
import { SUMMON_ROUTES } from '../../utils/summons'
import { showSuccess } from '../../utils/toast'
import './ManagePanel.scss'

const REASON_MAX = 100

/** For the summon's leaders (and admins): the roster, and withdrawing with a reason. */
export function ManagePanel({ summon, onWithdrawn }: { summon: SummonDetail; onWithdrawn: () => void }) {
  const [asking, setAsking] = useState(false)
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  // The reason's dialog stays open and says what went wrong, beside the toast.
  const [, run] = useAction({ onError: (err) => setProblem(messageOf(err)) })
  const withdrawable = summon.state !== 'ended' && summon.state !== 'withdrawn'
  const { confirmed, waitlisted } = summon.counts

  const withdraw = async () => {
    const text = reason.trim()
    if (!text) {
      setProblem('请写一句撤回的原因，报名的人会看到')
      return
    }
    await run(async () => {
      await call('summons.withdraw', { summonId: summon.id, reason: text })
      setAsking(false)
      showSuccess('已撤回')
      onWithdrawn()
    })
  }

  return (
    <View className='manage-panel'>
      <View className='section-title'>管理</View>
      <Cell.Group>
        <Cell
          title='报名名单'
          description={`已报名 ${confirmed} 人${waitlisted ? ` · 候补 ${waitlisted} 人` : ''}，可导出 CSV`}
          clickable
          onClick={() => Taro.navigateTo({ url: SUMMON_ROUTES.roster(summon.id) })}
        />
        {/* As a list, so that the group's last cell draws no divider when this one is left out. */}
        {withdrawable
          ? [
              <Cell
                key='edit'
                title='编辑'
                description='改时间、地点或人数上限；改了时间或地点会通知报名的人'
                clickable
                onClick={() => Taro.navigateTo({ url: SUMMON_ROUTES.edit(summon.id) })}
              />,
              <Cell
                key='withdraw'
                className='manage-panel__withdraw'
                title='撤回召集令'
                description='活动取消时撤回，已报名的人会看到原因'
                clickable
                onClick={() => {
                  setProblem(null)
                  setAsking(true)
                }}
              />,
            ]
          : []}
      </Cell.Group>
      <Dialog
        visible={asking}
        title='撤回召集令'
        confirmText='确认撤回'
        cancelText='不撤回'
        onConfirm={withdraw}
        onCancel={() => setAsking(false)}
        content={
          <View className='manage-panel__dialog'>
            <TextArea
              className='manage-panel__reason'
              placeholder='撤回原因，如：天气原因改期，时间另行通知'
              value={reason}
              maxLength={REASON_MAX}
              showCount
              onChange={(value) => {
                setReason(value)
                setProblem(null)
              }}
            />
            {problem && <Text className='manage-panel__problem'>{problem}</Text>}
          </View>
        }
      />
    </View>
  )
}
