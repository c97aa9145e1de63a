import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import {
  answerPrivacy,
  isPrivacyPending,
  onPrivacyPending,
  openPrivacyContract,
  PRIVACY_AGREE_BUTTON_ID,
} from '../../services/privacy'
import './index.scss'

/**
 * The privacy consent, rendered by every page: when WeChat holds a private API until the member
 * consents (services/privacy.ts, registered once in app.tsx), the page that is showing draws this
 * dialog; the member reads what is collected and why, opens the full guide, and agrees with WeChat's
 * own button or declines (the held API then fails and the page carries on without it).
 */
export function PrivacyConsent() {
  const [open, setOpen] = useState(isPrivacyPending)

  useEffect(() => {
    setOpen(isPrivacyPending())
    return onPrivacyPending(setOpen)
  }, [])

  if (process.env.TARO_ENV !== 'weapp' || !open) return null
  return (
    <Dialog
      visible
      title='隐私保护提示'
      closeOnOverlayClick={false}
      content={
        <View className='privacy-consent'>
          <View>使用以下功能前，请阅读并同意</View>
          <Text className='privacy-consent__link' onClick={openPrivacyContract}>
            《二维报到小程序隐私保护指引》
          </Text>
          <View>· 扫码报到：使用摄像头扫描报到码（不拍照、不保存画面）；</View>
          <View>· 定位签到、设置阵地位置：获取你的位置，只用来确认你在网格阵地附近；</View>
          <View>· 保存报到海报到相册、复制邀请链接到剪贴板。</View>
          <View className='muted'>不同意也可以继续浏览，只是不能使用这些功能。</View>
        </View>
      }
      footer={
        <View className='privacy-consent__actions'>
          <Button onClick={() => answerPrivacy(false)}>不同意</Button>
          <Button
            id={PRIVACY_AGREE_BUTTON_ID}
            type='primary'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => answerPrivacy(true)}
          >
            同意并继续
          </Button>
        </View>
      }
      onClose={() => answerPrivacy(false)}
    />
  )
}
