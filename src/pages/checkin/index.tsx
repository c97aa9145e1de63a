import { View } from '@tarojs/components'
import { Empty } from '@nutui/nutui-react-taro'
import './index.scss'

export default function CheckinPage() {
  return (
    <View className='page'>
      <Empty title='扫码报到' description='即将上线' />
    </View>
  )
}
