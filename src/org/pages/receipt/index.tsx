import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button, Cell, Toast } from '@nutui/nutui-react-taro'
import type { OrgReceipt } from '../../../../types'
import { PageState } from '../../../components/PageState'
import { useRemote } from '../../../hooks/useSession'
import { call } from '../../../services/call'
import { quarterLabel, quarterOf, quarterRange } from '../../../../cloud/domain/orgs'
import { formatTime } from '../../../utils/time'
import { TOAST_ID } from '../../../utils/toast'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import './index.scss'

const VERIFIED: Record<string, string> = { live: '现场签到码', poster: '网格海报码', location: '定位确认' }

/** The quarter before `quarter` (its first instant minus one millisecond). */
const previous = (quarter: string) => quarterOf(new Date(Date.parse(quarterRange(quarter).start) - 1))

function ReceiptView({ r }: { r: OrgReceipt }) {
  const totals: [string, number][] = [
    ['签到次数', r.totals.checkIns],
    ['参加活动', r.totals.activities],
    ['志愿时长', r.totals.hours],
  ]
  return (
    <View className='card receipt'>
      <View className='receipt__title'>二维报到回执</View>
      <View className='muted receipt__subtitle'>
        {r.org.name} · {r.member.name} · {quarterLabel(r.quarter)}
      </View>
      <View className='receipt__totals'>
        {totals.map(([label, n]) => (
          <View key={label} className='receipt__total'>
            <Text className='receipt__total-number'>{n}</Text>
            <Text className='muted'>{label}</Text>
          </View>
        ))}
      </View>
      <View className='section-title'>报到的网格</View>
      {r.grids.length === 0 ? (
        <View className='muted'>还没有到网格报到</View>
      ) : (
        <Cell.Group>
          {r.grids.map((g) => (
            <Cell key={g.id} title={g.name} description={`${formatTime(g.reportedAt, 'YYYY年M月D日')} 报到`} />
          ))}
        </Cell.Group>
      )}
      <View className='section-title'>参加的活动</View>
      {r.activities.length === 0 ? (
        <View className='muted'>这个季度还没有参加活动</View>
      ) : (
        <Cell.Group>
          {r.activities.map((a, i) => (
            <Cell
              key={`${a.summonId}-${i}`}
              className='receipt__activity'
              title={a.title}
              description={`${formatTime(a.at, 'M月D日 HH:mm')}${a.gridName ? ` · ${a.gridName}` : ''} · ${a.verifiedBy
                .map((v) => VERIFIED[v] ?? v)
                .join('、')}`}
              extra={a.hours !== undefined ? `${a.hours} 小时` : undefined}
            />
          ))}
        </Cell.Group>
      )}
      <View className='receipt__seal muted'>
        <View>{r.org.name}（盖章）</View>
        <View>年　　月　　日</View>
      </View>
    </View>
  )
}

export default function ReceiptPage() {
  const { params } = useRouter()
  const orgId = params.orgId ? decodeURIComponent(params.orgId) : ''
  const openid = params.openid ? decodeURIComponent(params.openid) : undefined
  const [quarter, setQuarter] = useState(() => quarterOf(new Date()))
  const data = useRemote(async () => {
    if (!orgId) throw new Error('没有指定组织')
    return call('orgs.receipt', { orgId, quarter, ...(openid ? { openid } : {}) })
  }, [orgId, openid, quarter])
  return (
    <View className='page'>
      <PageState loading={data.loading} error={data.error} onRetry={data.reload} cards={3}>
        {data.data && <ReceiptView r={data.data} />}
      </PageState>
      <View className='receipt__quarters'>
        <Button className='receipt__previous' size='small' fill='outline' onClick={() => setQuarter(previous(quarter))}>
          看上一季度
        </Button>
        {quarter !== quarterOf(new Date()) && (
          <Button size='small' fill='outline' onClick={() => setQuarter(quarterOf(new Date()))}>
            回到本季度
          </Button>
        )}
      </View>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
