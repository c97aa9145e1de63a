import { View } from '@tarojs/components'
import { Empty } from '@nutui/nutui-react-taro'
import './index.scss'

export default function SummonsPage() {
  return (
    <View className='page summons'>
      <Empty title='还没有召集令' description='网格长发布召集令后，会出现在这里' />
    </View>
  )
}
