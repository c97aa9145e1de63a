import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Cell, Tag } from '@nutui/nutui-react-taro'
import type { GridRef, SummonListItem } from '../../../types'
import { useAction } from '../../hooks/useAction'
import { call } from '../../services/call'
import { PLAN_ROUTES } from '../../utils/plans'
import { ROUTES } from '../../utils/routes'
import { SUMMON_ROUTES } from '../../utils/summons'
import { showInfo } from '../../utils/toast'

const SHOWABLE = new Set<SummonListItem['state']>(['live', 'open', 'full', 'closed'])

/** The summon whose live code a leader most likely wants: the one under way, else the next to start. */
export function summonToShow(items: SummonListItem[]): SummonListItem | null {
  const live = items.find((s) => s.state === 'live')
  if (live) return live
  const coming = items.filter((s) => SHOWABLE.has(s.state)).sort((a, b) => a.startAt.localeCompare(b.startAt))
  return coming[0] ?? null
}

/** 管理中心 on 我的, for leaders: the everyday tools of the grid chosen above them. */
export function ManageCenter({ grids }: { grids: GridRef[] }) {
  const [gridId, setGridId] = useState(grids[0]?.id)
  const [busy, run] = useAction()
  if (!gridId) return null
  const go = (url: string) => Taro.navigateTo({ url })

  const showCode = () =>
    run(async () => {
      const { items } = await call('summons.list', { scope: 'grid', gridId, limit: 20 })
      const summon = summonToShow(items)
      if (summon) go(ROUTES.liveCode(summon.id))
      else showInfo('这个网格近期没有召集令，先发布一条吧')
    })

  const openIdeas = () =>
    run(async () => {
      const { items } = await call('plans.list', { gridId })
      const plan = items.find((p) => p.state === 'collecting')
      if (plan) go(PLAN_ROUTES.detail(plan.id))
      else showInfo('这个网格没有正在征集建议的方案')
    })

  return (
    <View className='manage-center'>
      <View className='section-title'>管理中心</View>
      {grids.length > 1 && (
        <View className='manage-center__grids'>
          {grids.map((g) => (
            <Tag
              key={g.id}
              className='manage-center__grid'
              type={g.id === gridId ? 'primary' : 'default'}
              plain={g.id !== gridId}
              onClick={() => setGridId(g.id)}
            >
              {g.name}
            </Tag>
          ))}
        </View>
      )}
      <Cell.Group>
        <Cell
          title='发布召集令'
          description='发起一次活动，青年一键报名'
          clickable
          onClick={() => go(SUMMON_ROUTES.publish)}
        />
        <Cell title='出示签到码' description='活动现场给报名的青年扫' clickable onClick={busy ? undefined : showCode} />
        <Cell title='海报' description='网格的报到海报，打印张贴' clickable onClick={() => go(ROUTES.poster(gridId))} />
        <Cell
          title='成员与报到记录'
          description='网格的成员名单和每一次报到'
          clickable
          onClick={() => go(ROUTES.gridPeople(gridId))}
        />
        <Cell
          title='待审建议'
          description='方案里等你审核和回复的建议'
          clickable
          onClick={busy ? undefined : openIdeas}
        />
      </Cell.Group>
    </View>
  )
}
