import { Text, View } from '@tarojs/components'
import type { TownStats } from '../../../types'
import './TownList.scss'

/** The towns with the sums of their grids; tap a town to see its grids. */
export function TownList({ towns, onPick }: { towns: TownStats[]; onPick: (townId: string) => void }) {
  return (
    <View className='card town-list'>
      {towns.map((t) => (
        <View className='town-list__row' key={t.townId} onClick={() => onPick(t.townId)}>
          <View className='town-list__head'>
            <Text className='town-list__name'>{t.name}</Text>
            <Text className='town-list__score'>{t.score === null ? '还没有网格' : `平均 ${t.score} 分`}</Text>
          </View>
          {t.grids > 0 && (
            <View className='muted town-list__figures'>
              网格 {t.grids} · 四个一完整 {t.complete}/{t.grids} · 成员 {t.members} · 30天签到 {t.checkIns30d} · 召集令{' '}
              {t.summons30d}
              {t.quiet > 0 ? ` · ${t.quiet} 个无活动` : ''}
            </View>
          )}
        </View>
      ))}
    </View>
  )
}
