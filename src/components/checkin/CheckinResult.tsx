import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { ErrorCode } from '../../../types'
import type { ScanResult } from '../../services/offlineQueue'
import { refusalOf, verificationText } from '../../utils/checkin'
import { formatTime } from '../../utils/time'
import { StatusTag } from '../StatusTag'
import { CHECKIN_TONE, MEMBERSHIP_TONE } from '../../utils/status-colours'
import './CheckinResult.scss'

interface SuccessProps {
  result: ScanResult
  onAgain: () => void
}

/** 报到成功 / 签到成功 (or 已报到过 for a repeat): where, when and how it was verified. */
export function CheckinSuccess({ result, onAgain }: SuccessProps) {
  const { checkIn, grid, summon, firstReport, duplicate, signOut } = result
  const live = checkIn.method === 'live'
  const title = signOut ? '签退成功' : duplicate ? '已报到过' : live ? '签到成功' : '报到成功'
  return (
    <View className={`card checkin-result checkin-result--${duplicate ? 'repeat' : 'ok'}`}>
      <View className='checkin-result__mark'>{duplicate ? '✓' : '✔'}</View>
      <View className='checkin-result__title'>{title}</View>
      {summon && <View className='checkin-result__summon'>{summon.title}</View>}
      <View className='checkin-result__grid'>{grid.name}</View>
      <View className='checkin-result__tags'>
        {firstReport && !duplicate && <StatusTag tone={MEMBERSHIP_TONE.member}>首次报到 · 已加入网格</StatusTag>}
        <StatusTag tone={CHECKIN_TONE}>{verificationText(checkIn.verifiedBy)}</StatusTag>
      </View>
      {signOut ? (
        <View className='checkin-result__hours'>
          <View>
            签到 {formatTime(signOut.signInAt, 'HH:mm')} · 签退 {formatTime(signOut.signOutAt, 'HH:mm')}
          </View>
          <View className='checkin-result__hours-figure'>
            {signOut.note ? `这次不计时长：${signOut.note}` : `计 ${signOut.hours} 小时志愿时长，等网格长确认`}
          </View>
        </View>
      ) : (
        <View className='muted checkin-result__time'>
          {duplicate ? '刚才已经记下了，不会重复计算 · ' : ''}
          {formatTime(checkIn.at, 'M月D日 HH:mm')}
        </View>
      )}
      <Button className='checkin-result__again' fill='outline' type='primary' onClick={onAgain}>
        完成
      </Button>
    </View>
  )
}

interface RefusedProps {
  code: ErrorCode | 'NETWORK'
  message: string
  onAgain: () => void
}

/** A refusal in plain words, with what to do next. */
export function CheckinRefused({ code, message, onAgain }: RefusedProps) {
  const refusal = refusalOf(code)
  return (
    <View className='card checkin-result checkin-result--refused'>
      <View className='checkin-result__mark'>!</View>
      <View className='checkin-result__title'>{refusal.title}</View>
      <View className='checkin-result__message'>{message}</View>
      <View className='muted checkin-result__advice'>{refusal.advice}</View>
      <Button className='checkin-result__again' type='primary' onClick={onAgain}>
        知道了
      </Button>
    </View>
  )
}
