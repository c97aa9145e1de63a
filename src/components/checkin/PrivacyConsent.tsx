import { useEffect, useRef, useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import './PrivacyConsent.scss'

type Resolve = Parameters<Parameters<typeof Taro.onNeedPrivacyAuthorization>[0]>[0]

const AGREE_BUTTON_ID = 'checkin-privacy-agree'

/**
 * The mini program's privacy consent: when WeChat needs consent before a private API (the location for
 * a geofenced grid, the camera for scanning), it asks us; we explain what is collected and why, and the
 * member agrees with WeChat's own button or declines (which leaves everything as it was).
 */
export function PrivacyConsent() {
  const [open, setOpen] = useState(false)
  const resolver = useRef<Resolve | null>(null)

  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
    Taro.onNeedPrivacyAuthorization((resolve) => {
      resolver.current = resolve
      resolve({ event: 'exposureAuthorization' })
      setOpen(true)
    })
  }, [])

  const answer = (agree: boolean) => {
    resolver.current?.(agree ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' })
    resolver.current = null
    setOpen(false)
  }

  return (
    <Dialog
      visible={open}
      title='隐私保护提示'
      closeOnOverlayClick={false}
      content={
        <View className='privacy-consent'>
          <View>为了完成扫码报到，二维报到需要：</View>
          <View>· 使用摄像头扫描报到码（不拍照、不保存画面）；</View>
          <View>· 在网格要求定位签到时获取你的位置，只用来确认你在网格阵地附近，随这次签到记录保存。</View>
          <View className='muted'>不同意也可以继续浏览，只是不能扫码或定位签到。</View>
        </View>
      }
      footer={
        <View className='privacy-consent__actions'>
          <Button onClick={() => answer(false)}>不同意</Button>
          <Button
            id={AGREE_BUTTON_ID}
            type='primary'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => answer(true)}
          >
            同意并继续
          </Button>
        </View>
      }
      onClose={() => answer(false)}
    />
  )
}
