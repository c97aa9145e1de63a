import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Cell, Toast } from '@nutui/nutui-react-taro'
import type { OrgDetail, OrgMemberFilter, OrgMemberRow } from '../../../../types'
import { Empty } from '../../../components/Empty'
import { PageState } from '../../../components/PageState'
import { useAction } from '../../../hooks/useAction'
import { useRemote } from '../../../hooks/useSession'
import { call } from '../../../services/call'
import { quarterLabel, quarterOf } from '../../../../cloud/domain/orgs'
import { ROUTES } from '../../../utils/routes'
import { showSuccess, TOAST_ID } from '../../../utils/toast'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import { Tools } from './Tools'
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
