import { ComingSoon } from '../../components/ComingSoon'
import './index.scss'

export default function CheckinPage() {
  return (
    <ComingSoon
      title='扫码报到即将上线'
      description='到了网格或活动现场，在这里扫网格海报码或活动现场码就能报到。现在可以先去网格目录了解身边的网格。'
    />
  )
}
