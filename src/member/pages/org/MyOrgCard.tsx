import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Tag } from '@nutui/nutui-react-taro'
import { StatusTag } from '../../../components/StatusTag'
import { MEMBERSHIP_TONE } from '../../../utils/status-colours'
import type { OrgDetail } from '../../../../types'
import { useAction } from '../../../hooks/useAction'
import { call } from '../../../services/call'
import { ORG_KIND_LABELS } from '../../../utils/orgs'
import { ROUTES } from '../../../utils/routes'
import { showSuccess } from '../../../utils/toast'

/** The member's organisation: what it is, where they stand, and the ways out and onward. */
export function MyOrgCard({ org, onLeft }: { org: OrgDetail & { status: 'member' | 'pending' }; onLeft: () => void }) {
  const [busy, run] = useAction()
  const leave = () =>
    run(async () => {
      await call('orgs.leave', {})
      showSuccess(org.status === 'pending' ? '已撤回申请' : '已离开组织')
      onLeft()
    })
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
