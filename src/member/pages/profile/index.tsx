import { View } from '@tarojs/components'
import { Toast } from '@nutui/nutui-react-taro'
import { PageState } from '../../../components/PageState'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import { useMe } from '../../../hooks/useSession'
import { TOAST_ID } from '../../../utils/toast'
import { ProfileForm } from './ProfileForm'
import { initialOf } from './profileValues'
import './index.scss'

export { GUARDIAN_TEXT, PHONE_CONSENT_TEXT } from './profileValues'

export default function ProfilePage() {
  const { data: me, loading, error, reload } = useMe()
  return (
    <View className='page profile'>
      <View className='profile__note muted'>
        我们只收集这几项：姓名和所在组织用于活动报名名单和报到记录；手机号仅用于活动联系，可不填。未满 14
        周岁的青少年需监护人同意，且不收集手机号和位置。
      </View>
      <PageState loading={loading} error={error} onRetry={reload} cards={1}>
        {me && <ProfileForm initial={initialOf(me.profile)} org={me.org} />}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
