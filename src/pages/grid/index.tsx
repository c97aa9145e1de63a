import { View } from '@tarojs/components'
import { Empty } from '@nutui/nutui-react-taro'
import './index.scss'

export default function GridPage() {
  return (
    <View className='page'>
      <Empty title='网格' description='即将上线' />
    </View>
  )
}
