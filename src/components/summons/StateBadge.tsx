import { Tag } from '@nutui/nutui-react-taro'
import type { SummonState } from '../../../types'
import { STATE_LABELS } from '../../utils/summons'

/** The state of a summon as a small coloured tag: 报名中, 已满可候补, 已截止, 进行中, 已结束, 已撤回. */
export function StateBadge({ state }: { state: SummonState }) {
  const { label, type } = STATE_LABELS[state]
  if (type === 'default') {
    return (
      <Tag className={`state-badge state-badge--${state}`} background='#f0f0f0' color='#8c8c8c'>
        {label}
      </Tag>
    )
  }
  return (
    <Tag className={`state-badge state-badge--${state}`} type={type} plain={state !== 'open'}>
      {label}
    </Tag>
  )
}
