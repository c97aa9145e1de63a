import { Text, View } from '@tarojs/components'
import type { Bar } from '../utils/overview'
import './WeekChart.scss'

/**
 * A column chart drawn with Views (percentage heights): no chart library, the same in the mini program
 * and H5, and readable by a test as text.
 */
export function WeekChart({ bars, unit }: { bars: Bar[]; unit: string }) {
  const max = Math.max(0, ...bars.map((b) => b.value))
  const total = bars.reduce((n, b) => n + b.value, 0)
  return (
    <View className='week-chart'>
      <View className='week-chart__plot'>
        {bars.map((bar) => (
          <View className='week-chart__col' key={bar.key}>
            <Text className='week-chart__value'>{bar.value > 0 ? bar.value : ''}</Text>
            <View
              className={`week-chart__bar${bar.value > 0 ? '' : ' week-chart__bar--zero'}`}
              style={{ height: `${max > 0 ? Math.max(2, (bar.value / max) * 100) : 0}%` }}
            />
          </View>
        ))}
      </View>
      <View className='week-chart__axis'>
        {bars.map((bar, i) => (
          <Text className='week-chart__label' key={bar.key}>
            {i % 2 === bars.length % 2 ? '' : bar.label}
          </Text>
        ))}
      </View>
      <View className='muted week-chart__note'>
        {total > 0 ? `12 周共 ${total} ${unit}，每周从周一算起` : '这 12 周还没有签到'}
      </View>
    </View>
  )
}
