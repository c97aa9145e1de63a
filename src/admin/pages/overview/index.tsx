import { useMemo, useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, Radio, Tabs, Toast } from '@nutui/nutui-react-taro'
import { Empty } from '../../../components/Empty'
import type { ExportKind, GridStats, Town } from '../../../../types'
import { PageState } from '../../../components/PageState'
import { PickerField } from '../../../components/PickerField'
import { handleAuthError, useMe, useRemote } from '../../../hooks/useSession'
import { call, messageOf } from '../../../services/call'
import { saveCsv } from '../../../services/csvFile'
import { ROUTES } from '../../../utils/routes'
import { showError, showSuccess, TOAST_ID } from '../../../utils/toast'
import { GridStatsCard } from '../../components/GridStatsCard'
import { OrgHeatGrid, OrgList, OrgRanking } from '../../components/OrgStats'
import { ScoreRanking } from '../../components/ScoreRanking'
import { TotalsCards } from '../../components/TotalsCards'
import { TownList } from '../../components/TownList'
import { WeekChart } from '../../components/WeekChart'
import {
  FILTER_CHOICES,
  selectGrids,
  SORT_CHOICES,
  townStatsOf,
  weekBars,
  type GridFilter,
  type GridQuery,
  type GridSort,
} from '../../utils/overview'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import './index.scss'

type View3 = 'grids' | 'towns' | 'ranking' | 'orgs'
type Overview = Awaited<ReturnType<typeof loadOverview>>

/** The overview, with when it arrived (relative times count from then); `fresh` recomputes it now. */
const loadOverview = async (fresh = false) => ({
  ...(await call('stats.overview', fresh ? { fresh } : {})),
  loadedAt: new Date(),
})

/** How old the figures are: 「刚刚」, 「5 分钟前」, 「2 小时前」, 「3 天前」. */
function ageText(asOf: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(asOf)) / 60_000))
  if (minutes < 1) return '刚刚'
  if (minutes < 60) return `${minutes} 分钟前`
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} 小时前`
  return `${Math.floor(minutes / (24 * 60))} 天前`
}

function Freshness({ overview, onRefreshed }: { overview: Overview; onRefreshed: (o: Overview) => void }) {
  const [busy, setBusy] = useState(false)
  const refresh = async () => {
    setBusy(true)
    try {
      onRefreshed(await loadOverview(true))
      showSuccess('已更新到最新')
    } catch (err) {
      handleAuthError(err)
      showError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='overview__freshness'>
      <View className='muted overview__as-of'>数据更新于{ageText(overview.asOf, overview.loadedAt)}</View>
      <Button className='overview__refresh' size='small' fill='outline' loading={busy} onClick={refresh}>
        刷新
      </Button>
    </View>
  )
}
const openGrid = (gridId: string) => Taro.navigateTo({ url: ROUTES.gridManage(gridId) })
const townChoices = (towns: Town[]) => [
  { value: '', label: '全区' },
  ...towns.map((t) => ({ value: t.id, label: t.name })),
]

function WeeklySection({ overview, towns }: { overview: Overview; towns: Town[] }) {
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

function GridFilters({
  query,
  towns,
  onChange,
}: {
  query: GridQuery
  towns: Town[]
  onChange: (q: GridQuery) => void
}) {
  return (
    <View className='card overview__filters'>
      <Radio.Group
        className='overview__radios overview__filter'
        direction='horizontal'
        value={query.filter}
        onChange={(v) => onChange({ ...query, filter: v as GridFilter })}
      >
        {FILTER_CHOICES.map((c) => (
          <Radio key={c.value} value={c.value} shape='button'>
            {c.label}
          </Radio>
        ))}
      </Radio.Group>
      <Radio.Group
        className='overview__radios overview__sort'
        direction='horizontal'
        value={query.sort}
        onChange={(v) => onChange({ ...query, sort: v as GridSort })}
      >
        {SORT_CHOICES.map((c) => (
          <Radio key={c.value} value={c.value} shape='button'>
            {c.label}
          </Radio>
        ))}
      </Radio.Group>
      <View className='overview__town-row'>
        <View className='muted'>镇街</View>
        <View className='overview__town-pick'>
          <PickerField
            title='选择镇街'
            placeholder='全区'
            choices={townChoices(towns)}
            value={query.townId}
            onChange={(townId) => onChange({ ...query, townId })}
          />
        </View>
      </View>
    </View>
  )
}

function GridsView({
  grids,
  towns,
  query,
  onQuery,
  now,
}: {
  grids: GridStats[]
  towns: Town[]
  query: GridQuery
  onQuery: (q: GridQuery) => void
  now: Date
}) {
  const names = new Map(towns.map((t) => [t.id, t.name]))
  const shown = selectGrids(grids, query)
  return (
    <View className='overview__grids'>
      <GridFilters query={query} towns={towns} onChange={onQuery} />
      <View className='muted overview__count'>共 {shown.length} 个网格 · 点网格可编辑「四个一」、邀请网格长</View>
      {shown.length === 0 ? (
        <Empty size='small' title='没有符合条件的网格' description='换个筛选条件看看。' />
      ) : (
        shown.map((g) => (
          <GridStatsCard key={g.gridId} grid={g} townName={names.get(g.townId) ?? ''} now={now} onOpen={openGrid} />
        ))
      )}
    </View>
  )
}

const EXPORTS: { kind: ExportKind; label: string }[] = [
  { kind: 'grids', label: '网格考核表' },
  { kind: 'checkins', label: '签到记录' },
  { kind: 'signups', label: '报名记录' },
]

const cancelled = (err: unknown) => err instanceof Error && /cancel/i.test(err.message)

function ExportSection() {
  const [busy, setBusy] = useState<ExportKind | null>(null)
  const run = async (kind: ExportKind) => {
    setBusy(kind)
    try {
      const file = await call('stats.export', { kind })
      const how = await saveCsv(file)
      if (how !== 'copied') showSuccess(how === 'downloaded' ? '已开始下载' : '已发送')
    } catch (err) {
      handleAuthError(err)
      if (!cancelled(err)) showError(messageOf(err))
    } finally {
      setBusy(null)
    }
  }
  return (
    <View className='card overview__export'>
      <View className='overview__card-title'>导出考核数据</View>
      <View className='muted'>CSV 文件，可用 Excel 或 WPS 打开。小程序里会发送到聊天，请在电脑上打开。</View>
      <View className='overview__export-buttons'>
        {EXPORTS.map((e) => (
          <Button
            key={e.kind}
            className={`overview__export-${e.kind}`}
            type='primary'
            fill='outline'
            size='small'
            loading={busy === e.kind}
            disabled={busy !== null && busy !== e.kind}
            onClick={() => run(e.kind)}
          >
            {e.label}
          </Button>
        ))}
      </View>
    </View>
  )
}

/** The 组织 tab: each organisation's rates this quarter, weakest first, and where their members serve. */
function OrgsView({ overview, towns }: { overview: Overview; towns: Town[] }) {
  const stats = useRemote(() => call('stats.orgs', {}), [])
  const townOf = useMemo(() => new Map(overview.grids.map((g) => [g.gridId, g.townId])), [overview.grids])
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
function OrgRankingSection() {
  const stats = useRemote(() => call('stats.orgs', {}), [])
  return (
    <View className='card'>
      <PageState loading={stats.loading} error={stats.error} onRetry={stats.reload} cards={1}>
        {stats.data && <OrgRanking stats={stats.data} />}
      </PageState>
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
      {view === 'orgs' && <OrgsView overview={overview} towns={towns} />}
      {view === 'grids' && (
        <GridsView grids={overview.grids} towns={towns} query={query} onQuery={setQuery} now={now} />
      )}
      {view === 'towns' && <TownList towns={townStatsOf(overview.grids, towns)} onPick={pickTown} />}
      {view === 'ranking' && (
        <View className='card'>
          <ScoreRanking
            grids={overview.grids}
            weights={overview.weights}
            townName={(id) => names.get(id) ?? ''}
            onOpen={openGrid}
          />
        </View>
      )}
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
