import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { Button, Input, Toast } from '@nutui/nutui-react-taro'
import type { InviteInfo } from '../../../../types'
import { useAction } from '../../../hooks/useAction'
import { useLater } from '../../../hooks/useLater'
import { call } from '../../../services/call'
import { needsIdentity } from '../../../services/session'
import { ROUTES } from '../../../utils/routes'
import { showError, showSuccess, TOAST_ID } from '../../../utils/toast'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import './index.scss'

/** The invite code the page was opened with: `?code=` from a link, or `?scene=I.<code>` from its mini-program code. */
function codeOf(params: Partial<Record<string, string>>): string {
  if (params.code) return decodeURIComponent(params.code)
  const scene = params.scene ? decodeURIComponent(params.scene) : ''
  return scene.startsWith('I.') ? scene.slice(2) : ''
}

/** Why a code that is no longer open cannot be used. */
const CLOSED: Record<Exclude<InviteInfo['state'], 'open'>, string> = {
  used: '这个邀请码已经被使用过了，请向区团委重新索取',
  expired: '邀请码已过期，请向区团委重新索取',
  revoked: '这个邀请已被区团委撤销，请向区团委重新索取',
}

/** The invite's grid and inviter (once there is an identity to ask with), or why it cannot be read. */
function useInviteInfo(code: string): { info: InviteInfo | null; error: string | null } {
  const [info, setInfo] = useState<InviteInfo | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!code || needsIdentity()) return
    let current = true
    call('grids.inviteInfo', { inviteCode: code }).then(
      (answer) => current && setInfo(answer),
      (err: unknown) => current && setError(err instanceof Error ? err.message : String(err)),
    )
    return () => {
      current = false
    }
  }, [code])
  return { info, error }
}

export default function InvitePage() {
  const { params } = useRouter()
  const fromLink = codeOf(params)
  const [code, setCode] = useState(fromLink)
  const [busy, run] = useAction({ identity: true })
  const later = useLater()
  const { info, error } = useInviteInfo(fromLink)
  // A used or expired code turns the button off with the reason; a failed read only says what went wrong.
  const closed = info && info.state !== 'open' && !info.usedByYou ? CLOSED[info.state] : null
  const notice = closed ?? error

  useShareAppMessage(() => ({
    title: '邀请你成为网格长',
    path: ROUTES.invite(code.trim()),
  }))

  const accept = () => {
    const inviteCode = code.trim()
    if (!inviteCode) return showError('请先填写邀请码')
    return run(async () => {
      const { gridId } = await call('grids.acceptInvite', { inviteCode })
      // One toast: the grid page opens after it, without a second one.
      showSuccess('你已成为网格长')
      later(() => Taro.redirectTo({ url: ROUTES.grid(gridId) }), 800)
    })
  }

  return (
    <View className='page invite'>
      <View className='card'>
        <View className='invite__title'>成为网格长</View>
        <View className='invite__who'>
          {info ? `${info.invitedBy}邀请你担任「${info.gridName}」的网格长` : '区团委邀请你担任网格长。'}
        </View>
        <View className='muted invite__text'>接受后，你可以管理这个网格：发布召集令、生成报到码、征集活动方案。</View>
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
        {notice && <View className='invite__closed'>{notice}</View>}
        <Button
          className='invite__accept'
          type='primary'
          block
          loading={busy}
          disabled={!!closed}
          onClick={() => void accept()}
        >
          成为网格长
        </Button>
      </View>
      <View className='muted invite__hint'>邀请码只能使用一次，7 天内有效。遇到问题请联系发给你邀请的区团委老师。</View>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
