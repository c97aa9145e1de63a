import { View } from '@tarojs/components'
import { Empty } from '@nutui/nutui-react-taro'
import './index.scss'

export default function LoginPage() {
  return (
    <View className='page'>
      <Empty title='选择身份' description='即将上线' />
    </View>
  )
}
