import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Radio } from '@nutui/nutui-react-taro'
import type { GridsFilter, GridsSort, Town } from '../../../../types'
import { Empty } from '../../../components/Empty'
import { LoadingCards, PageState } from '../../../components/PageState'
import { PickerField } from '../../../components/PickerField'
import { useCursorFeed, type CursorFeed } from '../../../hooks/useCursorFeed'
import { call } from '../../../services/call'
import { ROUTES } from '../../../utils/routes'
import { GridStatsCard } from '../../components/GridStatsCard'
import {
  FILTER_CHOICES,
  gridCount,
  SORT_CHOICES,
  type GridFilter,
  type GridQuery,
  type GridSort,
} from '../../utils/overview'
import type { Overview } from './load'

export const openGrid = (gridId: string) => Taro.navigateTo({ url: ROUTES.gridManage(gridId) })

/** 全区 and each town, for a town picker. */
export const townChoices = (towns: Town[]) => [
  { value: '', label: '全区' },
  ...towns.map((t) => ({ value: t.id, label: t.name })),
]

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

/** The grids asked for, page by page from `stats.grids` (20 a page, ranked), listed under `key`. */
export function useGridPages(req: { townId?: string; filter?: GridsFilter; sort?: GridsSort }, key: string) {
  return useCursorFeed(async (cursor?: string) => {
    const page = await call('stats.grids', cursor ? { ...req, cursor } : req)
    return { ...page, items: page.items.map((g) => ({ ...g, id: g.gridId })) }
  }, key)
}

export type GridPages = CursorFeed<ReturnType<typeof useGridPages>['items'][number]>

/** Grids a `stats.grids` page holds (the server's GRIDS_PAGE). */
const PAGE = 20

/** 加载更多 under a paged list, or the line saying the list is complete. */
export function MoreButton({ feed, end }: { feed: GridPages; end: string }) {
  if (feed.loadingMore) return <LoadingCards count={1} />
  // The end is said only after 加载更多 (a district of one page looks as it always did).
  if (!feed.hasMore) return feed.items.length > PAGE ? <View className='muted overview__end'>{end}</View> : null
  return (
    <Button className='overview__more' fill='none' block onClick={() => void feed.loadMore()}>
      加载更多
    </Button>
  )
}

interface Props {
  overview: Overview
  towns: Town[]
  query: GridQuery
  onQuery: (q: GridQuery) => void
  now: Date
}

/** The 网格 tab: the filters, then a card per grid asked for, 20 at a time. */
export function GridsView({ overview, towns, query, onQuery, now }: Props) {
  const names = new Map(towns.map((t) => [t.id, t.name]))
  const req = { ...(query.townId ? { townId: query.townId } : {}), filter: query.filter, sort: query.sort }
  // A new query or newer figures (刷新, the page shown again) start the list afresh.
  const feed = useGridPages(req, `${JSON.stringify(req)}|${overview.loadedAt.getTime()}`)
  const count = gridCount(overview, query)
  return (
    <View className='overview__grids'>
      <GridFilters query={query} towns={towns} onChange={onQuery} />
      <View className='muted overview__count'>共 {count} 个网格 · 点网格可编辑「四个一」、邀请网格长</View>
      <PageState loading={feed.loading} error={feed.error} onRetry={() => void feed.refresh()} cards={2}>
        {feed.items.length === 0 ? (
          <Empty size='small' title='没有符合条件的网格' description='换个筛选条件看看。' />
        ) : (
          feed.items.map((g) => (
            <GridStatsCard key={g.gridId} grid={g} townName={names.get(g.townId) ?? ''} now={now} onOpen={openGrid} />
          ))
        )}
      </PageState>
      <MoreButton feed={feed} end='已经是全部网格了' />
    </View>
  )
}
