import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Radio } from '@nutui/nutui-react-taro'
import type { GridStats, Town } from '../../../../types'
import { Empty } from '../../../components/Empty'
import { PickerField } from '../../../components/PickerField'
import { ROUTES } from '../../../utils/routes'
import { GridStatsCard } from '../../components/GridStatsCard'
import {
  FILTER_CHOICES,
  selectGrids,
  SORT_CHOICES,
  type GridFilter,
  type GridQuery,
  type GridSort,
} from '../../utils/overview'

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

interface Props {
  grids: GridStats[]
  towns: Town[]
  query: GridQuery
  onQuery: (q: GridQuery) => void
  now: Date
}

/** The 网格 tab: the filters, then a card per grid asked for. */
export function GridsView({ grids, towns, query, onQuery, now }: Props) {
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
