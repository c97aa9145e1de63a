import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Empty } from '../../../components/Empty'
import { LoadingCards } from '../../../components/PageState'
import { ensureIdentity, handleAuthError, useRemote } from '../../../hooks/useSession'
import { call, messageOf } from '../../../services/call'
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
import './index.scss'

interface Rotation {
  schedule: ScheduledCode[]
  skew: number
  rotateSeconds: number
}

/** Fetches the signed codes, then shows the right one each second; fetches again when few are left. */
function useLiveCode(summonId: string) {
  const [rotation, setRotation] = useState<Rotation | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [now, setNow] = useState(Date.now())
  const fetching = useRef(false)

  const fetchCodes = useCallback(async () => {
    if (fetching.current || !ensureIdentity()) return
    fetching.current = true
    try {
      const answer = await call('checkin.liveCode', { summonId })
      const schedule = scheduleOf(answer)
      setRotation({
        schedule,
        skew: clockSkew(schedule, answer.rotateSeconds, Date.now()),
        rotateSeconds: answer.rotateSeconds,
      })
      setError(null)
    } catch (err) {
      handleAuthError(err)
      setError(messageOf(err))
    } finally {
      fetching.current = false
    }
  }, [summonId])

  useEffect(() => {
    void fetchCodes()
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [fetchCodes])

  const frame: LiveFrame | null = rotation ? frameAt(rotation.schedule, now - rotation.skew) : null
  useEffect(() => {
    if (frame && frame.remaining <= REFETCH_WHEN_LEFT) void fetchCodes()
  }, [frame?.remaining, fetchCodes]) // eslint-disable-line react-hooks/exhaustive-deps

  return { frame, rotateSeconds: rotation?.rotateSeconds ?? 0, error, retry: fetchCodes }
}

function keepScreenOn(on: boolean) {
  if (process.env.TARO_ENV === 'weapp') Taro.setKeepScreenOn({ keepScreenOn: on }).catch(() => undefined)
}

export default function LiveCodePage() {
  const { params } = useRouter()
  const summonId = params.summonId ? decodeURIComponent(params.summonId) : ''
  const summon = useRemote(() => call('summons.get', { summonId }), [summonId])
  const live = useLiveCode(summonId)
  const image = useMemo(() => (live.frame ? qrDataUrl(live.frame.code, 10, 2) : ''), [live.frame?.code]) // eslint-disable-line react-hooks/exhaustive-deps

  useDidShow(() => keepScreenOn(true))
  useDidHide(() => keepScreenOn(false))

  if (live.error && !live.frame) {
    return (
      <View className='page'>
        <Empty status='error' title='暂时不能出示签到码' description={live.error}>
          <Button type='primary' onClick={() => void live.retry()}>
            重试
          </Button>
        </Empty>
      </View>
    )
  }

  return (
    <View className='live-code'>
      <View className='live-code__title'>{summon.data?.title ?? '活动签到'}</View>
      {summon.data && (
        <View className='live-code__meta'>
          {summon.data.gridName} · {formatTime(summon.data.startAt, 'M月D日 HH:mm')}
        </View>
      )}
      {live.frame ? (
        <View className='live-code__card'>
          <Image className='live-code__image' src={image} />
          <View className='live-code__countdown'>
            <Text className='live-code__seconds'>{live.frame.secondsLeft}</Text> 秒后更新
          </View>
          <Text className='live-code__text' userSelect>
            {live.frame.code}
          </Text>
        </View>
      ) : (
        <LoadingCards count={1} />
      )}
      <View className='live-code__tip'>
        请青年打开「二维报到」，点「扫码报到」扫这个码。码每 {live.rotateSeconds || '…'} 秒更新一次，截图转发无效。
      </View>
      {summon.data && (
        <View className='live-code__count'>
          已签到 {summon.data.counts.attended} 人
          {summon.data.counts.walkins > 0 ? ` · 现场签到 ${summon.data.counts.walkins} 人` : ''}（返回再进入可刷新）
        </View>
      )}
      <PrivacyConsent />
    </View>
  )
}
