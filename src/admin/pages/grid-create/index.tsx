import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Toast } from '@nutui/nutui-react-taro'
import { Empty } from '../../../components/Empty'
import type { Grid } from '../../../../types'
import { GridCard } from '../../../components/GridCard'
import { InvitePanel } from '../../../components/InvitePanel'
import { PageState } from '../../../components/PageState'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import { useMe, useRemote } from '../../../hooks/useSession'
import { call } from '../../../services/call'
import { ROUTES } from '../../../utils/routes'
import { TOAST_ID } from '../../../utils/toast'
import { CreateForm } from './CreateForm'
import './index.scss'

function Created({ grid, onAgain }: { grid: Grid; onAgain: () => void }) {
  return (
    <View>
      <View className='section-title'>网格已创建</View>
      <GridCard grid={grid} townName={grid.townName} />
      <InvitePanel gridId={grid.id} />
      <Button className='create__again' block onClick={() => Taro.navigateTo({ url: ROUTES.grid(grid.id) })}>
        查看网格页
      </Button>
      <Button className='create__again' block fill='none' onClick={onAgain}>
        再创建一个网格
      </Button>
    </View>
  )
}

export default function GridCreatePage() {
  const me = useMe()
  const towns = useRemote(() => call('grids.towns', {}), [])
  const [created, setCreated] = useState<Grid | null>(null)

  const loading = me.loading || towns.loading
  const error = me.error ?? towns.error
  const retry = () => {
    me.reload()
    towns.reload()
  }

  return (
    <View className='page create'>
      <PageState loading={loading} error={error} onRetry={retry} cards={2}>
        {me.data && !me.data.roles.admin ? (
          <Empty title='只有区团委管理员可以创建网格' description='如需新建网格，请联系区团委。' />
        ) : created ? (
          <Created grid={created} onAgain={() => setCreated(null)} />
        ) : (
          towns.data && <CreateForm towns={towns.data} onCreated={setCreated} />
        )}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
