import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { normalizeCode } from '../../services/codes'
import { showError } from '../../utils/toast'
import { openOtherCode } from './codes'

interface ManualEntryProps {
  onSubmit: (code: string) => void
  busy: boolean
  /** Bumped when a check-in went through (or was queued): the field empties then, and only then. */
  doneCount: number
}

/** 手动输入: the text stays after a refusal, so one wrong character can be corrected. */
export function ManualEntry({ onSubmit, busy, doneCount }: ManualEntryProps) {
  const [text, setText] = useState('')
  useEffect(() => {
    if (doneCount > 0) setText('')
  }, [doneCount])
  const submit = () => {
    if (openOtherCode(text)) return
    const code = normalizeCode(text)
    if (!code) {
      showError('报到码的格式不对，请对照海报或签到码下方的文字再输一次')
      return
    }
    onSubmit(code)
  }
  return (
    <View className='card checkin-manual'>
      <View className='checkin-manual__title'>手动输入</View>
      <View className='muted'>扫不出来时，输入海报码或签到码下方的一串字符。</View>
      <View className='checkin-manual__row'>
        <Input
          className='checkin-manual__input'
          placeholder='例如 P.abc123.XXXXXXXX'
          value={text}
          onChange={setText}
          clearable
        />
        <Button type='primary' disabled={busy || !text.trim()} onClick={submit}>
          报到
        </Button>
      </View>
    </View>
  )
}
