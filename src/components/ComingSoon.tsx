import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Empty } from './Empty'
import { ROUTES } from '../utils/routes'

interface Props {
  title: string
  description: string
}

/** A tab whose feature lands later: says what will be here and offers the grid directory meanwhile. */
export function ComingSoon({ title, description }: Props) {
  return (
    <View className='page'>
      <Empty title={title} description={description}>
        <Button type='primary' onClick={() => Taro.navigateTo({ url: ROUTES.grids })}>
          去网格目录看看
        </Button>
      </Empty>
    </View>
  )
}
