import { useEffect, useRef } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { codeFromScene, sceneParam } from '../../services/codes'
import { showError } from '../../utils/toast'
import { NOT_OURS, openOrgCode } from './codes'

/** Checks in once for the `scene` the page was opened with (a poster scanned with WeChat's camera). */
export function useSceneCheckIn(checkIn: (code: string) => Promise<void>) {
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
