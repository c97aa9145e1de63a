import { View } from '@tarojs/components'
import { Empty } from '@nutui/nutui-react-taro'
import './index.scss'

export default function InvitePage() {
  return (
    <View className='page'>
      <Empty title='接受邀请' description='即将上线' />
    </View>
  )
}
