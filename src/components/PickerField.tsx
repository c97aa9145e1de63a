import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Picker } from '@nutui/nutui-react-taro'
import './PickerField.scss'

export interface Choice {
  value: string
  label: string
}

interface Props {
  /** Injected by `Form.Item`. */
  value?: string
  onChange?: (value: string) => void
  choices: Choice[]
  title: string
  placeholder: string
}

/** A form control that shows the chosen label and opens a NutUI Picker on tap. */
export function PickerField({ value, onChange, choices, title, placeholder }: Props) {
  const [open, setOpen] = useState(false)
  const chosen = choices.find((c) => c.value === value)
  return (
    <>
      <View className='picker-field' onClick={() => setOpen(true)}>
        <Text className={chosen ? 'picker-field__value' : 'picker-field__placeholder'}>
          {chosen ? chosen.label : placeholder}
        </Text>
        <Text className='picker-field__arrow'>›</Text>
      </View>
      <Picker
        title={title}
        visible={open}
        options={[choices]}
        value={value ? [value] : undefined}
        // NutUI answers no value when 确认 is tapped before the roller moved (jdf2e/nutui-react#1049):
        // the user confirmed what the roller shows, the current choice or else the first one.
        onConfirm={(_options, values) => onChange?.(String(values[0] ?? value ?? choices[0]?.value ?? ''))}
        onClose={() => setOpen(false)}
      />
    </>
  )
}
