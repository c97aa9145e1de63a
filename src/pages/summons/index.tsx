import { startTransition, useEffect, useState } from 'react'
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
  // The list is drawn in a transition after the page mounts: React renders it in time slices, with the
  // browser's turns in between, instead of inside the router's mount of the page.
  const [ready, setReady] = useState(false)
  useEffect(() => startTransition(() => setReady(true)), [])
  return (
    <View className='summons'>
      {ready && <SummonList me={me.data} />}
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
