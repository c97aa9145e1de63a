import { Tag } from '@nutui/nutui-react-taro'
import type { Decision, PlanState } from '../../../types'
import { DECISION_LABELS, PLAN_STATE_LABELS, type TagType } from '../../utils/plans'
import { BRAND, MUTED, OK } from '../../utils/theme'

const WARN = '#b45309'

/** Solid League red / green for what is live or adopted; outlined amber or grey for the rest. */
const STYLES: Record<TagType, { color: string; plain: boolean }> = {
  primary: { color: BRAND, plain: false },
  success: { color: OK, plain: false },
  warning: { color: WARN, plain: true },
  default: { color: MUTED, plain: true },
}

function Badge({ label, type, className }: { label: string; type: TagType; className: string }) {
  const { color, plain } = STYLES[type]
  return (
    // A plain NutUI tag takes its border from `background` and its text from `color`.
    <Tag className={className} plain={plain} background={color} color={plain ? color : '#ffffff'}>
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
