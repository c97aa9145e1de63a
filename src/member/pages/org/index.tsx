import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Tag, Toast } from '@nutui/nutui-react-taro'
import type { Me, OrgDetail } from '../../../../types'
import { PageState } from '../../../components/PageState'
import { useAction } from '../../../hooks/useAction'
import { handleAuthError, useRemote } from '../../../hooks/useSession'
import { call, messageOf } from '../../../services/call'
import { ORG_KIND_LABELS } from '../../../utils/orgs'
import { ROUTES } from '../../../utils/routes'
import { showError, showSuccess, TOAST_ID } from '../../../utils/toast'
import { OrgPicker, type OrgChoice } from '../../../components/OrgPicker'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import { StatusTag } from '../../../components/StatusTag'
import { MEMBERSHIP_TONE } from '../../../utils/status-colours'
import './index.scss'

/** The member's organisation: what it is, where they stand, and the ways out and onward. */
function MyOrgCard({ org, onLeft }: { org: OrgDetail & { status: 'member' | 'pending' }; onLeft: () => void }) {
  const [busy, setBusy] = useState(false)
  const leave = async () => {
    setBusy(true)
    try {
      await call('orgs.leave', {})
      showSuccess(org.status === 'pending' ? '已撤回申请' : '已离开组织')
      onLeft()
    } catch (err) {
      handleAuthError(err)
      showError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card'>
      <View className='org__name'>{org.name}</View>
      <View className='org__tags'>
        <Tag plain>{ORG_KIND_LABELS[org.kind]}</Tag>
        <StatusTag tone={MEMBERSHIP_TONE[org.status === 'pending' ? 'pending' : 'member']}>
          {org.status === 'pending' ? '待审核' : '成员'}
        </StatusTag>
        {org.isSecretary && <StatusTag tone='label'>书记</StatusTag>}
      </View>
      <View className='muted'>
        {org.memberCount} 名成员
        {org.secretaries.length > 0 ? ` · 书记：${org.secretaries.map((s) => s.name).join('、')}` : ''}
      </View>
      {org.status === 'pending' && <View className='muted'>申请已提交，组织书记同意后你就是这个组织的成员了。</View>}
      <View className='org__actions'>
        {org.isSecretary && (
          <Button type='primary' block onClick={() => Taro.navigateTo({ url: ROUTES.orgMembers(org.id) })}>
            组织管理
          </Button>
        )}
        {org.status === 'member' && (
          <Button
            type='primary'
            fill='outline'
            block
            onClick={() => Taro.navigateTo({ url: ROUTES.orgReceipt(org.id) })}
          >
            我的报到回执
          </Button>
        )}
        <Button className='org__leave' fill='none' block loading={busy} onClick={leave}>
          {org.status === 'pending' ? '撤回申请' : '离开这个组织'}
        </Button>
      </View>
    </View>
  )
}

/** Joining: an invite code from the organisation, or a request found by name. */
function JoinCard({ onJoined, initialCode }: { onJoined: () => void; initialCode?: string }) {
  const [busy, run] = useAction({ identity: true })
  const join = (choice: OrgChoice) =>
    run(async () => {
      if ('inviteCode' in choice) {
        await call('orgs.join', { inviteCode: choice.inviteCode })
        showSuccess('已加入组织')
      } else {
        await call('orgs.join', { orgId: choice.orgId })
        showSuccess('申请已提交，等待书记审核')
      }
      onJoined()
    })
  return <OrgPicker onPick={join} busy={busy} initialCode={initialCode} />
}

/**
 * Opened from an organisation's poster code: that organisation, and a request to join it. A member of
 * another organisation is told that their records so far stay with it.
 */
function ScannedOrg({ orgId, current, onJoined }: { orgId: string; current: Me['org']; onJoined: () => void }) {
  const org = useRemote(() => call('orgs.get', { orgId }), [orgId])
  const [busy, run] = useAction({ identity: true })
  if (current?.id === orgId) return null
  const request = () =>
    run(async () => {
      await call('orgs.join', { orgId })
      showSuccess('申请已提交，等待书记审核')
      onJoined()
    })
  return (
    <PageState loading={org.loading} error={org.error} onRetry={org.reload} cards={1}>
      {org.data && (
        <View className='card org__scanned'>
          <View className='muted'>扫码找到的组织</View>
          <View className='org__name'>{org.data.name}</View>
          <View className='org__tags'>
            <Tag plain>{ORG_KIND_LABELS[org.data.kind]}</Tag>
          </View>
          <View className='muted'>
            {org.data.memberCount} 名成员
            {org.data.secretaries.length > 0 ? ` · 书记：${org.data.secretaries.map((s) => s.name).join('、')}` : ''}
          </View>
          {current && (
            <View className='muted org__moving'>
              你现在属于「{current.name}」。申请通过后会转到这个组织，之前的报到和活动仍记在原组织。
            </View>
          )}
          <View className='org__actions'>
            <Button type='primary' block loading={busy} onClick={request}>
              申请加入
            </Button>
          </View>
        </View>
      )}
    </PageState>
  )
}

/** Opened from a member invite while belonging to an organisation: the invite moves the member at once. */
function MovingByInvite({
  current,
  inviteCode,
  onJoined,
}: {
  current: string
  inviteCode: string
  onJoined: () => void
}) {
  const [busy, run] = useAction({ identity: true })
  const [done, setDone] = useState(false)
  if (done) return null
  const join = () =>
    run(async () => {
      await call('orgs.join', { inviteCode })
      showSuccess('已加入新组织')
      setDone(true)
      onJoined()
    })
  return (
    <View className='card org__invited'>
      <View className='org__name'>收到组织邀请</View>
      <View className='muted'>
        你现在属于「{current}」。用这个邀请码加入后会转到新组织，之前的报到和活动仍记在「{current}」。
      </View>
      <View className='org__actions'>
        <Button type='primary' block loading={busy} onClick={join}>
          用邀请码转到新组织
        </Button>
      </View>
    </View>
  )
}

/** A query value as written (Taro may hand it over encoded or already decoded). */
const queryValue = (value?: string): string | undefined => {
  if (!value) return undefined
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

export default function OrgPage() {
  const { params } = useRouter()
  // `orgId`: opened by the organisation's poster code; `invite`: by a member invite's link or QR.
  const scannedOrg = queryValue(params.orgId)
  const invite = queryValue(params.invite)
  // Once used (or once the member joined here some other way), the invite the page was opened with is done.
  const [settled, setSettled] = useState(false)
  const joined = () => {
    setSettled(true)
    data.reload()
  }
  const data = useRemote(
    async () => {
      const me: Me = await call('account.me', {})
      const org = me.org ? { ...(await call('orgs.get', { orgId: me.org.id })), status: me.org.status } : null
      return { me, org }
    },
    [],
    true,
  )
  return (
    <View className='page org'>
      <PageState loading={data.loading} error={data.error} onRetry={data.reload} cards={2}>
        {data.data && scannedOrg && <ScannedOrg orgId={scannedOrg} current={data.data.me.org} onJoined={joined} />}
        {data.data && data.data.org && invite && !settled && (
          <MovingByInvite current={data.data.org.name} inviteCode={invite} onJoined={joined} />
        )}
        {data.data &&
          (data.data.org ? (
            <MyOrgCard org={data.data.org} onLeft={data.reload} />
          ) : (
            !scannedOrg && <JoinCard onJoined={joined} initialCode={invite} />
          ))}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
