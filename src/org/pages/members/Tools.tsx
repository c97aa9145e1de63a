import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { OrgDetail } from '../../../../types'
import { quarterLabel } from '../../../../cloud/domain/orgs'
import { useAction } from '../../../hooks/useAction'
import { qrDataUrl } from '../../../leader/utils/qr'
import { call } from '../../../services/call'
import { saveCsv } from '../../../services/csvFile'
import { orgInviteLink, ROUTES } from '../../../utils/routes'
import { SUMMON_ROUTES } from '../../../utils/summons'
import { formatTime } from '../../../utils/time'
import { showError, showSuccess } from '../../../utils/toast'

/** The member invite: its code, and the link (H5) or in-app path (mini program) as a QR that joins at once. */
function InviteResult({ invite }: { invite: { inviteCode: string; expiresAt: string } }) {
  const link = orgInviteLink(invite.inviteCode)
  const copy = async () => {
    try {
      await Taro.setClipboardData({ data: link })
    } catch {
      showError('没能复制，请长按邀请码手动复制')
    }
  }
  return (
    <View className='members__code'>
      <Image className='members__invite-qr' src={qrDataUrl(link, 6, 2)} mode='scaleToFill' />
      <View>
        邀请码：
        <Text className='members__invite-code' userSelect>
          {invite.inviteCode}
        </Text>
      </View>
      <View className='muted'>
        有效期至 {formatTime(invite.expiresAt)}
        ，可以多人使用：成员用「扫码报到」扫这个码，或打开邀请链接、在「我的组织」里填写邀请码，即可直接加入。
      </View>
      <Button className='members__copy' size='small' fill='outline' type='primary' onClick={() => void copy()}>
        复制邀请链接
      </Button>
    </View>
  )
}

/** The secretary's tools: the member invite, the poster, the quarter's export and a 二维召集令. */
export function Tools({ org, quarter }: { org: OrgDetail; quarter: string }) {
  const [busy, run] = useAction()
  const [invite, setInvite] = useState<{ inviteCode: string; expiresAt: string } | null>(null)
  const makeInvite = () =>
    run(async () => {
      setInvite(await call('orgs.invite', { orgId: org.id, role: 'member' }))
    })
  const exportCsv = () =>
    run(async () => {
      const outcome = await saveCsv(await call('orgs.export', { orgId: org.id, quarter }))
      if (outcome === 'downloaded') showSuccess('报到情况已下载')
    })
  return (
    <View className='card members__tools'>
      <Button className='members__invite' type='primary' block loading={busy} onClick={makeInvite}>
        生成成员邀请码
      </Button>
      {invite && <InviteResult invite={invite} />}
      <Button
        className='members__poster'
        fill='outline'
        type='primary'
        block
        onClick={() => Taro.navigateTo({ url: ROUTES.orgPoster(org.id) })}
      >
        组织二维码（打印张贴）
      </Button>
      <Button className='members__export' fill='outline' type='primary' block loading={busy} onClick={exportCsv}>
        导出{quarterLabel(quarter)}报到情况
      </Button>
      <Button
        className='members__publish'
        fill='outline'
        type='primary'
        block
        onClick={() => Taro.navigateTo({ url: `${SUMMON_ROUTES.publish}?orgId=${encodeURIComponent(org.id)}` })}
      >
        发布二维召集令
      </Button>
    </View>
  )
}
