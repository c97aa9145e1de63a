import { ComingSoon } from '../../components/ComingSoon'
import './index.scss'

export default function PlansPage() {
  return (
    <ComingSoon
      title='方案征集即将上线'
      description='网格骨干提前发布的活动方案会出现在这里，你可以提建议，也能看到建议是否被采纳。现在可以先去网格目录看看。'
    />
  )
}
