import { View } from '@tarojs/components'
import { Empty } from '@nutui/nutui-react-taro'
import './index.scss'

export default function PlansPage() {
  return (
    <View className='page'>
      <Empty title='方案征集' description='即将上线' />
    </View>
  )
}
