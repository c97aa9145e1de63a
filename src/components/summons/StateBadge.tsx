import type { SummonState } from '../../../types'
import { STATE_LABELS } from '../../utils/summons'
import { SUMMON_STATE_TONE } from '../../utils/status-colours'
import { StatusTag } from '../StatusTag'

/** The state of a summon as a small coloured tag: 报名中, 已满可候补, 已截止, 进行中, 已结束, 已撤回. */
export function StateBadge({ state }: { state: SummonState }) {
  return (
    <StatusTag tone={SUMMON_STATE_TONE[state]} className={`state-badge state-badge--${state}`}>
      {STATE_LABELS[state]}
    </StatusTag>
  )
}
