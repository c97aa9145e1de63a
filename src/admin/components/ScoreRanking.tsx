import { Text, View } from '@tarojs/components'
import type { GridStats, ScoreWeights } from '../../../types'
import { ranking, weightsText } from '../utils/overview'
import './ScoreRanking.scss'

interface Props {
  grids: GridStats[]
  weights: ScoreWeights
  townName: (townId: string) => string
  onOpen: (gridId: string) => void
}

/** The assessment (考核) ranking by score, as horizontal bars of Views, with the weights written out. */
export function ScoreRanking({ grids, weights, townName, onOpen }: Props) {
  const rows = ranking(grids)
  return (
    <View className='score-ranking'>
      <View className='score-ranking__weights'>
        <Text className='score-ranking__weights-title'>考核得分（满分 100）</Text>
        <Text className='score-ranking__weights-text'>{weightsText(weights)}</Text>
      </View>
      {rows.map((g, i) => (
        <View className='score-ranking__row' key={g.gridId} onClick={() => onOpen(g.gridId)}>
          <Text className={`score-ranking__rank${i < 3 ? ' score-ranking__rank--top' : ''}`}>{i + 1}</Text>
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
