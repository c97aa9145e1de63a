/**
 * H5 only: scans QR codes with the browser camera (getUserMedia) and jsQR. jsQR is loaded on demand,
 * so it stays out of every bundle but the H5 chunk that needs it.
 */
import { useEffect, useRef, useState } from 'react'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { CameraScannerProps } from './CameraScanner'
import './CameraScanner.scss'

export type { CameraScannerProps } from './CameraScanner'

const HOST_ID = 'checkin-camera-host'
const SCAN_EVERY_MS = 150

type Decode = (typeof import('jsqr'))['default']

/** Grabs the video frame into the canvas and decodes it (null when no QR code is in sight). */
function decodeFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement, decode: Decode): string | null {
  const width = video.videoWidth
  const height = video.videoHeight
  if (!width || !height) return null
  canvas.width = width
  canvas.height = height
  const context = canvas.getContext('2d', { willReadFrequently: true })
  if (!context) return null
  context.drawImage(video, 0, 0, width, height)
  const image = context.getImageData(0, 0, width, height)
  return decode(image.data, width, height, { inversionAttempts: 'dontInvert' })?.data ?? null
}

function cameraMessage(err: unknown): string {
  const name = err instanceof Error ? err.name : ''
  if (name === 'NotAllowedError') return '没有获得摄像头权限。请在浏览器设置里允许使用摄像头，或在下面手动输入报到码。'
  if (name === 'NotFoundError') return '没有找到摄像头，请在下面手动输入报到码。'
  return '没能打开摄像头，请在下面手动输入报到码。'
}

export function CameraScanner({ onText, onClose }: CameraScannerProps) {
  const [error, setError] = useState<string | null>(null)
  const [hint, setHint] = useState('把二维码放进框里，会自动识别')
  const onTextRef = useRef(onText)
  onTextRef.current = onText

  useEffect(() => {
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    let stream: MediaStream | null = null
    const host = document.getElementById(HOST_ID)
    const video = document.createElement('video')
    video.setAttribute('playsinline', 'true')
    video.muted = true
    video.className = 'camera-scanner__video'
    const canvas = document.createElement('canvas')
    host?.appendChild(video)

    const start = async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error('no camera API')
        const [{ default: decode }, media] = await Promise.all([
          import(/* webpackChunkName: "jsqr" */ 'jsqr'),
          navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }),
        ])
        stream = media
        if (stopped) return
        video.srcObject = media
        await video.play()
        const tick = () => {
          if (stopped) return
          const text = decodeFrame(video, canvas, decode)
          if (text && onTextRef.current(text)) return
          if (text) setHint('这不是二维报到的码，请对准报到海报码或活动签到码')
          timer = setTimeout(tick, SCAN_EVERY_MS)
        }
        tick()
      } catch (err) {
        if (!stopped) setError(cameraMessage(err))
      }
    }
    void start()

    return () => {
      stopped = true
      if (timer) clearTimeout(timer)
      stream?.getTracks().forEach((track) => track.stop())
      video.remove()
    }
  }, [])

  return (
    <View className='camera-scanner'>
      {/* Without a camera the black viewfinder goes; the message and the manual field below stay. */}
      <View id={HOST_ID} className={error ? 'camera-scanner__view camera-scanner__view--off' : 'camera-scanner__view'}>
        {!error && <View className='camera-scanner__frame' />}
      </View>
      <View className={error ? 'camera-scanner__error' : 'muted camera-scanner__hint'}>{error ?? hint}</View>
      <Button block fill='outline' onClick={onClose}>
        关闭摄像头
      </Button>
    </View>
  )
}
