import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, Input, Tag, Toast } from '@nutui/nutui-react-taro'
import type { Me, OrgDetail, OrgSummary } from '../../../../types'
import { PageState } from '../../../components/PageState'
import { useAction } from '../../../hooks/useAction'
import { handleAuthError, useRemote } from '../../../hooks/useSession'
import { call, messageOf } from '../../../services/call'
import { ORG_KIND_LABELS } from '../../../utils/orgs'
import { ROUTES } from '../../../utils/routes'
import { showError, showSuccess, TOAST_ID } from '../../../utils/toast'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
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
        {org.status === 'pending' ? <Tag type='warning'>待审核</Tag> : <Tag type='success'>成员</Tag>}
        {org.isSecretary && <Tag type='primary'>书记</Tag>}
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
function JoinCard({ onJoined }: { onJoined: () => void }) {
  const [code, setCode] = useState('')
  const [q, setQ] = useState('')
  const [found, setFound] = useState<OrgSummary[] | null>(null)
  const [busy, run] = useAction({ identity: true })
  const joinByCode = () => {
    const inviteCode = code.trim()
    if (!inviteCode) return showError('请先填写邀请码')
    return run(async () => {
      await call('orgs.join', { inviteCode })
      showSuccess('已加入组织')
      onJoined()
    })
  }
  const search = () =>
    run(async () => {
      setFound((await call('orgs.list', q.trim() ? { q: q.trim() } : {})).items)
    })
  const request = (orgId: string) =>
    run(async () => {
      await call('orgs.join', { orgId })
      showSuccess('申请已提交，等待书记审核')
      onJoined()
    })

  return (
    <>
      <View className='card'>
        <View className='org__name'>用邀请码加入</View>
        <View className='muted'>组织书记给你的邀请码（或组织二维码下方的码），填进来就能直接加入。</View>
        <Input
          className='org__input org__code'
          placeholder='请输入邀请码'
          value={code}
          onChange={setCode}
          clearable
          maxLength={64}
        />
        <Button type='primary' block loading={busy} onClick={joinByCode}>
          加入组织
        </Button>
      </View>
      <View className='card'>
        <View className='org__name'>找到我的组织</View>
        <Input
          className='org__input org__search'
          placeholder='输入组织名称，如「团工委」'
          value={q}
          onChange={setQ}
          clearable
        />
        <Button className='org__search-button' fill='outline' type='primary' block loading={busy} onClick={search}>
          搜索
        </Button>
      </View>
      {found && found.length === 0 && <View className='muted'>没有找到，换个关键词试试。</View>}
      {found && found.length > 0 && (
        <Cell.Group>
          {found.map((o) => (
            <Cell
              key={o.id}
              className='org__found'
              title={o.name}
              description={`${ORG_KIND_LABELS[o.kind]} · ${o.memberCount} 名成员`}
              extra={
                <Button size='small' type='primary' onClick={() => request(o.id)}>
                  申请加入
                </Button>
              }
            />
          ))}
        </Cell.Group>
      )}
    </>
  )
}

export default function OrgPage() {
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
        {data.data &&
          (data.data.org ? (
            <MyOrgCard org={data.data.org} onLeft={data.reload} />
          ) : (
            <JoinCard onJoined={data.reload} />
          ))}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
