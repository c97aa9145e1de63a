import { useState } from 'react'
import { Canvas, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button, Toast } from '@nutui/nutui-react-taro'
import type { OrgReceipt } from '../../../../types'
import { PageState } from '../../../components/PageState'
import { useAction } from '../../../hooks/useAction'
import { useRemote } from '../../../hooks/useSession'
import { call } from '../../../services/call'
import { quarterLabel, quarterOf, quarterRange } from '../../../../cloud/domain/orgs'
import { verificationText } from '../../../utils/checkin'
import { formatTime } from '../../../utils/time'
import { TOAST_ID } from '../../../utils/toast'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import { quarterSpan } from '../../utils/receiptImage'
import { saveReceiptImage } from '../../utils/saveImage'
import './index.scss'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'
const CANVAS_ID = 'receipt-canvas'

/** The quarter before `quarter` (its first instant minus one millisecond). */
const previous = (quarter: string) => quarterOf(new Date(Date.parse(quarterRange(quarter).start) - 1))

/** The receipt as one printable sheet: who, when, where they reported, what they did, totals, the seal. */
function ReceiptSheet({ r }: { r: OrgReceipt }) {
  const totals: [string, string][] = [
    ['签到次数', `${r.totals.checkIns}`],
    ['参加活动', `${r.totals.activities}`],
    ['志愿时长（小时）', `${r.totals.hours}`],
  ]
  return (
    <View className='receipt'>
      <View className='receipt__title'>二维报到回执</View>
      <View className='receipt__subtitle'>
        {quarterLabel(r.quarter)}（{quarterSpan(r.quarter)}）
      </View>
      <View className='receipt__who'>
        <View className='receipt__field'>
          <Text className='receipt__label'>组织</Text>
          <Text className='receipt__value receipt__org'>{r.org.name}</Text>
        </View>
        <View className='receipt__field'>
          <Text className='receipt__label'>成员</Text>
          <Text className='receipt__value receipt__member'>{r.member.name}</Text>
        </View>
      </View>

      <View className='receipt__heading'>报到的网格</View>
      {r.grids.length === 0 ? (
        <View className='muted receipt__none'>还没有到网格报到</View>
      ) : (
        r.grids.map((g) => (
          <View key={g.id} className='receipt__grid'>
            <Text className='receipt__grid-name'>{g.name}</Text>
            <Text className='muted'>{formatTime(g.reportedAt, 'YYYY年M月D日')} 报到</Text>
          </View>
        ))
      )}

      <View className='receipt__heading'>参加的活动</View>
      {r.activities.length === 0 ? (
        <View className='muted receipt__none'>这个季度还没有参加活动</View>
      ) : (
        <View className='receipt__table'>
          <View className='receipt__row receipt__row--head'>
            <Text className='receipt__cell receipt__cell--date'>日期</Text>
            <Text className='receipt__cell receipt__cell--title'>活动</Text>
            <Text className='receipt__cell receipt__cell--grid'>网格</Text>
            <Text className='receipt__cell receipt__cell--how'>核验方式</Text>
            <Text className='receipt__cell receipt__cell--hours'>时长</Text>
          </View>
          {r.activities.map((a, i) => (
            <View key={`${a.summonId}-${i}`} className='receipt__row receipt__activity'>
              <Text className='receipt__cell receipt__cell--date'>{formatTime(a.at, 'M月D日')}</Text>
              <Text className='receipt__cell receipt__cell--title'>{a.title}</Text>
              <Text className='receipt__cell receipt__cell--grid'>{a.gridName ?? '全区'}</Text>
              <Text className='receipt__cell receipt__cell--how'>{verificationText(a.verifiedBy)}</Text>
              <Text className='receipt__cell receipt__cell--hours'>{a.hours !== undefined ? `${a.hours}` : '—'}</Text>
            </View>
          ))}
        </View>
      )}

      <View className='receipt__totals'>
        {totals.map(([label, n]) => (
          <View key={label} className='receipt__total'>
            <Text className='receipt__total-number'>{n}</Text>
            <Text className='muted'>{label}</Text>
          </View>
        ))}
      </View>

      <View className='receipt__seal'>
        <View className='receipt__seal-circle'>盖章处</View>
        <View className='receipt__seal-text'>
          <View>{r.org.name}（盖章）</View>
          <View>书记签字：</View>
          <View>年　　月　　日</View>
        </View>
      </View>
    </View>
  )
}

/** 打印 (H5) and 保存为图片 (both): the receipt leaves the phone as paper or a picture. */
function Actions({ r }: { r: OrgReceipt }) {
  const [busy, run] = useAction()
  return (
    <View className='receipt-actions no-print'>
      {!IS_WEAPP && (
        <Button className='receipt-actions__print' type='primary' block onClick={() => window.print()}>
          打印回执
        </Button>
      )}
      <Button
        className='receipt-actions__save'
        type='primary'
        fill={IS_WEAPP ? 'solid' : 'outline'}
        block
        loading={busy}
        onClick={() => run(() => saveReceiptImage(r, CANVAS_ID))}
      >
        {IS_WEAPP ? '保存为图片' : '下载回执图片'}
      </Button>
      <View className='muted receipt-actions__tip'>
        {IS_WEAPP
          ? '图片保存到相册后可以打印，交组织盖章存档。'
          : '打印时选择「另存为 PDF」也可以保存电子版；交组织盖章存档。'}
      </View>
      {IS_WEAPP && <Canvas type='2d' id={CANVAS_ID} className='receipt-canvas' />}
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
    <View className='page receipt-page'>
      <PageState loading={data.loading} error={data.error} onRetry={data.reload} cards={3}>
        {data.data && (
          <>
            <ReceiptSheet r={data.data} />
            <Actions r={data.data} />
          </>
        )}
      </PageState>
      <View className='receipt__quarters no-print'>
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
