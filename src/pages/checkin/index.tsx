import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, Toast } from '@nutui/nutui-react-taro'
import { CameraScanner } from '../../components/checkin/CameraScanner'
import { PrivacyConsent } from '../../components/PrivacyConsent'
import { useCheckin } from '../../hooks/useCheckin'
import { normalizeCode } from '../../services/codes'
import { ROUTES } from '../../utils/routes'
import { TOAST_ID } from '../../utils/toast'
import { openOtherCode, scanWithWeChat } from './codes'
import { ManualEntry } from './ManualEntry'
import { Outcome, PendingList } from './Outcome'
import { useSceneCheckIn } from './useSceneCheckIn'
import './index.scss'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'

export default function CheckinPage() {
  const flow = useCheckin()
  const [camera, setCamera] = useState(false)
  useSceneCheckIn(flow.checkIn)
  const busy = flow.view.kind === 'sending'
  const [doneCount, setDoneCount] = useState(0)
  useEffect(() => {
    if (flow.view.kind === 'done' || flow.view.kind === 'queued') setDoneCount((n) => n + 1)
  }, [flow.view])

  const onCameraText = (text: string): boolean => {
    // An invite's (or a certificate's) QR opens its page rather than failing as a check-in code.
    if (openOtherCode(text)) {
      setCamera(false)
      return true
    }
    const code = normalizeCode(text)
    if (!code) return false
    setCamera(false)
    void flow.checkIn(code)
    return true
  }

  const scan = () => {
    if (IS_WEAPP) void scanWithWeChat(flow.checkIn)
    else setCamera(true)
  }

  return (
    <View className='page checkin'>
      <Outcome flow={flow} />
      {camera ? (
        <CameraScanner onText={onCameraText} onClose={() => setCamera(false)} />
      ) : (
        <View className='card checkin-hero'>
          <View className='checkin-hero__title'>扫码报到</View>
          <View className='muted checkin-hero__lead'>
            扫网格阵地的报到海报码，就报到并加入这个网格；活动现场扫网格长手机上的签到码，就记一次签到。
          </View>
          <Button className='checkin-hero__scan' type='primary' size='large' block disabled={busy} onClick={scan}>
            扫一扫
          </Button>
        </View>
      )}
      {!IS_WEAPP && <ManualEntry onSubmit={(code) => void flow.checkIn(code)} busy={busy} doneCount={doneCount} />}
      <PendingList pending={flow.pending} onRetry={() => void flow.retryPending()} />
      <Cell.Group className='checkin-links'>
        <Cell title='我的报到记录' clickable onClick={() => Taro.navigateTo({ url: ROUTES.checkins })} />
      </Cell.Group>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
