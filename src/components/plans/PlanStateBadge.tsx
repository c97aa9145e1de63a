import { Tag } from '@nutui/nutui-react-taro'
import type { Decision, PlanState } from '../../../types'
import { DECISION_LABELS, PLAN_STATE_LABELS, type TagType } from '../../utils/plans'
import { MUTED } from '../../utils/theme'

function Badge({ label, type, className }: { label: string; type: TagType; className: string }) {
  if (type === 'default') {
    return (
      <Tag className={className} background='#f0f0f0' color={MUTED}>
        {label}
      </Tag>
    )
  }
  return (
    <Tag className={className} type={type} plain>
      {label}
    </Tag>
  )
}

/** The state of a plan: 征集中, 已定稿 or 已截止. */
export function PlanStateBadge({ state }: { state: PlanState }) {
  const { label, type } = PLAN_STATE_LABELS[state]
  return <Badge className={`plan-state plan-state--${state}`} label={label} type={type} />
}

/** The leader's decision on an idea: 已采纳, 部分采纳 or 暂不采纳. */
export function DecisionBadge({ decision }: { decision: Decision }) {
  const { label, type } = DECISION_LABELS[decision]
  return <Badge className={`decision-badge decision-badge--${decision}`} label={label} type={type} />
}
