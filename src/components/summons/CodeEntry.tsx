import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import type { ResOf, SummonDetail } from '../../../types'
import { SHORT_CODE_LENGTH } from '../../../types/rules'
import { useAction } from '../../hooks/useAction'
import { call } from '../../services/call'
import { newRequestId } from '../../services/codes'
import { formatTime } from '../../utils/time'
import { showError } from '../../utils/toast'
import './CodeEntry.scss'

/** Live codes are shown from two hours before the start until two hours after the end. */
const LIVE_MARGIN_MS = 2 * 3600_000

/** Whether the summon's live codes may be on a leader's phone now (so a typed code can count). */
export function codeEntryOpen(summon: SummonDetail, now = Date.now()): boolean {
  if (summon.state === 'withdrawn' || summon.hoursConfirmedAt) return false
  return now >= Date.parse(summon.startAt) - LIVE_MARGIN_MS && now <= Date.parse(summon.endAt) + LIVE_MARGIN_MS
}

type Answer = ResOf<'checkin.scan'>

function Done({ answer }: { answer: Answer }) {
  if (answer.signOut) {
    const { signInAt, signOutAt, hours, note } = answer.signOut
    return (
      <View className='code-entry__done'>
        <Text className='code-entry__done-title'>签退成功</Text>
        <Text className='muted'>
          签到 {formatTime(signInAt, 'HH:mm')} · 签退 {formatTime(signOutAt, 'HH:mm')} ·{' '}
          {note ? `这次不计时长（${note}）` : `计 ${hours} 小时，等网格长确认`}
        </Text>
      </View>
    )
  }
  return (
    <View className='code-entry__done'>
      <Text className='code-entry__done-title'>{answer.duplicate ? '已经签到过了' : '签到成功'}</Text>
      <Text className='muted'>{formatTime(answer.checkIn.at, 'M月D日 HH:mm')} 记下了，不会重复计算</Text>
    </View>
  )
}

/**
 * 输入签到码: the 6 digits under the leader's live code, typed instead of scanning (sent as
 * `{code, summonId, requestId}`); the same box takes the 签退 code of a volunteer service.
 */
export function CodeEntry({ summon, onDone }: { summon: SummonDetail; onDone: () => void }) {
  const [code, setCode] = useState('')
  const [answer, setAnswer] = useState<Answer | null>(null)
  const [busy, run] = useAction({ identity: true })
  const service = summon.service ?? summon.hours > 0

  const submit = () =>
    run(async () => {
      const digits = code.replace(/\s+/g, '')
      if (!new RegExp(`^\\d{${SHORT_CODE_LENGTH}}$`).test(digits)) {
        showError(`请输入网格长手机上显示的 ${SHORT_CODE_LENGTH} 位数字`)
        return
      }
      const result = await call('checkin.scan', { code: digits, summonId: summon.id, requestId: newRequestId() })
      setAnswer(result)
      setCode('')
      onDone()
    })

  return (
    <View className='card code-entry'>
      <View className='code-entry__title'>{service ? '输入签到 / 签退码' : '输入签到码'}</View>
      <View className='muted code-entry__hint'>
        不方便扫码时，输入网格长手机上签到码下方的 {SHORT_CODE_LENGTH} 位数字。
        {service ? '签到、签退各输一次，中间的时间计入志愿时长。' : ''}
      </View>
      <View className='code-entry__row'>
        <Input
          className='code-entry__input'
          type='number'
          placeholder={`${SHORT_CODE_LENGTH} 位数字`}
          maxLength={SHORT_CODE_LENGTH}
          value={code}
          onChange={(value) => setCode(value)}
        />
        <Button className='code-entry__submit' type='primary' loading={busy} onClick={submit}>
          提交
        </Button>
      </View>
      {answer && <Done answer={answer} />}
    </View>
  )
}
