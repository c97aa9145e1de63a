import type { Decision, PlanState } from '../../../types'
import { DECISION_LABELS, PLAN_STATE_LABELS } from '../../utils/plans'
import { DECISION_TONE, PLAN_STATE_TONE } from '../../utils/status-colours'
import { StatusTag } from '../StatusTag'

/** The state of a plan: 征集中, 已定稿 or 已截止. */
export function PlanStateBadge({ state }: { state: PlanState }) {
  return (
    <StatusTag tone={PLAN_STATE_TONE[state]} className={`plan-state plan-state--${state}`}>
      {PLAN_STATE_LABELS[state].label}
    </StatusTag>
  )
}

/** The leader's decision on an idea: 已采纳, 部分采纳 or 暂不采纳. */
export function DecisionBadge({ decision }: { decision: Decision }) {
  return (
    <StatusTag tone={DECISION_TONE[decision]} className={`decision-badge decision-badge--${decision}`}>
      {DECISION_LABELS[decision].label}
    </StatusTag>
  )
}
