import { View } from '@tarojs/components'
import './FieldError.scss'

/** The server's (or the page's) message for one field, right under it. */
export function FieldError({ message }: { message?: string }) {
  return message ? <View className='field-error'>{message}</View> : null
}
