import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { Empty } from '../../../components/Empty'
import { ROUTES } from '../../../utils/routes'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import './index.scss'

/** Where an unknown address lands (the app's onPageNotFound): says so, and leads home. */
export default function NotFoundPage() {
  const { params } = useRouter()
  const path = params.path ? decodeURIComponent(params.path) : ''
  return (
    <View className='page not-found'>
      <Empty
        title='没有找到这个页面'
        description={`链接可能写错了，或者这个页面已经不在了。${path ? `（${path}）` : ''}`}
      >
        <View className='not-found__actions'>
          <Button type='primary' onClick={() => Taro.reLaunch({ url: ROUTES.summons })}>
            回到首页
          </Button>
        </View>
      </Empty>
      <PrivacyConsent />
    </View>
  )
}
