import { Image, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Toast } from '@nutui/nutui-react-taro'
import type { OrgDetail } from '../../../../types'
import { Empty } from '../../../components/Empty'
import { PageState } from '../../../components/PageState'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import { useAction } from '../../../hooks/useAction'
import { useRemote } from '../../../hooks/useSession'
import { call } from '../../../services/call'
import { ORG_KIND_LABELS } from '../../../utils/orgs'
import { sceneLink } from '../../../utils/routes'
import { TOAST_ID } from '../../../utils/toast'
import { qrDataUrl } from '../../../leader/utils/qr'
import { download, saveToAlbum } from '../../utils/saveImage'
import './index.scss'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'

/** A local file of the code image, so that the mini program can save it to the album. */
async function localImagePath(image: string, orgId: string): Promise<string> {
  if (image.startsWith('data:')) {
    const filePath = `${Taro.env.USER_DATA_PATH}/org-code-${orgId}.${image.startsWith('data:image/gif') ? 'gif' : 'png'}`
    await new Promise<void>((resolve, reject) =>
      Taro.getFileSystemManager().writeFile({
        filePath,
        data: image.slice(image.indexOf(',') + 1),
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

/**
 * The code as a picture: the mini program code from the server in the weapp (or the scene as a plain QR
 * the in-app scanner reads, without one); in H5 a QR of the absolute link that opens the check-in page
 * with the scene, as grid invites are links.
 */
function imageOf(code: { scene: string; page: string; image?: string }): string {
  if (!IS_WEAPP) return qrDataUrl(sceneLink(code.scene, code.page), 8, 2)
  return code.image ?? qrDataUrl(code.scene, 10, 2)
}

function Poster({ org }: { org: OrgDetail }) {
  const code = useRemote(() => call('orgs.posterCode', { orgId: org.id }), [org.id])
  const image = code.data ? imageOf(code.data) : ''
  const [busy, run] = useAction()
  const save = () =>
    run(async () => {
      if (!IS_WEAPP) return download(image, `${org.name}-组织二维码.gif`)
      await saveToAlbum(await localImagePath(image, org.id))
    })
  return (
    <>
      <View className='print-poster org-poster'>
        <View className='print-poster__brand'>共青团 · 二维报到</View>
        <View className='print-poster__name'>{org.name}</View>
        <View className='muted'>{ORG_KIND_LABELS[org.kind]}</View>
        <View className='print-poster__call'>扫码加入组织</View>
        <View className='print-poster__code'>
          {code.data ? (
            <Image className='print-poster__image org-poster__image' src={image} showMenuByLongpress />
          ) : (
            <View className='print-poster__placeholder'>{code.error ?? '正在生成组织二维码…'}</View>
          )}
        </View>
        <View className='print-poster__steps'>
          团员青年用微信「扫一扫」或二维报到的「扫码报到」扫描上方二维码，申请加入本组织，书记同意后生效。加入后，到网格报到和参加活动都会记入本组织。
        </View>
        {code.data && <View className='print-poster__scene'>组织码：{code.data.scene}</View>}
      </View>
      <View className='print-poster-actions no-print'>
        {!IS_WEAPP && (
          <Button className='org-poster__print' type='primary' block onClick={() => window.print()}>
            打印海报
          </Button>
        )}
        <Button
          className='org-poster__save'
          type='primary'
          fill={IS_WEAPP ? 'solid' : 'outline'}
          block
          loading={busy}
          disabled={!code.data}
          onClick={save}
        >
          {IS_WEAPP ? '保存到相册' : '下载二维码图片'}
        </Button>
        <View className='muted print-poster-actions__tip'>
          这个码长期有效，可以打印张贴在组织阵地。想让成员直接加入（不用审核），请在组织管理里生成成员邀请码。
        </View>
      </View>
    </>
  )
}

export default function OrgPosterPage() {
  const { params } = useRouter()
  const orgId = params.orgId ? decodeURIComponent(params.orgId) : ''
  const org = useRemote(
    () => (orgId ? call('orgs.get', { orgId }) : Promise.reject(new Error('没有指定组织'))),
    [orgId],
  )
  if (!orgId) {
    return (
      <View className='page'>
        <Empty title='没有指定组织' description='请从组织管理进入组织二维码。' />
      </View>
    )
  }
  return (
    <View className='page poster-page'>
      <PageState loading={org.loading} error={org.error} onRetry={org.reload} cards={2}>
        {org.data && <Poster org={org.data} />}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
