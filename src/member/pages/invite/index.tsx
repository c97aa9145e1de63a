import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { Button, Input, Toast } from '@nutui/nutui-react-taro'
import { useLater } from '../../../hooks/useLater'
import { ensureIdentity, handleAuthError } from '../../../hooks/useSession'
import { call, messageOf } from '../../../services/call'
import { ROUTES } from '../../../utils/routes'
import { showError, showSuccess, TOAST_ID } from '../../../utils/toast'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import './index.scss'

export default function InvitePage() {
  const { params } = useRouter()
  const fromLink = params.code ? decodeURIComponent(params.code) : ''
  const [code, setCode] = useState(fromLink)
  const [busy, setBusy] = useState(false)
  const later = useLater()

  useShareAppMessage(() => ({
    title: '邀请你成为网格长',
    path: ROUTES.invite(code.trim()),
  }))

  const accept = async () => {
    const inviteCode = code.trim()
    if (!inviteCode) return showError('请先填写邀请码')
    if (!ensureIdentity()) return
    setBusy(true)
    try {
      const { gridId } = await call('grids.acceptInvite', { inviteCode })
      showSuccess('你已成为网格长')
      later(() => Taro.redirectTo({ url: ROUTES.grid(gridId) }), 800)
    } catch (err) {
      handleAuthError(err)
      showError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='page invite'>
      <View className='card'>
        <View className='invite__title'>成为网格长</View>
        <View className='muted invite__text'>
          区团委邀请你担任网格长。接受后，你可以管理这个网格：发布召集令、生成报到码、征集活动方案。
        </View>
        {fromLink ? (
          <View className='invite__code'>邀请码：{fromLink}</View>
        ) : (
          <Input
            className='invite__input'
            placeholder='请输入区团委发给你的邀请码'
            value={code}
            onChange={setCode}
            clearable
            maxLength={64}
          />
        )}
        <Button type='primary' block loading={busy} onClick={accept}>
          成为网格长
        </Button>
      </View>
      <View className='muted invite__hint'>邀请码只能使用一次，7 天内有效。遇到问题请联系发给你邀请的区团委老师。</View>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
