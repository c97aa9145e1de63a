import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Tag, Toast } from '@nutui/nutui-react-taro'
import { Empty } from '../../../components/Empty'
import type { Grid } from '../../../../types'
import { FourOnesBadges } from '../../../components/FourOnesBadges'
import { PageState } from '../../../components/PageState'
import { useMe, useRemote } from '../../../hooks/useSession'
import { call } from '../../../services/call'
import { KIND_LABELS } from '../../../utils/labels'
import { ROUTES } from '../../../utils/routes'
import { BRAND } from '../../../utils/theme'
import { StatusTag } from '../../../components/StatusTag'
import { TOAST_ID } from '../../../utils/toast'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import { ArchivePanel } from './ArchivePanel'
import { Editor } from './Editor'
import { LeadersPanel } from './LeadersPanel'
import './index.scss'

function Header({ grid }: { grid: Grid }) {
  return (
    <View className='card manage-head'>
      <View className='manage-head__name'>{grid.name}</View>
      <View className='manage-head__tags'>
        <Tag plain background={BRAND}>
          {KIND_LABELS[grid.kind]}
        </Tag>
        <StatusTag tone='label'>{grid.townName}</StatusTag>
        <Text className='muted'>成员 {grid.memberCount} 人</Text>
      </View>
      <FourOnesBadges fourOnes={grid.fourOnes} />
    </View>
  )
}

/** 网格管理: 四个一 for the grid's leaders and admins; leaders, invites and 停用 for admins. */
export default function GridManagePage() {
  const { params } = useRouter()
  const gridId = params.id ? decodeURIComponent(params.id) : ''
  const me = useMe()
  const remote = useRemote(
    () => (gridId ? call('grids.get', { gridId }) : Promise.reject(new Error('没有指定网格'))),
    [gridId],
  )
  const [saved, setSaved] = useState<Grid | null>(null)
  const grid = saved ?? remote.data
  const admin = Boolean(me.data?.roles.admin)

  if (!gridId) {
    return (
      <View className='page'>
        <Empty title='没有指定网格' description='请从网格一张图里选一个网格。'>
          <Button type='primary' onClick={() => Taro.redirectTo({ url: ROUTES.overview })}>
            去网格一张图
          </Button>
        </Empty>
      </View>
    )
  }

  const retry = () => {
    me.reload()
    remote.reload()
  }
  return (
    <View className='page manage'>
      <PageState loading={me.loading || remote.loading} error={me.error ?? remote.error} onRetry={retry} cards={3}>
        {grid && !grid.canManage ? (
          <Empty title='你不能管理这个网格' description='只有这个网格的网格长和区团委管理员可以编辑。' />
        ) : (
          grid && (
            <>
              <Header grid={grid} />
              <LeadersPanel grid={grid} admin={admin} onChanged={setSaved} />
              <Editor grid={grid} onSaved={setSaved} />
              {admin && <ArchivePanel grid={grid} onChanged={setSaved} />}
            </>
          )
        )}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
