/** Pure rules of plans and ideas: state, visibility and the idea rate limit. */
import type { IdeaStatus, PlanState } from '../../types'

export function planState(plan: { finalizedAt: string | null; ideasUntil: string | null }, now: Date): PlanState {
  if (plan.finalizedAt) return 'finalized'
  if (plan.ideasUntil && now.toISOString() >= plan.ideasUntil) return 'closed'
  return 'collecting'
}

/** Who may see an idea: everyone once visible; while held for review (or rejected), its author and the leaders. */
export function canSeeIdea(idea: { status: IdeaStatus; openid: string }, viewer: string, isManager: boolean): boolean {
  if (idea.status === 'visible') return true
  if (idea.openid === viewer) return true
  return idea.status === 'pending_review' && isManager
}

/** At most this many ideas per member in the window, across all plans. */
export const IDEA_RATE = { max: 5, windowMinutes: 10 } as const
