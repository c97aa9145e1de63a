import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Toast } from '@nutui/nutui-react-taro'
import type { HoursAuditItem } from '../../../../types'
import { Empty } from '../../../components/Empty'
import { PageState } from '../../../components/PageState'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import { useAction } from '../../../hooks/useAction'
import { useRemote } from '../../../hooks/useSession'
import { call } from '../../../services/call'
import { hoursText } from '../../../utils/hours'
import { formatTime } from '../../../utils/time'
import { TOAST_ID } from '../../../utils/toast'
import './index.scss'

function AuditRow({ item }: { item: HoursAuditItem }) {
  const up = item.to > item.from
  return (
    <View className='audit-row'>
      <View className='audit-row__head'>
        <Text className='audit-row__name'>{item.name}</Text>
        <Text className={`audit-row__change${up ? ' audit-row__change--up' : ''}`}>
          {hoursText(item.from)} → {hoursText(item.to)} 小时
        </Text>
      </View>
      <View className='audit-row__title'>{item.title}</View>
      <View className='audit-row__reason'>原因：{item.reason}</View>
      <View className='muted'>
        {item.by} 补录于 {formatTime(item.at, 'YYYY年M月D日 HH:mm')}
      </View>
    </View>
  )
}

/** Admins: every make-up (补录) of volunteer hours, newest first — who, when, from → to and why. */
export default function HoursAuditPage() {
  const first = useRemote(() => call('hours.audit', {}), [], true)
  const [more, setMore] = useState<{ items: HoursAuditItem[]; nextCursor?: string }>({ items: [] })
  const [busy, run] = useAction()
  const items = [...(first.data?.items ?? []), ...more.items]
  const cursor = more.items.length ? more.nextCursor : first.data?.nextCursor
  const loadMore = () =>
    run(async () => {
      if (!cursor) return
      const page = await call('hours.audit', { cursor })
      setMore({ items: [...more.items, ...page.items], nextCursor: page.nextCursor })
    })
  return (
    <View className='page hours-audit'>
      <PageState loading={first.loading} error={first.error} onRetry={first.reload} cards={3}>
        <View className='muted hours-audit__note'>
          志愿时长只由签到、签退扫码算出；网格长为名单上的成员补录时，会留下这条记录，补录后的时长不超过召集令写的时长。
        </View>
        {items.length === 0 ? (
          <Empty title='还没有补录记录' description='网格长补录志愿时长后，会在这里留下记录。' />
        ) : (
          <View className='card hours-audit__list'>
            {items.map((item) => (
              <AuditRow key={`${item.summonId}-${item.openid}-${item.at}`} item={item} />
            ))}
          </View>
        )}
        {cursor && (
          <Button block fill='outline' loading={busy} onClick={loadMore}>
            加载更多
          </Button>
        )}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
