import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Toast } from '@nutui/nutui-react-taro'
import { Empty } from '../../../components/Empty'
import type { Grid } from '../../../../types'
import { PageState } from '../../../components/PageState'
import { useRemote } from '../../../hooks/useSession'
import { call } from '../../../services/call'
import { ONLINE_KIND_LABELS } from '../../../utils/labels'
import { showError, showSuccess, TOAST_ID } from '../../../utils/toast'
import { qrDataUrl } from '../../utils/qr'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import './index.scss'

/** A local file path for the code image, so that the mini program can save it to the album. */
async function localImagePath(image: string, gridId: string): Promise<string> {
  if (image.startsWith('data:')) {
    const filePath = `${Taro.env.USER_DATA_PATH}/poster-${gridId}.${image.startsWith('data:image/gif') ? 'gif' : 'png'}`
    const data = image.slice(image.indexOf(',') + 1)
    await new Promise<void>((resolve, reject) =>
      Taro.getFileSystemManager().writeFile({
        filePath,
        data,
        encoding: 'base64',
        success: () => resolve(),
        fail: reject,
      }),
    )
    return filePath
  }
  if (image.startsWith('cloud://')) return (await Taro.cloud.downloadFile({ fileID: image })).tempFilePath
  return (await Taro.downloadFile({ url: image })).tempFilePath
}

/** 保存到相册 (mini program) or a download of the image (H5). */
async function saveImage(image: string, grid: Grid): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') {
    const link = document.createElement('a')
    link.href = image
    link.download = `${grid.name}-报到码.${image.startsWith('data:image/gif') ? 'gif' : 'png'}`
    document.body.appendChild(link)
    link.click()
    link.remove()
    return
  }
  try {
    await Taro.saveImageToPhotosAlbum({ filePath: await localImagePath(image, grid.id) })
    showSuccess('已保存到相册')
  } catch {
    showError('没能保存。请在设置里允许保存到相册，或长按图片保存。')
  }
}

function FourOnes({ grid }: { grid: Grid }) {
  const rows = [
    { label: '网格长', value: grid.leaders.map((l) => l.name).join('、') },
    { label: '实体阵地', value: grid.base.address },
    { label: '网络阵地', value: grid.online.map((o) => `${ONLINE_KIND_LABELS[o.kind]}：${o.value}`).join('；') },
    { label: '网格项目', value: grid.project ? grid.project.name : '' },
  ].filter((row) => row.value)
  return (
    <View className='print-poster__four'>
      {rows.map((row) => (
        <View className='print-poster__row' key={row.label}>
          <Text className='print-poster__label'>{row.label}</Text>
          <Text className='print-poster__value'>{row.value}</Text>
        </View>
      ))}
    </View>
  )
}

function Poster({ grid, gridId }: { grid: Grid; gridId: string }) {
  const code = useRemote(() => call('grids.posterCode', { gridId }), [gridId])
  // Without an image from the server, draw the scene as a plain QR code: the in-app scanner reads it.
  const image = code.data ? (code.data.image ?? qrDataUrl(code.data.scene, 10, 2)) : ''
  return (
    <>
      <View className='print-poster'>
        <View className='print-poster__brand'>共青团 · 二维报到</View>
        <View className='print-poster__name'>{grid.name}</View>
        <View className='print-poster__call'>扫码报到 加入网格</View>
        <View className='print-poster__code'>
          {code.data ? (
            <Image className='print-poster__image' src={image} showMenuByLongpress />
          ) : (
            <View className='print-poster__placeholder'>{code.error ?? '正在生成报到码…'}</View>
          )}
        </View>
        <View className='print-poster__steps'>
          打开微信「扫一扫」扫描上方二维码，第一次扫码即报到并加入本网格；以后每次来阵地都可以扫码签到。
        </View>
        {code.data && <View className='print-poster__scene'>报到码：{code.data.scene}</View>}
        <FourOnes grid={grid} />
      </View>
      <View className='print-poster-actions'>
        <Button type='primary' block disabled={!code.data} onClick={() => void saveImage(image, grid)}>
          {process.env.TARO_ENV === 'weapp' ? '保存到相册' : '下载报到码图片'}
        </Button>
        <View className='muted print-poster-actions__tip'>保存后打印张贴在阵地。这个码长期有效，不会过期。</View>
      </View>
    </>
  )
}

export default function PosterPage() {
  const { params } = useRouter()
  const gridId = params.gridId ? decodeURIComponent(params.gridId) : ''
  const grid = useRemote(
    () => (gridId ? call('grids.get', { gridId }) : Promise.reject(new Error('没有指定网格'))),
    [gridId],
  )
  if (!gridId) {
    return (
      <View className='page'>
        <Empty title='没有指定网格' description='请从网格页进入报到海报。' />
      </View>
    )
  }
  return (
    <View className='page poster-page'>
      <PageState loading={grid.loading} error={grid.error} onRetry={grid.reload} cards={2}>
        {grid.data && <Poster grid={grid.data} gridId={gridId} />}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
