import { Text, View } from '@tarojs/components'
import type { GridStats } from '../../../types'
import { FourOnesBadges } from '../../components/FourOnesBadges'
import { hoursText } from '../../utils/hours'
import { activityText, hoursOf, percentText } from '../utils/overview'
import { StatusTag } from '../../components/StatusTag'
import { ACTIVITY_TONE } from '../../utils/status-colours'
import './GridStatsCard.scss'

interface Props {
  grid: GridStats
  townName: string
  now: Date
  onOpen: (gridId: string) => void
}

/** One grid of the overview: its figures, 四个一 and last activity; tap opens its management page. */
export function GridStatsCard({ grid, townName, now, onOpen }: Props) {
  const figures: [string, string][] = [
    ['成员', `${grid.members}`],
    ['30天签到', `${grid.checkIns30d}`],
    ['30天召集令', `${grid.summons30d}`],
    ['报名率', percentText(grid.fillRate)],
    ['出勤率', percentText(grid.attendanceRate)],
    ['爽约率', percentText(grid.noShowRate)],
    // 现场签到: came to an ended summon without signing up; in neither rate above.
    ...(grid.walkins === undefined ? [] : ([['现场签到', `${grid.walkins}`]] as [string, string][])),
    // 建议: the public ideas on all the grid's plans (held for review or rejected ones do not count).
    ['建议', `${grid.ideas}`],
    ['采纳率', percentText(grid.adoptionRate)],
  ]
  const hours = hoursOf(grid)
  if (hours !== undefined) figures.push(['志愿时长', `${hoursText(hours)} 小时`])
  return (
    <View className='card grid-stats' onClick={() => onOpen(grid.gridId)}>
      <View className='grid-stats__head'>
        <Text className='grid-stats__name'>{grid.name}</Text>
        <Text className='grid-stats__score'>{grid.score} 分</Text>
      </View>
      <View className='grid-stats__meta'>
        <StatusTag tone='label'>{townName}</StatusTag>
        {grid.quiet ? (
          <StatusTag tone={ACTIVITY_TONE.quiet}>30天无活动</StatusTag>
        ) : (
          <Text className='muted'>最近活动 {activityText(grid.lastActivityAt, now)}</Text>
        )}
      </View>
      <FourOnesBadges fourOnes={grid.fourOnes} />
      <View className='grid-stats__figures'>
        {figures.map(([label, value]) => (
          <View className='grid-stats__figure' key={label}>
            <Text className='grid-stats__value'>{value}</Text>
            <Text className='grid-stats__label'>{label}</Text>
          </View>
        ))}
      </View>
      {grid.quiet && <View className='muted grid-stats__last'>最近活动：{activityText(grid.lastActivityAt, now)}</View>}
    </View>
  )
}
