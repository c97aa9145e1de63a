import { View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import { SummonList } from '../../components/summons/SummonList'
import { useMe } from '../../hooks/useSession'
import { TOAST_ID } from '../../utils/toast'
import { PrivacyConsent } from '../../components/PrivacyConsent'
import './index.scss'

/**
 * The home tab: 召集令 in three scopes. In H5 without an identity, loading sends the user to 选择身份
 * first (the list and `account.me` both ask for one).
 */
export default function SummonsPage() {
  const me = useMe()
  return (
    <View className='summons'>
      <SummonList me={me.data} />
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
