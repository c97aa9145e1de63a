import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Cell, Toast } from '@nutui/nutui-react-taro'
import type { OrgDetail, OrgMemberFilter, OrgMemberRow } from '../../../../types'
import { Empty } from '../../../components/Empty'
import { PageState } from '../../../components/PageState'
import { useAction } from '../../../hooks/useAction'
import { useRemote } from '../../../hooks/useSession'
import { call } from '../../../services/call'
import { saveCsv } from '../../../services/csvFile'
import { quarterLabel, quarterOf } from '../../../../cloud/domain/orgs'
import { orgInviteLink, ROUTES } from '../../../utils/routes'
import { formatTime } from '../../../utils/time'
import { qrDataUrl } from '../../../leader/utils/qr'
import { SUMMON_ROUTES } from '../../../utils/summons'
import { showError, showSuccess, TOAST_ID } from '../../../utils/toast'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import { StatusTag } from '../../../components/StatusTag'
import { ACTIVITY_TONE } from '../../../utils/status-colours'
import './index.scss'

const FILTERS: [OrgMemberFilter, string][] = [
  ['all', '全部'],
  ['unreported', '未报到'],
  ['inactive', '本季度未参与'],
]

function describe(m: OrgMemberRow): string {
  const grids = m.grids.length ? `报到：${m.grids.map((g) => g.name).join('、')}` : '还没有报到网格'
  return `${grids} · 签到 ${m.checkIns} 次 · 参加 ${m.attended} 场 · ${m.hours} 小时`
}

function Requests({ org, onDecided }: { org: OrgDetail; onDecided: () => void }) {
  const [busy, run] = useAction()
  const pending = org.pending ?? []
  if (pending.length === 0) return null
  const decide = (openid: string, accept: boolean) =>
    run(async () => {
      await call('orgs.decide', { orgId: org.id, openid, accept })
      showSuccess(accept ? '已同意加入' : '已婉拒申请')
      onDecided()
    })
  return (
    <>
      <View className='section-title'>入会申请 · {pending.length}</View>
      <Cell.Group>
        {pending.map((p) => (
          <Cell
            key={p.openid}
            className='members__request'
            title={p.name}
            extra={
              <View className='members__decide'>
                <Button size='small' type='primary' disabled={busy} onClick={() => decide(p.openid, true)}>
                  同意
                </Button>
                <Button size='small' fill='outline' disabled={busy} onClick={() => decide(p.openid, false)}>
                  婉拒
                </Button>
              </View>
            }
          />
        ))}
      </Cell.Group>
    </>
  )
}

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

function Tools({ org, quarter }: { org: OrgDetail; quarter: string }) {
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

export default function OrgMembersPage() {
  const { params } = useRouter()
  const orgId = params.orgId ? decodeURIComponent(params.orgId) : ''
  const [filter, setFilter] = useState<OrgMemberFilter>('all')
  const quarter = quarterOf(new Date())
  const data = useRemote(
    async () => {
      if (!orgId) throw new Error('没有指定组织')
      const [org, members] = await Promise.all([
        call('orgs.get', { orgId }),
        call('orgs.members', { orgId, quarter, filter }),
      ])
      return { org, members: members.items }
    },
    [orgId, filter],
    true,
  )
  return (
    <View className='page members'>
      <PageState loading={data.loading} error={data.error} onRetry={data.reload} cards={3}>
        {data.data && (
          <>
            <View className='card'>
              <View className='members__title'>{data.data.org.name}</View>
              <View className='muted'>
                {data.data.org.memberCount} 名成员 · {quarterLabel(quarter)}
              </View>
            </View>
            <Requests org={data.data.org} onDecided={data.reload} />
            <View className='members__filters'>
              {FILTERS.map(([value, label]) => (
                <Button
                  key={value}
                  className={`members__filter members__filter--${value}`}
                  size='small'
                  type={filter === value ? 'primary' : 'default'}
                  onClick={() => setFilter(value)}
                >
                  {label}
                </Button>
              ))}
            </View>
            {data.data.members.length === 0 ? (
              <Empty title='没有符合条件的成员' description='换一个筛选条件看看。' />
            ) : (
              <Cell.Group>
                {data.data.members.map((m) => (
                  <Cell
                    key={m.openid}
                    className='members__member'
                    title={m.name}
                    description={describe(m)}
                    extra={
                      <StatusTag tone={ACTIVITY_TONE[m.attended > 0 ? 'active' : 'inactive']}>
                        {m.attended > 0 ? '已参与' : '未参与'}
                      </StatusTag>
                    }
                    clickable
                    onClick={() => Taro.navigateTo({ url: ROUTES.orgReceipt(orgId, m.openid) })}
                  />
                ))}
              </Cell.Group>
            )}
            <Tools org={data.data.org} quarter={quarter} />
          </>
        )}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
