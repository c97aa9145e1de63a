import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Empty } from '../../../components/Empty'
import { LoadingCards } from '../../../components/PageState'
import { failureOf } from '../../../hooks/useAction'
import { ensureIdentity, useRemote } from '../../../hooks/useSession'
import { call } from '../../../services/call'
import { formatTime } from '../../../utils/time'
import {
  clockSkew,
  frameAt,
  REFETCH_WHEN_LEFT,
  scheduleOf,
  type LiveFrame,
  type ScheduledCode,
} from '../../utils/liveSchedule'
import { qrDataUrl } from '../../utils/qr'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import type { LivePhase } from '../../../../types'
import './index.scss'

const PHASE_LABELS: Record<LivePhase, string> = { in: '签到', out: '签退' }

interface Rotation {
  schedule: ScheduledCode[]
  skew: number
  rotateSeconds: number
}

/**
 * Fetches the signed codes of a phase (签到 or 签退), then shows the right one each second; fetches again
 * when few are left, and afresh when the phase changes (an answer for the other phase is dropped).
 */
function useLiveCode(summonId: string, phase: LivePhase) {
  const [rotation, setRotation] = useState<(Rotation & { phase: LivePhase }) | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [now, setNow] = useState(Date.now())
  const fetching = useRef<LivePhase | null>(null)
  const wanted = useRef(phase)
  wanted.current = phase

  const fetchCodes = useCallback(async () => {
    if (fetching.current === phase || !ensureIdentity()) return
    fetching.current = phase
    try {
      // The default phase is asked for as before, so a server without 签退 answers it too.
      const answer = await call('checkin.liveCode', phase === 'in' ? { summonId } : { summonId, phase })
      if (wanted.current !== phase) return
      const schedule = scheduleOf(answer)
      setRotation({
        schedule,
        skew: clockSkew(schedule, answer.rotateSeconds, Date.now()),
        rotateSeconds: answer.rotateSeconds,
        phase,
      })
      setError(null)
    } catch (err) {
      if (wanted.current !== phase) return
      setError(failureOf(err))
    } finally {
      if (fetching.current === phase) fetching.current = null
    }
  }, [summonId, phase])

  useEffect(() => {
    void fetchCodes()
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [fetchCodes])

  const current = rotation?.phase === phase ? rotation : null
  const frame: LiveFrame | null = current ? frameAt(current.schedule, now - current.skew) : null
  useEffect(() => {
    if (frame && frame.remaining <= REFETCH_WHEN_LEFT) void fetchCodes()
  }, [frame?.remaining, fetchCodes]) // eslint-disable-line react-hooks/exhaustive-deps

  return { frame, rotateSeconds: current?.rotateSeconds ?? 0, error, retry: fetchCodes }
}

function keepScreenOn(on: boolean) {
  if (process.env.TARO_ENV === 'weapp') Taro.setKeepScreenOn({ keepScreenOn: on }).catch(() => undefined)
}

/** 123456 → 123 456, easier to read out and type. */
const spaced = (digits: string) => digits.replace(/^(\d{3})(\d{3})$/, '$1 $2')

function PhaseSwitch({ phase, onChange }: { phase: LivePhase; onChange: (p: LivePhase) => void }) {
  return (
    <View className='live-code__phases'>
      {(['in', 'out'] as const).map((p) => (
        <View
          key={p}
          className={`live-code__phase${p === phase ? ' live-code__phase--on' : ''}`}
          onClick={() => onChange(p)}
        >
          {PHASE_LABELS[p]}
        </View>
      ))}
    </View>
  )
}

export default function LiveCodePage() {
  const { params } = useRouter()
  const summonId = params.summonId ? decodeURIComponent(params.summonId) : ''
  const [phase, setPhase] = useState<LivePhase>(params.phase === 'out' ? 'out' : 'in')
  const summon = useRemote(() => call('summons.get', { summonId }), [summonId, phase])
  const live = useLiveCode(summonId, phase)
  const image = useMemo(() => (live.frame ? qrDataUrl(live.frame.code, 10, 2) : ''), [live.frame?.code]) // eslint-disable-line react-hooks/exhaustive-deps
  // 签到 and 签退: only volunteer service (hours > 0) credits hours, so only it has a sign-out code.
  const service = Boolean(summon.data && (summon.data.service ?? summon.data.hours > 0))
  const label = PHASE_LABELS[phase]

  useDidShow(() => keepScreenOn(true))
  useDidHide(() => keepScreenOn(false))

  if (live.error && !live.frame) {
    return (
      <View className='page'>
        {service && <PhaseSwitch phase={phase} onChange={setPhase} />}
        <Empty status='error' title={`暂时不能出示${label}码`} description={live.error}>
          <Button type='primary' onClick={() => void live.retry()}>
            重试
          </Button>
        </Empty>
      </View>
    )
  }

  const counts = summon.data?.counts
  return (
    <View className={`live-code live-code--${phase}`}>
      <View className='live-code__title'>{summon.data?.title ?? `活动${label}`}</View>
      {summon.data && (
        <View className='live-code__meta'>
          {summon.data.gridName} · {formatTime(summon.data.startAt, 'M月D日 HH:mm')}
          {service ? ` · 志愿服务 ${summon.data.hours} 小时` : ''}
        </View>
      )}
      {service && <PhaseSwitch phase={phase} onChange={setPhase} />}
      {live.frame ? (
        <View className='live-code__card'>
          <View className='live-code__card-title'>{label}码</View>
          <Image className='live-code__image' src={image} />
          <View className='live-code__countdown'>
            <Text className='live-code__seconds'>{live.frame.secondsLeft}</Text> 秒后更新
          </View>
          {live.frame.shortCode && (
            <View className='live-code__short'>
              <Text className='live-code__short-label'>不方便扫码？在召集令页面输入</Text>
              <Text className='live-code__short-code' userSelect>
                {spaced(live.frame.shortCode)}
              </Text>
            </View>
          )}
          <Text className='live-code__text' userSelect>
            {live.frame.code}
          </Text>
        </View>
      ) : (
        <LoadingCards count={1} />
      )}
      <View className='live-code__tip'>
        {phase === 'out'
          ? '活动结束时请青年扫这个码签退，签到到签退的时间计入志愿时长。'
          : '请青年打开「二维报到」，点「扫码报到」扫这个码。'}
        码每 {live.rotateSeconds || '…'} 秒更新一次，截图转发无效。
      </View>
      {counts && (
        <View className='live-code__count'>
          已签到 {counts.attended} 人{counts.walkins > 0 ? ` · 现场签到 ${counts.walkins} 人` : ''}
          {service ? ` · 已签退 ${counts.signedOut ?? 0} 人` : ''}（返回再进入可刷新）
        </View>
      )}
      <PrivacyConsent />
    </View>
  )
}
