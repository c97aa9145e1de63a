import { Tag } from '@nutui/nutui-react-taro'
import type { SummonState } from '../../../types'
import { STATE_LABELS } from '../../utils/summons'
import { BRAND, MUTED, OK } from '../../utils/theme'

/**
 * Colours of the badge: League red while open, amber when only the waitlist is left, green while live.
 * A plain NutUI tag takes its border from `background` and its text from `color`.
 */
const COLORS: Record<SummonState, { color: string; plain: boolean }> = {
  open: { color: BRAND, plain: false },
  full: { color: '#b45309', plain: true },
  closed: { color: MUTED, plain: true },
  live: { color: OK, plain: false },
  ended: { color: MUTED, plain: true },
  withdrawn: { color: MUTED, plain: true },
}

/** The state of a summon as a small coloured tag: 报名中, 已满可候补, 已截止, 进行中, 已结束, 已撤回. */
export function StateBadge({ state }: { state: SummonState }) {
  const { color, plain } = COLORS[state]
  return (
    <Tag
      className={`state-badge state-badge--${state}`}
      plain={plain}
      background={color}
      color={plain ? color : '#ffffff'}
    >
      {STATE_LABELS[state]}
    </Tag>
  )
}
