import { useMemo, useState } from 'react'
import { View } from '@tarojs/components'
import { SearchBar, Tabs, Toast } from '@nutui/nutui-react-taro'
import { Empty } from '../../../components/Empty'
import type { Town } from '../../../../types'
import { GridCard } from '../../../components/GridCard'
import { PageState } from '../../../components/PageState'
import { useRemote } from '../../../hooks/useSession'
import { call } from '../../../services/call'
import { TOAST_ID } from '../../../utils/toast'
import { PrivacyConsent } from '../../../components/PrivacyConsent'
import './index.scss'

const ALL = 'all'

function TownTabs({ towns, value, onChange }: { towns: Town[]; value: string; onChange: (v: string) => void }) {
  const total = towns.reduce((sum, t) => sum + t.gridCount, 0)
  return (
    <Tabs className='town-tabs' value={value} onChange={(v) => onChange(String(v))} activeType='line'>
      <Tabs.TabPane title={`全部 ${total}`} value={ALL} />
      {towns.map((t) => (
        <Tabs.TabPane key={t.id} title={`${t.name} ${t.gridCount}`} value={t.id} />
      ))}
    </Tabs>
  )
}

export default function GridsPage() {
  const [townId, setTownId] = useState(ALL)
  const [q, setQ] = useState('')
  const [query, setQuery] = useState('')

  const towns = useRemote(() => call('grids.towns', {}), [])
  const list = useRemote(
    () => call('grids.list', { ...(townId !== ALL ? { townId } : {}), ...(query ? { q: query } : {}) }),
    [townId, query],
    true,
  )
  const townNames = useMemo(() => new Map((towns.data ?? []).map((t) => [t.id, t.name])), [towns.data])

  const search = (value: string) => setQuery(value.trim())

  return (
    <View className='grids page-bg'>
      <View className='grids__bar'>
        <SearchBar
          placeholder='搜索网格名称'
          value={q}
          maxLength={30}
          onChange={(v) => {
            setQ(v)
            if (!v) search('')
          }}
          onSearch={search}
          onClear={() => search('')}
          right={
            <View className='grids__search-go' onClick={() => search(q)}>
              搜索
            </View>
          }
        />
        {towns.data && <TownTabs towns={towns.data} value={townId} onChange={setTownId} />}
      </View>
      <View className='page grids__list'>
        <PageState loading={list.loading} error={list.error} onRetry={list.reload}>
          {list.data && list.data.length === 0 ? (
            <Empty
              title={query ? '没有找到相关网格' : '这里还没有网格'}
              description={
                !query
                  ? '看看别的镇街，或者请区团委创建网格。'
                  : townId === ALL
                    ? '换个关键词试试。'
                    : '换个关键词，或者切到「全部」看看。'
              }
            />
          ) : (
            list.data?.map((g) => <GridCard key={g.id} grid={g} townName={townNames.get(g.townId)} />)
          )}
        </PageState>
      </View>
      <PrivacyConsent />
      <Toast id={TOAST_ID} />
    </View>
  )
}
