import { Tag } from '@nutui/nutui-react-taro'
import type { SummonState } from '../../../types'
import { STATE_LABELS } from '../../utils/summons'

/** Colours of the badge: League red while open, amber when only the waitlist is left, green while live. */
const COLORS: Record<SummonState, { color: string; plain: boolean }> = {
  open: { color: '#c8161d', plain: false },
  full: { color: '#d97706', plain: true },
  closed: { color: '#8c8c8c', plain: true },
  live: { color: '#1f9d55', plain: false },
  ended: { color: '#8c8c8c', plain: true },
  withdrawn: { color: '#8c8c8c', plain: true },
}

/** The state of a summon as a small coloured tag: 报名中, 已满可候补, 已截止, 进行中, 已结束, 已撤回. */
export function StateBadge({ state }: { state: SummonState }) {
  const { color, plain } = COLORS[state]
  return (
    <Tag
      className={`state-badge state-badge--${state}`}
      plain={plain}
      {...(plain ? { color } : { background: color, color: '#ffffff' })}
    >
      {STATE_LABELS[state]}
    </Tag>
  )
}
