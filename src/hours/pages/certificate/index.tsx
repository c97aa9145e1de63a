import { useEffect, useMemo } from 'react'
import { Canvas, Image, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Toast } from '@nutui/nutui-react-taro'
import type { HoursCertificate } from '../../../../types'
import { PageState } from '../../../components/PageState'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import { useAction } from '../../../hooks/useAction'
import { useRemote } from '../../../hooks/useSession'
import { call } from '../../../services/call'
import { hoursText } from '../../../utils/hours'
import { ROUTES, verifyLink } from '../../../utils/routes'
import { formatTime } from '../../../utils/time'
import { showSuccess, TOAST_ID } from '../../../utils/toast'
import { dateText, qrImage, statement } from '../../utils/certificateImage'
import { CERTIFICATE_CANVAS_ID, installPrintStyle, saveCertificateImage } from '../../utils/saveCertificate'
import './index.scss'

const WEAPP = process.env.TARO_ENV === 'weapp'

function Certificate({ cert }: { cert: HoursCertificate }) {
  const code = useMemo(() => qrImage(verifyLink(cert.number)), [cert.number])
  return (
    <View className='certificate'>
      <View className='certificate__title'>志愿服务记录证明</View>
      <View className='certificate__number'>证明编号：{cert.number}</View>
      <View className='certificate__statement'>{statement(cert)}</View>
      <View className='certificate__table'>
        <View className='certificate__row certificate__row--head'>
          <Text className='certificate__content'>服务内容</Text>
          <Text className='certificate__date'>日期</Text>
          <Text className='certificate__hours'>时长</Text>
          <Text className='certificate__unit'>记录单位</Text>
        </View>
        {cert.items.map((item) => (
          <View className='certificate__row' key={item.summonId}>
            <Text className='certificate__content'>
              {item.title}
              {item.source === 'makeup' ? '（补录）' : ''}
            </Text>
            <Text className='certificate__date'>{formatTime(item.date, 'YYYY-MM-DD')}</Text>
            <Text className='certificate__hours'>{hoursText(item.hours)} 小时</Text>
            <Text className='certificate__unit'>{item.recordedBy}</Text>
          </View>
        ))}
        {cert.items.length === 0 && (
          <View className='certificate__row certificate__row--empty'>这一年还没有经确认的志愿服务时长。</View>
        )}
        <View className='certificate__row certificate__row--total'>
          <Text className='certificate__content'>合计</Text>
          <Text className='certificate__date' />
          <Text className='certificate__hours'>{hoursText(cert.totalHours)} 小时</Text>
          <Text className='certificate__unit' />
        </View>
      </View>
      <View className='certificate__foot'>
        <View className='certificate__verify'>
          <Image className='certificate__qr' src={code} />
          <Text className='certificate__qr-note'>扫码核验这份证明</Text>
        </View>
        <View className='certificate__issuer'>
          <View>出具单位：{cert.issuer.name}</View>
          <View>出具日期：{dateText(cert.issuedAt)}</View>
          <View className='certificate__seal'>（盖章处）</View>
        </View>
      </View>
    </View>
  )
}

function Actions({ cert }: { cert: HoursCertificate }) {
  const [busy, run] = useAction()
  const save = () =>
    run(async () => {
      const outcome = await saveCertificateImage(cert, verifyLink(cert.number))
      showSuccess(outcome === 'saved' ? '已保存到相册' : '图片已下载')
    })
  return (
    <View className='certificate-actions'>
      {!WEAPP && (
        <Button type='primary' block onClick={() => window.print()}>
          打印证明
        </Button>
      )}
      <Button type='primary' fill={WEAPP ? 'solid' : 'outline'} block loading={busy} onClick={save}>
        {WEAPP ? '保存到相册' : '保存为图片'}
      </Button>
      <Button fill='none' block onClick={() => Taro.navigateTo({ url: ROUTES.verify(cert.number) })}>
        查看核验结果
      </Button>
      <View className='muted certificate-actions__tip'>
        只列出经网格长确认的时长。加盖出具单位公章后有效；扫码或输入证明编号可以核验真伪。
      </View>
      {WEAPP && <Canvas type='2d' id={CERTIFICATE_CANVAS_ID} className='certificate-actions__canvas' />}
    </View>
  )
}

export default function CertificatePage() {
  const { params } = useRouter()
  const year = Number(params.year) || undefined
  const cert = useRemote(() => call('hours.certificate', year ? { year } : {}), [year])
  useEffect(() => installPrintStyle(), [])
  return (
    <View className='page certificate-page'>
      <PageState loading={cert.loading} error={cert.error} onRetry={cert.reload} cards={2}>
        {cert.data && (
          <>
            <Certificate cert={cert.data} />
            <Actions cert={cert.data} />
          </>
        )}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
