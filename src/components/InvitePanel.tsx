import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { call, messageOf } from '../services/call'
import { formatTime } from '../utils/time'
import { inviteLink } from '../utils/routes'
import { showError } from '../utils/toast'
import './InvitePanel.scss'

interface Invite {
  inviteCode: string
  expiresAt: string
  /** The invite's mini-program code (`wxacode.getUnlimited`, drawn by the server), when it was made. */
  image?: string
}

const IS_WEAPP = process.env.TARO_ENV === 'weapp'

interface Props {
  gridId: string
  /**
   * Draws the invite's in-app path as a QR code image (a data URL). Passed in by a subpackage page so the
   * QR generator stays out of the main package; without it the panel shows the code and the link only.
   */
  qrOf?: (text: string) => string
  /** After a new invite was made (the open invites' list refreshes). */
  onCreated?: () => void
}

/** For admins: make a single-use invite that turns its receiver into a leader of the grid. */
export function InvitePanel({ gridId, qrOf, onCreated }: Props) {
  const [invite, setInvite] = useState<Invite | null>(null)
  const [busy, setBusy] = useState(false)

  const create = async () => {
    setBusy(true)
    try {
      setInvite(await call('grids.invite', IS_WEAPP ? { gridId, withImage: true } : { gridId }))
      onCreated?.()
    } catch (err) {
      showError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }

  const copy = async (code: string) => {
    try {
      // Both the mini program and Taro's H5 show their own 内容已复制: one toast is enough.
      // A path opens nowhere when pasted in WeChat: the mini program copies the code itself.
      await Taro.setClipboardData({ data: IS_WEAPP ? code : inviteLink(code) })
    } catch {
      showError('没能复制，请长按邀请码手动复制')
    }
  }

  return (
    <View className='card invite-panel'>
      <View className='invite-panel__title'>邀请网格长</View>
      <View className='muted'>
        生成一个邀请码发给对方，对方打开后点「成为网格长」即可。每个邀请码只能用一次，7 天内有效。
      </View>
      {invite && (
        <View className='invite-panel__result'>
          {/* The mini program's invite is its mini-program code; in H5 a QR of the absolute link. */}
          {IS_WEAPP && invite.image ? (
            <Image className='invite-panel__qr' src={invite.image} mode='scaleToFill' showMenuByLongpress />
          ) : (
            !IS_WEAPP &&
            qrOf && <Image className='invite-panel__qr' src={qrOf(inviteLink(invite.inviteCode))} mode='scaleToFill' />
          )}
          <View className='muted'>
            {IS_WEAPP
              ? invite.image
                ? '请对方用微信扫这个小程序码，或把邀请码发给对方（我的 → 输入邀请码）'
                : '把邀请码发给对方（我的 → 输入邀请码）'
              : qrOf
                ? '请对方用微信扫码，或把邀请链接发给对方'
                : '邀请码'}
          </View>
          <Text className='invite-panel__code' userSelect>
            {invite.inviteCode}
          </Text>
          <View className='muted'>有效期至 {formatTime(invite.expiresAt)}</View>
          <Button
            className='invite-panel__copy'
            fill='outline'
            type='primary'
            block
            onClick={() => copy(invite.inviteCode)}
          >
            {IS_WEAPP ? '复制邀请码' : '复制邀请链接'}
          </Button>
        </View>
      )}
      <Button className='invite-panel__create' type='primary' block loading={busy} onClick={create}>
        邀请网格长
      </Button>
    </View>
  )
}
