import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Dialog, Input, TextArea } from '@nutui/nutui-react-taro'
import type { HoursRoster, HoursRosterItem, SummonDetail } from '../../../types'
import { Empty } from '../../components/Empty'
import { PageState } from '../../components/PageState'
import { useAction } from '../../hooks/useAction'
import { useRemote } from '../../hooks/useSession'
import { call, CallError } from '../../services/call'
import { saveCsv } from '../../services/csvFile'
import { hoursText, STATUS_TONE, statusText } from '../../utils/hours'
import { formatTime } from '../../utils/time'
import { showSuccess } from '../../utils/toast'
import { StatusTag } from '../../components/StatusTag'
import './HoursPanel.scss'

const REASON_MIN = 2
const REASON_MAX = 100
const clock = (iso?: string) => (iso ? formatTime(iso, 'HH:mm') : '—')

/** What 确认时长 will credit: each member's hours (a make-up's when there is one), the total first. */
export function confirmSummary(roster: HoursRoster): { people: number; total: number } {
  const credited = roster.items.filter((i) => i.hours > 0)
  return { people: credited.length, total: credited.reduce((sum, i) => sum + i.hours, 0) }
}

/** The make-up form's own checks (the server checks again and names the field). */
export function makeupProblems(hours: string, reason: string, planned: number): { hours?: string; reason?: string } {
  const problems: { hours?: string; reason?: string } = {}
  const n = Number(hours.trim())
  if (!hours.trim() || !Number.isFinite(n)) problems.hours = '请填写补录后的时长'
  else if (n < 0) problems.hours = '不能小于 0'
  else if (n > planned) problems.hours = `不能超过这次活动的 ${hoursText(planned)} 小时`
  else if (!Number.isInteger(n * 2)) problems.hours = '请按半小时填写，如 2 或 1.5'
  const length = [...reason.trim()].length
  if (length < REASON_MIN) problems.reason = `请写明补录原因（${REASON_MIN}–${REASON_MAX} 个字）`
  else if (length > REASON_MAX) problems.reason = `原因不能超过 ${REASON_MAX} 个字`
  return problems
}

function Row({ item, onMakeup }: { item: HoursRosterItem; onMakeup: (i: HoursRosterItem) => void }) {
  return (
    <View className='hours-panel__row'>
      <View className='hours-panel__who'>
        <Text className='hours-panel__name'>{item.name}</Text>
        <Text className='muted'>
          签到 {clock(item.signInAt)} · 签退 {clock(item.signOutAt)} · 算得 {hoursText(item.computed)} 小时
        </Text>
        {item.makeup && (
          <Text className='muted hours-panel__makeup'>
            补录 {hoursText(item.makeup.from)} → {hoursText(item.makeup.to)} 小时：{item.makeup.reason}（
            {item.makeup.by}）
          </Text>
        )}
      </View>
      <View className='hours-panel__side'>
        <Text className='hours-panel__hours'>{hoursText(item.hours)} 小时</Text>
        <View className='hours-panel__tags'>
          <StatusTag tone={STATUS_TONE[item.status]}>{statusText(item.status, item.note)}</StatusTag>
          {item.makeup && <StatusTag tone='label'>补录</StatusTag>}
        </View>
        <Button className='hours-panel__makeup-button' size='small' fill='outline' onClick={() => onMakeup(item)}>
          补录
        </Button>
      </View>
    </View>
  )
}

interface MakeupProps {
  summonId: string
  planned: number
  item: HoursRosterItem
  onClose: () => void
  onSaved: () => void
}

function MakeupDialog({ summonId, planned, item, onClose, onSaved }: MakeupProps) {
  const [hours, setHours] = useState(hoursText(item.hours))
  const [reason, setReason] = useState('')
  const [problems, setProblems] = useState<{ hours?: string; reason?: string; other?: string }>({})
  const [busy, setBusy] = useState(false)
  const save = async () => {
    const found = makeupProblems(hours, reason, planned)
    setProblems(found)
    if (found.hours || found.reason || busy) return
    setBusy(true)
    try {
      await call('hours.makeup', { summonId, openid: item.openid, hours: Number(hours), reason: reason.trim() })
      showSuccess('已补录')
      onSaved()
    } catch (err) {
      const fields = err instanceof CallError ? err.fields : undefined
      const message = err instanceof CallError ? err.message : '网络好像不太顺畅，请稍后再试'
      setProblems({
        hours: fields?.hours,
        reason: fields?.reason,
        other: fields?.hours || fields?.reason ? '' : message,
      })
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog
      visible
      title={`为 ${item.name} 补录时长`}
      confirmText={busy ? '正在保存…' : '保存补录'}
      cancelText='取消'
      onConfirm={() => void save()}
      onCancel={onClose}
      content={
        <View className='hours-makeup'>
          <View className='muted hours-makeup__facts'>
            扫码算得 {hoursText(item.computed)} 小时（签到 {clock(item.signInAt)} · 签退 {clock(item.signOutAt)}
            ），本次活动最多 {hoursText(planned)} 小时。补录会记下你的名字、时间和原因，管理员可以查看。
          </View>
          <Input
            className='hours-makeup__hours'
            type='digit'
            placeholder={`补录后的时长，0–${hoursText(planned)}`}
            value={hours}
            maxLength={4}
            onChange={(value) => {
              setHours(value)
              setProblems({ ...problems, hours: undefined })
            }}
          />
          {problems.hours && <Text className='hours-makeup__problem'>{problems.hours}</Text>}
          <TextArea
            className='hours-makeup__reason'
            placeholder='补录原因，如：手机没电未能扫码签退，现场有签到表'
            value={reason}
            maxLength={REASON_MAX}
            showCount
            onChange={(value) => {
              setReason(value)
              setProblems({ ...problems, reason: undefined })
            }}
          />
          {problems.reason && <Text className='hours-makeup__problem'>{problems.reason}</Text>}
          {problems.other && <Text className='hours-makeup__problem'>{problems.other}</Text>}
        </View>
      }
    />
  )
}

function ConfirmDialog({
  roster,
  onClose,
  onConfirm,
}: {
  roster: HoursRoster
  onClose: () => void
  onConfirm: () => void
}) {
  const { people, total } = confirmSummary(roster)
  return (
    <Dialog
      visible
      title='确认时长'
      confirmText='确认'
      cancelText='再看看'
      onConfirm={onConfirm}
      onCancel={onClose}
      content={
        <View className='hours-confirm'>
          <View className='hours-confirm__sum'>
            将为 {people} 人确认共 {hoursText(total)} 小时志愿时长
          </View>
          {roster.items.map((i) => (
            <View className='hours-confirm__row' key={i.openid}>
              <Text>{i.name}</Text>
              <Text>
                {hoursText(i.hours)} 小时{i.hours === 0 ? `（${statusText(i.status, i.note)}）` : ''}
              </Text>
            </View>
          ))}
          <View className='muted hours-confirm__note'>确认后扫码不再改变时长，青年的「志愿时长」里会记为已确认。</View>
        </View>
      }
    />
  )
}

/**
 * The volunteer hours of a service summon on the leader's roster: each member's sign-in, sign-out and
 * computed hours, 确认时长 after the end (the computed hours shown first), 补录 with a reason, and the
 * hours as a CSV file.
 */
export function HoursPanel({ summon }: { summon: SummonDetail }) {
  const roster = useRemote(() => call('hours.roster', { summonId: summon.id }), [summon.id], true)
  const [editing, setEditing] = useState<HoursRosterItem | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [confirmBusy, runConfirm] = useAction()
  const [exportBusy, runExport] = useAction()
  const data = roster.data

  const confirm = () =>
    runConfirm(async () => {
      setConfirming(false)
      const answer = await call('hours.confirm', { summonId: summon.id })
      showSuccess(`已确认 ${answer.confirmed} 人的时长`)
      roster.reload()
    })
  const exportCsv = () =>
    runExport(async () => {
      const outcome = await saveCsv(await call('hours.export', { summonId: summon.id }))
      if (outcome === 'downloaded') showSuccess('时长表已下载')
    })

  return (
    <View className='hours-panel'>
      <View className='section-title'>志愿时长 · 每人最多 {hoursText(summon.hours)} 小时</View>
      <PageState loading={roster.loading} error={roster.error} onRetry={roster.reload} cards={1}>
        {data && (
          <View className='card'>
            <View className='hours-panel__state'>
              {data.confirmedAt ? (
                <StatusTag tone='done'>已确认 · {formatTime(data.confirmedAt, 'M月D日 HH:mm')}</StatusTag>
              ) : data.ended ? (
                <Text className='hours-panel__todo'>活动已结束，核对下面每个人的时长后点「确认时长」。</Text>
              ) : (
                <Text className='muted'>签到、签退都扫码后自动算出时长；活动结束后由你确认。</Text>
              )}
            </View>
            {data.items.length === 0 ? (
              <Empty size='small' title='还没有人签到' description='活动开始后出示签到码，结束时出示签退码。' />
            ) : (
              data.items.map((item) => <Row key={item.openid} item={item} onMakeup={setEditing} />)
            )}
            {data.ended && !data.confirmedAt && (
              <Button
                className='hours-panel__confirm'
                type='primary'
                block
                loading={confirmBusy}
                disabled={data.items.length === 0}
                onClick={() => setConfirming(true)}
              >
                确认时长
              </Button>
            )}
            <Button
              className='hours-panel__export'
              fill='outline'
              type='primary'
              block
              loading={exportBusy}
              disabled={data.items.length === 0}
              onClick={exportCsv}
            >
              {process.env.TARO_ENV === 'weapp' ? '导出时长 CSV 并发送到聊天' : '导出时长 CSV'}
            </Button>
          </View>
        )}
      </PageState>
      {data && confirming && <ConfirmDialog roster={data} onClose={() => setConfirming(false)} onConfirm={confirm} />}
      {data && editing && (
        <MakeupDialog
          summonId={summon.id}
          planned={data.planned}
          item={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null)
            roster.reload()
          }}
        />
      )}
    </View>
  )
}
