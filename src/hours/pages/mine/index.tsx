import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Toast } from '@nutui/nutui-react-taro'
import type { HoursItem, ResOf } from '../../../../types'
import { Empty } from '../../../components/Empty'
import { PageState } from '../../../components/PageState'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import { useAction } from '../../../hooks/useAction'
import { useRemote } from '../../../hooks/useSession'
import { call } from '../../../services/call'
import {
  HOURS_YEAR_TARGET,
  hoursText,
  stars,
  starView,
  STATUS_TONE,
  statusText,
  yearProgress,
  yearProgressText,
} from '../../../utils/hours'
import { ROUTES } from '../../../utils/routes'
import { formatTime } from '../../../utils/time'
import { TOAST_ID } from '../../../utils/toast'
import { StatusTag } from '../../../components/StatusTag'
import './index.scss'

type Mine = ResOf<'hours.mine'>

/** The year now in Beijing. */
const thisYear = () => Number(formatTime(new Date().toISOString(), 'YYYY'))

/** This year's confirmed hours against the yearly mark, as a ring (a conic gradient, no canvas). */
function YearRing({ totals }: { totals: Mine['totals'] }) {
  const share = yearProgress(totals.hours)
  const degrees = Math.round(share * 360)
  return (
    <View className='card hours-ring'>
      <View
        className='hours-ring__ring'
        style={{ background: `conic-gradient(#c8161d 0deg ${degrees}deg, #f3d6d7 ${degrees}deg 360deg)` }}
      >
        <View className='hours-ring__hole'>
          <Text className='hours-ring__figure'>{hoursText(totals.hours)}</Text>
          <Text className='hours-ring__unit'>/ {HOURS_YEAR_TARGET} 小时</Text>
        </View>
      </View>
      <View className='hours-ring__text'>
        <View className='hours-ring__progress'>{yearProgressText(totals.hours)}</View>
        <View className='muted'>
          扫码 {hoursText(totals.fromScans)} 小时{totals.makeup > 0 ? ` · 补录 ${hoursText(totals.makeup)} 小时` : ''}
        </View>
        {totals.pending > 0 && (
          <View className='muted hours-ring__pending'>另有 {hoursText(totals.pending)} 小时等网格长确认</View>
        )}
      </View>
    </View>
  )
}

function StarLevel({ allTime }: { allTime: number }) {
  const view = starView(allTime)
  return (
    <View className='card hours-stars'>
      <View className='hours-stars__row'>
        <Text className='hours-stars__stars'>{stars(view.stars)}</Text>
        <Text className='hours-stars__title'>{view.title}</Text>
      </View>
      <View className='muted'>{view.next}</View>
      <View className='muted hours-stars__levels'>累计 100 / 300 / 600 / 1000 / 1500 小时为一至五星</View>
    </View>
  )
}

const clock = (iso?: string) => (iso ? formatTime(iso, 'HH:mm') : '—')

function ActivityRow({ item }: { item: HoursItem }) {
  const unit = item.orgName ?? item.gridName
  return (
    <View className='hours-item'>
      <View className='hours-item__head'>
        <Text className='hours-item__title'>{item.title}</Text>
        <Text className='hours-item__hours'>{hoursText(item.hours)} 小时</Text>
      </View>
      <View className='muted'>
        {formatTime(item.date, 'YYYY年M月D日')}
        {unit ? ` · ${unit}` : ''}
      </View>
      <View className='muted'>
        签到 {clock(item.signInAt)} · 签退 {clock(item.signOutAt)}
      </View>
      <View className='hours-item__tags'>
        <StatusTag tone={STATUS_TONE[item.status]}>{statusText(item.status, item.note)}</StatusTag>
        {item.source === 'makeup' && <StatusTag tone='label'>补录</StatusTag>}
        {/* The note says more than the tag (a make-up's reason); the same words twice say nothing. */}
        {item.note && item.note !== statusText(item.status, item.note) && (
          <Text className='muted hours-item__note'>{item.note}</Text>
        )}
      </View>
    </View>
  )
}

function YearSwitch({ year, onChange }: { year: number; onChange: (y: number) => void }) {
  const latest = thisYear()
  return (
    <View className='hours-year'>
      <Button size='small' fill='none' onClick={() => onChange(year - 1)}>
        ‹ {year - 1}
      </Button>
      <Text className='hours-year__now'>{year} 年</Text>
      {year < latest ? (
        <Button size='small' fill='none' onClick={() => onChange(year + 1)}>
          {year + 1} ›
        </Button>
      ) : (
        <View className='hours-year__spacer' />
      )}
    </View>
  )
}

function HoursView({ year, first, onYear }: { year: number; first: Mine; onYear: (y: number) => void }) {
  const [more, setMore] = useState<{ items: HoursItem[]; nextCursor?: string }>({ items: [] })
  const [busy, run] = useAction()
  const cursor = more.items.length ? more.nextCursor : first.nextCursor
  const items = [...first.items, ...more.items]
  const loadMore = () =>
    run(async () => {
      if (!cursor) return
      const page = await call('hours.mine', { year, cursor })
      setMore({ items: [...more.items, ...page.items], nextCursor: page.nextCursor })
    })
  return (
    <>
      <YearSwitch year={year} onChange={onYear} />
      <YearRing totals={first.totals} />
      <StarLevel allTime={first.totals.allTime} />
      <Button
        className='hours-mine__certificate'
        type='primary'
        block
        onClick={() => Taro.navigateTo({ url: ROUTES.certificate(year) })}
      >
        {year} 年志愿服务记录证明
      </Button>
      <View className='section-title'>服务记录 · {items.length}</View>
      {items.length === 0 ? (
        <Empty
          title={`${year} 年还没有志愿服务`}
          description='参加标有「志愿服务 · 计入志愿时长」的召集令，签到、签退后由网格长确认，时长就记在这里。'
        />
      ) : (
        <View className='card hours-list'>
          {items.map((item) => (
            <ActivityRow key={item.summonId} item={item} />
          ))}
        </View>
      )}
      {cursor && (
        <Button block fill='outline' loading={busy} onClick={loadMore}>
          加载更多
        </Button>
      )}
      <View className='muted hours-mine__rule'>
        只有扫码签到、签退的时间计入时长：从签到（或活动开始）到签退（或活动结束），按半小时向下取整，不超过召集令写的时长；在场不足活动时长的
        60% 不计。网格长确认后时长不再变动。
      </View>
    </>
  )
}

export default function HoursMinePage() {
  const { params } = useRouter()
  const [year, setYear] = useState(() => Number(params.year) || thisYear())
  const first = useRemote(() => call('hours.mine', year === thisYear() ? {} : { year }), [year], true)
  return (
    <View className='page hours-mine'>
      <PageState loading={first.loading} error={first.error} onRetry={first.reload} cards={3}>
        {/* The answer names its year: until the newly picked year arrives, the last one stays whole. */}
        {first.data && <HoursView key={first.data.year} year={first.data.year} first={first.data} onYear={setYear} />}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
