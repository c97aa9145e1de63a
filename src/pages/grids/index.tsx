import { View } from '@tarojs/components'
import { Empty } from '@nutui/nutui-react-taro'
import './index.scss'

export default function GridsPage() {
  return (
    <View className='page'>
      <Empty title='网格目录' description='即将上线' />
    </View>
  )
}
