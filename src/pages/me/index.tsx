import { View } from '@tarojs/components'
import { Empty } from '@nutui/nutui-react-taro'
import './index.scss'

export default function MePage() {
  return (
    <View className='page'>
      <Empty title='我的' description='即将上线' />
    </View>
  )
}
