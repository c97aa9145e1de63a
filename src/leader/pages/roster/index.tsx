import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Cell, Toast } from '@nutui/nutui-react-taro'
import type { ReactNode } from 'react'
import { Empty } from '../../../components/Empty'
import type { RosterEntry, SummonDetail } from '../../../../types'
import { PageState } from '../../../components/PageState'
import { StateBadge } from '../../../components/summons/StateBadge'
import { useAction } from '../../../hooks/useAction'
import { useRemote } from '../../../hooks/useSession'
import { call } from '../../../services/call'
import { saveCsv } from '../../../services/csvFile'
import { ROUTES } from '../../../utils/routes'
import { gridLabel, groupRoster, type RosterGroups, whenLabel } from '../../../utils/summons'
import { formatTime } from '../../../utils/time'
import { showSuccess, TOAST_ID } from '../../../utils/toast'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import { HoursPanel } from '../../components/HoursPanel'
import { StatusTag } from '../../../components/StatusTag'
import { ATTENDANCE_TONE } from '../../../utils/status-colours'
import './index.scss'

const signedUp = (e: RosterEntry) =>
  e.signedUpAt
    ? `${formatTime(e.signedUpAt, 'M月D日 HH:mm')} 报名`
    : `未报名 · ${formatTime(e.attendedAt ?? '', 'M月D日 HH:mm')} 现场签到`

function Counts({ groups }: { groups: RosterGroups }) {
  const counts: [string, number][] = [
    ['已报名', groups.confirmed.length],
    ['已签到', groups.attended.length],
    ['现场签到', groups.walkins.length],
    ['候补', groups.waitlisted.length],
    ['已取消', groups.cancelled.length],
  ]
  return (
    <View className='card roster__counts'>
      {counts.map(([label, n]) => (
        <View key={label} className='roster__count'>
          <Text className='roster__count-number'>{n}</Text>
          <Text className='muted'>{label}</Text>
        </View>
      ))}
    </View>
  )
}

function Group({ title, entries, empty, extra }: GroupProps) {
  return (
    <>
      <View className='section-title'>
        {title} · {entries.length}
      </View>
      {entries.length === 0 ? (
        <View className='muted roster__group-empty'>{empty}</View>
      ) : (
        <Cell.Group>
          {entries.map((e) => (
            <Cell key={e.openid} title={e.name} description={signedUp(e)} extra={extra(e)} />
          ))}
        </Cell.Group>
      )}
    </>
  )
}

interface GroupProps {
  title: string
  entries: RosterEntry[]
  empty: string
  extra: (e: RosterEntry) => ReactNode
}

function attendance(summon: SummonDetail) {
  const started = summon.state === 'live' || summon.state === 'ended'
  return (e: RosterEntry) =>
    e.attendedAt ? (
      <StatusTag tone={ATTENDANCE_TONE.attended}>已签到 {formatTime(e.attendedAt, 'HH:mm')}</StatusTag>
    ) : started ? (
      <StatusTag tone={ATTENDANCE_TONE.absent}>未签到</StatusTag>
    ) : null
}

function ExportButton({ summonId, disabled }: { summonId: string; disabled: boolean }) {
  const [busy, run] = useAction()
  const exportCsv = () =>
    run(async () => {
      const outcome = await saveCsv(await call('summons.exportRoster', { summonId }))
      if (outcome === 'downloaded') showSuccess('名单已下载')
    })
  return (
    <Button
      className='roster__export'
      type='primary'
      fill='outline'
      block
      loading={busy}
      disabled={disabled}
      onClick={exportCsv}
    >
      {process.env.TARO_ENV === 'weapp' ? '导出 CSV 并发送到聊天' : '导出 CSV'}
    </Button>
  )
}

function RosterView({ summon, items }: { summon: SummonDetail; items: RosterEntry[] }) {
  const groups = groupRoster(items)
  // Volunteer service (hours > 0) credits hours: its roster shows each member's and a sign-out code.
  const service = summon.service ?? summon.hours > 0
  return (
    <>
      <View className='card'>
        <View className='roster__head'>
          <Text className='roster__title'>{summon.title}</Text>
          <StateBadge state={summon.state} />
        </View>
        <View className='muted'>
          {gridLabel(summon)} · {whenLabel(summon.startAt)}
        </View>
      </View>
      <Counts groups={groups} />
      {service && <HoursPanel summon={summon} />}
      {items.length === 0 ? (
        <Empty title='还没有人报名' description='把召集令分享到网格群里，青年点开就能一键报名。' />
      ) : (
        <>
          <Group title='已报名' entries={groups.confirmed} empty='目前没有已报名的人' extra={attendance(summon)} />
          <Group
            title='现场签到'
            entries={groups.walkins}
            empty='没有未报名就来签到的人'
            extra={(e) => (
              <StatusTag tone={ATTENDANCE_TONE.attended}>现场签到 {formatTime(e.attendedAt ?? '', 'HH:mm')}</StatusTag>
            )}
          />
          <Group
            title='候补'
            entries={groups.waitlisted}
            empty='没有人在候补'
            extra={(e) => <StatusTag tone={ATTENDANCE_TONE.waitlisted}>第 {e.position} 位</StatusTag>}
          />
          <Group title='已取消' entries={groups.cancelled} empty='没有人取消' extra={() => null} />
        </>
      )}
      <ExportButton summonId={summon.id} disabled={items.length === 0} />
      {summon.state !== 'withdrawn' && (
        <Button
          block
          fill='outline'
          type='primary'
          style={{ marginTop: '12px' }}
          onClick={() => Taro.navigateTo({ url: ROUTES.liveCode(summon.id) })}
        >
          出示签到码
        </Button>
      )}
      {service && summon.state !== 'withdrawn' && (
        <Button
          block
          fill='outline'
          type='primary'
          style={{ marginTop: '12px' }}
          onClick={() => Taro.navigateTo({ url: ROUTES.liveCode(summon.id, 'out') })}
        >
          出示签退码
        </Button>
      )}
    </>
  )
}

export default function RosterPage() {
  const { params } = useRouter()
  const summonId = params.id ? decodeURIComponent(params.id) : ''
  const data = useRemote(
    async () => {
      if (!summonId) throw new Error('没有指定召集令')
      const [summon, roster] = await Promise.all([
        call('summons.get', { summonId }),
        call('summons.roster', { summonId }),
      ])
      return { summon, items: roster.items }
    },
    [summonId],
    true,
  )
  return (
    <View className='page roster'>
      <PageState loading={data.loading} error={data.error} onRetry={data.reload} cards={3}>
        {data.data && <RosterView summon={data.data.summon} items={data.data.items} />}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
