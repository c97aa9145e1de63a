import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { Button, Input, Toast } from '@nutui/nutui-react-taro'
import type { HoursVerification } from '../../../../types'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import { useAction } from '../../../hooks/useAction'
import { call } from '../../../services/call'
import { hoursText } from '../../../utils/hours'
import { verifyNumberIn } from '../../../utils/routes'
import { TOAST_ID, showError } from '../../../utils/toast'
import { dateText, dayText } from '../../utils/certificateImage'
import './index.scss'

const queryValue = (value?: string) => {
  if (!value) return ''
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

function Result({ number, result }: { number: string; result: HoursVerification }) {
  if (!result.valid) {
    return (
      <View className='card verify-result verify-result--invalid'>
        <View className='verify-result__title'>没有查到这份证明</View>
        <View className='muted verify-result__text'>
          编号「{number}」不是二维报到出具的证明，或者编号被改动过。请核对证明上的编号再试，或联系出具单位。
        </View>
      </View>
    )
  }
  return (
    <View className='card verify-result verify-result--valid'>
      <View className='verify-result__title'>✓ 证明有效</View>
      <View className='verify-result__rows'>
        <View className='verify-result__row'>
          <Text className='muted'>志愿者</Text>
          <Text>{result.name}</Text>
        </View>
        <View className='verify-result__row'>
          <Text className='muted'>服务期间</Text>
          <Text>
            {dayText(result.period.from)} 至 {dayText(result.period.to)}
          </Text>
        </View>
        <View className='verify-result__row'>
          <Text className='muted'>累计时长</Text>
          <Text className='verify-result__hours'>{hoursText(result.totalHours)} 小时</Text>
        </View>
        <View className='verify-result__row'>
          <Text className='muted'>出具日期</Text>
          <Text>{dateText(result.issuedAt)}</Text>
        </View>
      </View>
      <View className='muted verify-result__text'>
        为保护个人信息，姓名只显示首尾字。时长以出具当日经确认的记录为准。
      </View>
    </View>
  )
}

export default function VerifyPage() {
  const { params } = useRouter()
  const given = queryValue(params.number)
  const [number, setNumber] = useState(given)
  const [checked, setChecked] = useState<{ number: string; result: HoursVerification } | null>(null)
  const [busy, run] = useAction({ identity: true })

  const verify = (value: string) =>
    run(async () => {
      // A pasted verify link works as well as the bare number.
      const wanted = (verifyNumberIn(value) ?? value).trim()
      if (!wanted) {
        showError('请输入证明上的编号')
        return
      }
      setChecked({ number: wanted, result: await call('hours.verify', { number: wanted }) })
    })

  useEffect(() => {
    if (given) void verify(given)
  }, [given]) // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <View className='page verify'>
      <View className='card'>
        <View className='verify__title'>核验志愿服务记录证明</View>
        <View className='muted verify__hint'>扫证明上的二维码会直接打开这里；也可以输入证明上的编号。</View>
        <Input
          className='verify__input'
          placeholder='证明编号'
          value={number}
          clearable
          onChange={(value) => setNumber(value)}
        />
        <Button type='primary' block loading={busy} onClick={() => verify(number)}>
          核验
        </Button>
      </View>
      {checked && <Result number={checked.number} result={checked.result} />}
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
