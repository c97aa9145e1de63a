import { View } from '@tarojs/components'
import { Empty } from '@nutui/nutui-react-taro'
import './index.scss'

export default function ProfilePage() {
  return (
    <View className='page'>
      <Empty title='个人信息' description='即将上线' />
    </View>
  )
}
