import { View } from '@tarojs/components'
import { Empty } from '@nutui/nutui-react-taro'
import './index.scss'

export default function GridCreatePage() {
  return (
    <View className='page'>
      <Empty title='创建网格' description='即将上线' />
    </View>
  )
}
