import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { DatePicker } from '@nutui/nutui-react-taro'
import type { PickerValue } from '@nutui/nutui-react-taro/dist/es/types'
import { formatTime } from '../../utils/time'
import { fromPickerFields, toPickerDate } from '../../utils/summons'
import { DAY_MS } from '../../../types/rules'
import '../PickerField.scss'

interface Props {
  /** Injected by `Form.Item`: an ISO time, or empty. */
  value?: string
  onChange?: (value: string) => void
  title: string
  placeholder: string
  /** Offers 清除 next to a chosen time (for optional fields). */
  clearable?: boolean
  /** Called after a time is picked (for fields that depend on this one). */
  onPicked?: (value: string) => void
}

const YEAR_MS = 366 * DAY_MS

/** A form control for a date and time (Beijing): shows the choice, opens a NutUI DatePicker on tap. */
export function DateTimeField({ value, onChange, title, placeholder, clearable, onPicked }: Props) {
  const [open, setOpen] = useState(false)
  const now = new Date()
  const confirm = (values: PickerValue[]) => {
    const [y, mo, d, h, mi] = values.map(Number)
    const picked = fromPickerFields(y, mo, d, h, mi)
    onChange?.(picked)
    onPicked?.(picked)
  }
  return (
    <>
      <View className='picker-field' onClick={() => setOpen(true)}>
        <Text className={value ? 'picker-field__value' : 'picker-field__placeholder'}>
          {value ? formatTime(value, 'YYYY年M月D日 ddd HH:mm') : placeholder}
        </Text>
        {clearable && value ? (
          <Text
            className='picker-field__arrow'
            onClick={(e) => {
              e.stopPropagation()
              onChange?.('')
            }}
          >
            清除
          </Text>
        ) : (
          <Text className='picker-field__arrow'>›</Text>
        )}
      </View>
      <DatePicker
        title={title}
        type='datetime'
        visible={open}
        showChinese
        minuteStep={5}
        startDate={toPickerDate(now.toISOString())}
        endDate={new Date(now.getTime() + YEAR_MS)}
        value={value ? toPickerDate(value) : undefined}
        onConfirm={(_options, values) => confirm(values)}
        onClose={() => setOpen(false)}
      />
    </>
  )
}
