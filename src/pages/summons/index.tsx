import { useDidShow } from '@tarojs/taro'
import { Toast } from '@nutui/nutui-react-taro'
import { ComingSoon } from '../../components/ComingSoon'
import { ensureIdentity } from '../../hooks/useSession'
import { TOAST_ID } from '../../utils/toast'
import './index.scss'

export default function SummonsPage() {
  // The home page: in H5, ask who you are before anything else.
  useDidShow(() => {
    ensureIdentity()
  })
  return (
    <>
      <ComingSoon
        title='召集令即将上线'
        description='网格和团组织发布的活动召集会出现在这里，一键就能报名。现在可以先去网格目录，找到你所在的网格。'
      />
      <Toast id={TOAST_ID} />
    </>
  )
}
