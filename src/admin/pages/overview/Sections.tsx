import { useMemo, useState } from 'react'
import { View } from '@tarojs/components'
import type { Town } from '../../../../types'
import { PageState } from '../../../components/PageState'
import { PickerField } from '../../../components/PickerField'
import { useRemote } from '../../../hooks/useSession'
import { call } from '../../../services/call'
import { OrgHeatGrid, OrgList, OrgRanking } from '../../components/OrgStats'
import { WeekChart } from '../../components/WeekChart'
import { weekBars } from '../../utils/overview'
import { townChoices } from './GridsView'
import type { Overview } from './load'

/** 每周签到: the last 12 weeks of the district or of one town. */
export function WeeklySection({ overview, towns }: { overview: Overview; towns: Town[] }) {
  const [townId, setTownId] = useState('')
  const bars = useMemo(() => weekBars(overview.weeks, townId), [overview.weeks, townId])
  return (
    <View className='card overview__chart'>
      <View className='overview__card-head'>
        <View className='overview__card-title'>每周签到（近 12 周）</View>
        <View className='overview__town-pick'>
          <PickerField
            title='选择镇街'
            placeholder='全区'
            choices={townChoices(towns)}
            value={townId}
            onChange={setTownId}
          />
        </View>
      </View>
      <WeekChart bars={bars} unit='人次' />
    </View>
  )
}

/** The 组织 tab: each organisation's rates this quarter, weakest first, and where their members serve. */
export function OrgsView({ towns }: { towns: Town[] }) {
  const stats = useRemote(() => call('stats.orgs', {}), [])
  // Each matrix cell names its grid's town (beyond v2), so no list of every grid is needed here.
  const townOf = useMemo(() => new Map((stats.data?.matrix ?? []).map((m) => [m.gridId, m.townId])), [stats.data])
  return (
    <PageState loading={stats.loading} error={stats.error} onRetry={stats.reload} cards={2}>
      {stats.data && (
        <>
          <View className='muted overview__orgs-note'>
            本季度（北京时间）。报到率：已到至少一个网格报到的成员占比；参与率：本季度至少参加过一次活动的成员占比。参与率低的排在前面。
          </View>
          <OrgList stats={stats.data} />
          <View className='section-title'>组织成员在各镇街的分布</View>
          <OrgHeatGrid stats={stats.data} towns={towns} townOfGrid={(id) => townOf.get(id)} />
        </>
      )}
    </PageState>
  )
}

/** The organisations' part of 考核排名, loaded when the tab opens. */
export function OrgRankingSection() {
  const stats = useRemote(() => call('stats.orgs', {}), [])
  return (
    <View className='card'>
      <PageState loading={stats.loading} error={stats.error} onRetry={stats.reload} cards={1}>
        {stats.data && <OrgRanking stats={stats.data} />}
      </PageState>
    </View>
  )
}
