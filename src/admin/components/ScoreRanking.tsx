import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import type { RankedGridStats, ScoreWeights } from '../../../types'
import { weightsText } from '../utils/overview'
import './ScoreRanking.scss'

interface Props {
  /** The grids best score first, as `stats.grids {sort: 'score'}` pages them (with their rank). */
  grids: RankedGridStats[]
  weights: ScoreWeights
  townName: (townId: string) => string
  onOpen: (gridId: string) => void
}

/** The assessment (考核) ranking by score, as horizontal bars of Views, with the weights written out. */
export function ScoreRanking({ grids, weights, townName, onOpen }: Props) {
  const [explaining, setExplaining] = useState(false)
  return (
    <View className='score-ranking'>
      <View className='score-ranking__weights'>
        <View className='score-ranking__weights-head'>
          <Text className='score-ranking__weights-title'>考核得分（满分 100）</Text>
          <Button className='score-ranking__explain' size='small' fill='none' onClick={() => setExplaining(true)}>
            ⓘ 怎么算
          </Button>
        </View>
        <Text className='score-ranking__weights-text'>{weightsText(weights)}</Text>
      </View>
      <Dialog
        visible={explaining}
        title='考核得分怎么算'
        content={
          <View className='score-ranking__explain-text'>
            <Text>
              四个一按齐全程度得分；活跃度看近 30 天的签到（20 次满分）和召集令（2
              条满分）；报名率、出勤率、采纳率按比例得分；志愿时长看今年已确认的时长，成员人均 20 小时满分。
            </Text>
            <Text>没有数据的一项不得分（显示“暂无数据”），所以没有成员、没有活动的网格不会排到前面。</Text>
          </View>
        }
        hideCancelButton
        confirmText='知道了'
        onConfirm={() => setExplaining(false)}
        onCancel={() => setExplaining(false)}
      />
      {grids.map((g) => (
        <View className='score-ranking__row' key={g.gridId} onClick={() => onOpen(g.gridId)}>
          <Text className={`score-ranking__rank${g.rank <= 3 ? ' score-ranking__rank--top' : ''}`}>{g.rank}</Text>
          <View className='score-ranking__body'>
            <View className='score-ranking__name'>
              <Text>{g.name}</Text>
              <Text className='muted'> · {townName(g.townId)}</Text>
            </View>
            <View className='score-ranking__track'>
              <View className='score-ranking__fill' style={{ width: `${Math.min(100, Math.max(0, g.score))}%` }} />
            </View>
          </View>
          <Text className='score-ranking__score'>{g.score}</Text>
        </View>
      ))}
    </View>
  )
}
