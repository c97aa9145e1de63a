import { useMemo, useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Cell, Tabs, Toast } from '@nutui/nutui-react-taro'
import type { Town } from '../../../../types'
import { Empty } from '../../../components/Empty'
import { PageState } from '../../../components/PageState'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import { useMe, useRemote } from '../../../hooks/useSession'
import { call } from '../../../services/call'
import { ROUTES } from '../../../utils/routes'
import { TOAST_ID } from '../../../utils/toast'
import { ScoreRanking } from '../../components/ScoreRanking'
import { TotalsCards } from '../../components/TotalsCards'
import { TownList } from '../../components/TownList'
import type { GridQuery } from '../../utils/overview'
import { ExportSection } from './ExportSection'
import { Freshness } from './Freshness'
import { GridsView, MoreButton, openGrid, useGridPages } from './GridsView'
import { loadOverview, type Overview } from './load'
import { OrgRankingSection, OrgsView, WeeklySection } from './Sections'
import './index.scss'

type View3 = 'grids' | 'towns' | 'ranking' | 'orgs'

/** 考核排名: the grids best score first, 20 at a time with their rank. */
function RankingSection({ overview, names }: { overview: Overview; names: Map<string, string> }) {
  const feed = useGridPages({ sort: 'score' }, `ranking|${overview.loadedAt.getTime()}`)
  return (
    <View className='card'>
      <PageState loading={feed.loading} error={feed.error} onRetry={() => void feed.refresh()} cards={2}>
        <ScoreRanking
          grids={feed.items}
          weights={overview.weights}
          townName={(id) => names.get(id) ?? ''}
          onOpen={openGrid}
        />
      </PageState>
      <MoreButton feed={feed} end='已经是全部网格了' />
    </View>
  )
}

function OverviewBody({
  overview,
  towns,
  onRefreshed,
}: {
  overview: Overview
  towns: Town[]
  onRefreshed: (o: Overview) => void
}) {
  const [view, setView] = useState<View3>('grids')
  const [query, setQuery] = useState<GridQuery>({ filter: 'all', townId: '', sort: 'incompleteFirst' })
  const now = overview.loadedAt
  const names = useMemo(() => new Map(towns.map((t) => [t.id, t.name])), [towns])
  const pickTown = (townId: string) => {
    setQuery({ ...query, townId })
    setView('grids')
  }
  return (
    <>
      <Freshness overview={overview} onRefreshed={onRefreshed} />
      <TotalsCards totals={overview.totals} />
      <WeeklySection overview={overview} towns={towns} />
      <Tabs className='overview__tabs' value={view} onChange={(v) => setView(v as View3)} activeType='line'>
        <Tabs.TabPane title='网格' value='grids' />
        <Tabs.TabPane title='镇街' value='towns' />
        <Tabs.TabPane title='考核排名' value='ranking' />
        <Tabs.TabPane title='组织' value='orgs' />
      </Tabs>
      {view === 'orgs' && <OrgsView towns={towns} />}
      {view === 'grids' && <GridsView overview={overview} towns={towns} query={query} onQuery={setQuery} now={now} />}
      {view === 'towns' && <TownList towns={overview.towns ?? []} onPick={pickTown} />}
      {view === 'ranking' && <RankingSection overview={overview} names={names} />}
      {view === 'ranking' && <View className='section-title'>组织考核排名</View>}
      {view === 'ranking' && <OrgRankingSection />}
      <ExportSection />
      <Cell.Group className='overview__audit'>
        <Cell
          title='志愿时长补录记录'
          description='网格长的每一次补录：谁、何时、从几小时到几小时、为什么'
          clickable
          onClick={() => Taro.navigateTo({ url: ROUTES.hoursAudit })}
        />
      </Cell.Group>
    </>
  )
}

export default function OverviewPage() {
  const me = useMe()
  const overview = useRemote(loadOverview, [], true)
  const towns = useRemote(() => call('grids.towns', {}), [])
  // What 刷新 recomputed, shown until a later load (on returning to the page) is newer.
  const [refreshed, setRefreshed] = useState<Overview>()
  const shown =
    refreshed && (!overview.data || refreshed.loadedAt >= overview.data.loadedAt) ? refreshed : overview.data
  const admin = me.data?.roles.admin
  const retry = () => {
    me.reload()
    overview.reload()
    towns.reload()
  }
  return (
    <View className='page overview'>
      <PageState
        loading={me.loading || (admin !== false && (overview.loading || towns.loading))}
        error={me.error ?? (admin === false ? null : (overview.error ?? towns.error))}
        onRetry={retry}
        cards={3}
      >
        {admin === false ? (
          <Empty title='只有区团委管理员可以查看' description='网格一张图汇总全区网格的考核数据，请联系区团委。' />
        ) : (
          shown && towns.data && <OverviewBody overview={shown} towns={towns.data} onRefreshed={setRefreshed} />
        )}
      </PageState>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
