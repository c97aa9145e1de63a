import { useEffect, useRef, useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Button, Cell, Input, Toast } from '@nutui/nutui-react-taro'
import { StatusTag } from '../../components/StatusTag'
import { UPLOAD_TONE } from '../../utils/status-colours'
import { CameraScanner } from '../../components/checkin/CameraScanner'
import { CheckinRefused, CheckinSuccess } from '../../components/checkin/CheckinResult'
import { useCheckin, type Checkin } from '../../hooks/useCheckin'
import { codeFromScan, codeFromScene, codeKind, normalizeCode, orgCodeIn, sceneParam } from '../../services/codes'
import type { PendingScan } from '../../services/offlineQueue'
import { inviteCodeIn, orgInviteCodeIn, ROUTES, verifyNumberIn } from '../../utils/routes'
import { formatTime } from '../../utils/time'
import { showError, TOAST_ID } from '../../utils/toast'
import { PrivacyConsent } from '../../components/PrivacyConsent'
import './index.scss'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'
const NOT_OURS = '这不是二维报到的码。请扫网格阵地的报到海报码，或网格长手机上的活动签到码。'

/**
 * Opens what an organisation's code leads to: its poster code (`O.<orgId>`) opens 我的组织 to ask to join,
 * a member invite's link or QR opens it to join at once. False when `text` is neither.
 */
function openOrgCode(...texts: (string | undefined)[]): boolean {
  for (const text of texts) {
    if (!text) continue
    const invite = orgInviteCodeIn(text)
    const orgId = invite ? null : orgCodeIn(text)
    if (invite) Taro.navigateTo({ url: ROUTES.orgInvite(invite) })
    else if (orgId) Taro.navigateTo({ url: ROUTES.orgFromCode(orgId) })
    else continue
    return true
  }
  return false
}

/** The mini program's camera scan: the scene from `path` for our codes, else the plain `result`. */
async function scanWithWeChat(checkIn: (code: string) => void): Promise<void> {
  try {
    const answer = await Taro.scanCode({ onlyFromCamera: true })
    if (openOrgCode(answer.path, answer.result)) return
    const code = codeFromScan(answer)
    // A 志愿服务记录证明's code opens its check (the verify page), not a check-in.
    const certificate = code ? null : verifyNumberIn(answer.path ?? answer.result ?? '')
    if (code) checkIn(code)
    else if (certificate) Taro.navigateTo({ url: ROUTES.verify(certificate) })
    else showError(NOT_OURS)
  } catch {
    // The member closed the scanner: nothing to do.
  }
}

interface ManualEntryProps {
  onSubmit: (code: string) => void
  busy: boolean
  /** Bumped when a check-in went through (or was queued): the field empties then, and only then. */
  doneCount: number
}

/** 手动输入: the text stays after a refusal, so one wrong character can be corrected. */
function ManualEntry({ onSubmit, busy, doneCount }: ManualEntryProps) {
  const [text, setText] = useState('')
  useEffect(() => {
    if (doneCount > 0) setText('')
  }, [doneCount])
  const submit = () => {
    const invite = inviteCodeIn(text)
    if (invite) {
      Taro.navigateTo({ url: ROUTES.invite(invite) })
      return
    }
    if (openOrgCode(text)) return
    const certificate = verifyNumberIn(text)
    if (certificate) {
      Taro.navigateTo({ url: ROUTES.verify(certificate) })
      return
    }
    const code = normalizeCode(text)
    if (!code) {
      showError('报到码的格式不对，请对照海报或签到码下方的文字再输一次')
      return
    }
    onSubmit(code)
  }
  return (
    <View className='card checkin-manual'>
      <View className='checkin-manual__title'>手动输入</View>
      <View className='muted'>扫不出来时，输入海报码或签到码下方的一串字符。</View>
      <View className='checkin-manual__row'>
        <Input
          className='checkin-manual__input'
          placeholder='例如 P.abc123.XXXXXXXX'
          value={text}
          onChange={setText}
          clearable
        />
        <Button type='primary' disabled={busy || !text.trim()} onClick={submit}>
          报到
        </Button>
      </View>
    </View>
  )
}

function PendingList({ pending, onRetry }: { pending: PendingScan[]; onRetry: () => void }) {
  if (pending.length === 0) return null
  return (
    <View className='checkin-pending'>
      <View className='section-title'>待上传</View>
      <Cell.Group>
        {pending.map((scan) => (
          <Cell
            key={scan.requestId}
            title={codeKind(scan.code) === 'live' ? '活动签到' : '网格报到'}
            description={`扫码时间 ${formatTime(scan.scannedAt, 'M月D日 HH:mm')} · 网络恢复后自动上传`}
            extra={<StatusTag tone={UPLOAD_TONE.queued}>待上传</StatusTag>}
          />
        ))}
      </Cell.Group>
      <Button className='checkin-pending__retry' size='small' fill='outline' onClick={onRetry}>
        现在重试
      </Button>
    </View>
  )
}

function Outcome({ flow }: { flow: Checkin }) {
  const { view, reset } = flow
  if (view.kind === 'sending') return <View className='card checkin-sending'>正在报到…</View>
  if (view.kind === 'done') return <CheckinSuccess result={view.result} onAgain={reset} />
  if (view.kind === 'refused') return <CheckinRefused code={view.code} message={view.message} onAgain={reset} />
  if (view.kind === 'queued') {
    return (
      <View className='card checkin-queued'>
        <View className='checkin-queued__title'>已记下，待上传</View>
        <View className='muted'>网络不太顺畅，这次扫码已保存在手机上，网络恢复后会自动上传，不会重复计算。</View>
      </View>
    )
  }
  return null
}

/** Checks in once for the `scene` the page was opened with (a poster scanned with WeChat's camera). */
function useSceneCheckIn(checkIn: (code: string) => Promise<void>) {
  const { params } = useRouter()
  const handled = useRef<string | null>(null)
  const handle = (scene: string | undefined) => {
    const code = codeFromScene(scene)
    if (!scene || handled.current === scene) return
    handled.current = scene
    if (openOrgCode(scene)) return
    if (code) void checkIn(code)
    else showError(NOT_OURS)
  }
  useEffect(() => handle(params.scene), [params.scene]) // eslint-disable-line react-hooks/exhaustive-deps
  // Opened again from another scan while the tab was alive: the router may hold the new scene.
  useDidShow(() => handle(Taro.getCurrentInstance().router?.params.scene))
  // H5 keeps the tab page when only the hash's query changes (a link opened in the same tab).
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return
    const onHash = () => handle(sceneParam(window.location.hash) ?? undefined)
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, []) // eslint-disable-line react-hooks/exhaustive-deps
}

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
    // An invite's QR opens the invite page rather than failing as a check-in code.
    const invite = inviteCodeIn(text)
    if (invite) {
      setCamera(false)
      Taro.navigateTo({ url: ROUTES.invite(invite) })
      return true
    }
    if (openOrgCode(text)) {
      setCamera(false)
      return true
    }
    const certificate = verifyNumberIn(text)
    if (certificate) {
      setCamera(false)
      Taro.navigateTo({ url: ROUTES.verify(certificate) })
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
