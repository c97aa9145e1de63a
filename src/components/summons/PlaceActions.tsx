import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { SummonDetail } from '../../../types'
import { useAction } from '../../hooks/useAction'
import { addToCalendar } from '../../services/calendar'
import { openPlace } from '../../services/map'
import { showSuccess } from '../../utils/toast'
import './PlaceActions.scss'

/** 网格阵地在地图中 (when the grid's base has a point) and 加入日历 (until the summon ends). */
export function PlaceActions({ summon }: { summon: SummonDetail }) {
  const [busy, run] = useAction()
  const base = summon.gridBase
  const upcoming = summon.state !== 'ended' && summon.state !== 'withdrawn'
  if (!base && !upcoming) return null

  const calendar = () =>
    run(async () => {
      const how = await addToCalendar({
        uid: `summon-${summon.id}@erwei`,
        title: summon.title,
        place: summon.place,
        description: summon.body,
        startAt: summon.startAt,
        endAt: summon.endAt,
      })
      showSuccess(how === 'added' ? '已加入手机日历' : '已下载日历文件，打开即可加入日历')
    })

  return (
    <View className='place-actions'>
      {base && (
        <Button
          className='place-actions__map'
          fill='outline'
          onClick={() =>
            run(() => openPlace({ lat: base.lat, lng: base.lng, name: summon.gridName, address: base.address }))
          }
        >
          网格阵地在地图中
        </Button>
      )}
      {upcoming && (
        <Button className='place-actions__calendar' fill='outline' loading={busy} onClick={calendar}>
          加入日历
        </Button>
      )}
    </View>
  )
}
