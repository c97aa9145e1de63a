import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import type { MySignUp, SummonDetail } from '../../../types'
import { useAction } from '../../hooks/useAction'
import { call, CallError } from '../../services/call'
import { askForSummonNotices } from '../../services/subscribe'
import { ROUTES } from '../../utils/routes'
import { signUpView } from '../../utils/summons'
import { showSuccess } from '../../utils/toast'
import './SignUpBar.scss'

interface Props {
  summon: SummonDetail
  /** The caller's sign-up changed: show it at once, then load the summon again. */
  onChanged: (mine: MySignUp) => void
}

const isMissingProfile = (err: unknown) => err instanceof CallError && err.code === 'FORBIDDEN'

/** The bottom bar of the detail page: the one button 一键报名, and 取消报名 behind a confirmation. */
export function SignUpBar({ summon, onChanged }: Props) {
  const [needProfile, setNeedProfile] = useState(false)
  const [busy, run] = useAction({
    // Signing up without a profile asks for one (a dialog), not a toast.
    onError: (err) => {
      if (!isMissingProfile(err)) return false
      setNeedProfile(true)
      return true
    },
  })
  const [confirmCancel, setConfirmCancel] = useState(false)
  const view = signUpView(summon)

  const signUp = async () => {
    if (!view.actionable || busy) return
    // In the mini program: ask for the reminder from this tap; never wait for the answer.
    void askForSummonNotices()
    await run(async () => {
      const result = await call('summons.signUp', { summonId: summon.id })
      showSuccess(result.status === 'confirmed' ? '报名成功' : `已加入候补，第 ${result.position ?? 1} 位`)
      onChanged(result)
    })
  }

  const cancel = async () => {
    setConfirmCancel(false)
    await run(async () => {
      await call('summons.cancel', { summonId: summon.id })
      showSuccess('已取消报名')
      onChanged({ status: 'cancelled' })
    })
  }

  const waiting = summon.mine?.status === 'waitlisted'
  if (view.hidden) return null
  return (
    <View className='sign-up-bar'>
      {view.note && <Text className='sign-up-bar__note'>{view.note}</Text>}
      <View className='sign-up-bar__buttons'>
        {view.canCancel && (
          <Button className='sign-up-bar__cancel' fill='outline' disabled={busy} onClick={() => setConfirmCancel(true)}>
            取消报名
          </Button>
        )}
        <Button
          className={`sign-up-bar__main${view.actionable ? '' : ' sign-up-bar__main--status'}`}
          type='primary'
          fill={view.actionable || view.disabled ? 'solid' : 'outline'}
          block
          disabled={view.disabled}
          loading={busy && view.actionable}
          onClick={signUp}
        >
          {view.label}
        </Button>
      </View>
      <Dialog
        visible={confirmCancel}
        title='取消报名'
        content={waiting ? '确定退出候补吗？' : '取消后名额会让给候补的人，确定取消吗？'}
        confirmText='取消报名'
        cancelText='再想想'
        onConfirm={cancel}
        onCancel={() => setConfirmCancel(false)}
      />
      <Dialog
        visible={needProfile}
        title='先填写基本信息'
        content='报名需要你的姓名和所在组织，这样网格长才知道是你。只需填写一次。'
        confirmText='去填写'
        cancelText='稍后'
        onConfirm={() => {
          setNeedProfile(false)
          Taro.navigateTo({ url: ROUTES.profile })
        }}
        onCancel={() => setNeedProfile(false)}
      />
    </View>
  )
}
