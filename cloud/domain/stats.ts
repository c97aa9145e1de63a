/** Pure rules of the territory view: rates, quietness and the assessment score. */
import type { FourOnes, ScoreWeights } from '../../types'
import { DAY_MS, HOURS_YEAR_TARGET } from '../../types/rules'

export const QUIET_DAYS = 30
export { DAY_MS }

/** The weights shown on the assessment screen; they add up to 100. */
export const SCORE_WEIGHTS: ScoreWeights = {
  fourOnes: 25,
  activity: 25,
  fillRate: 10,
  attendanceRate: 15,
  adoptionRate: 15,
  hours: 10,
}

/** Activity is full marks at this many check-ins and summons in 30 days. */
const ACTIVITY_TARGET = { checkIns: 20, summons: 2 }

export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null
}

export function isQuiet(lastActivityAt: string | null, now: Date): boolean {
  return !lastActivityAt || now.getTime() - Date.parse(lastActivityAt) > QUIET_DAYS * DAY_MS
}

export interface ScoreInput {
  fourOnes: FourOnes
  checkIns30d: number
  summons30d: number
  fillRate: number | null
  attendanceRate: number | null
  adoptionRate: number | null
  members: number
  /** This year's confirmed volunteer hours credited at the grid's summons. */
  hours: number
}

/** Full marks when the members average the League's 20 hours a year; a grid without members earns nothing. */
function hoursPart(g: Pick<ScoreInput, 'members' | 'hours'>): number {
  return g.members > 0 ? Math.min(1, g.hours / (g.members * HOURS_YEAR_TARGET)) : 0
}

/** The assessment score, 0–100: each part scaled to 0–1, times its weight; a missing rate scores 0. */
export function assessmentScore(g: ScoreInput, weights: ScoreWeights = SCORE_WEIGHTS): number {
  const fourOnes = Object.values(g.fourOnes).filter(Boolean).length / 4
  const activity =
    (Math.min(1, g.checkIns30d / ACTIVITY_TARGET.checkIns) + Math.min(1, g.summons30d / ACTIVITY_TARGET.summons)) / 2
  const total =
    fourOnes * weights.fourOnes +
    activity * weights.activity +
    (g.fillRate ?? 0) * weights.fillRate +
    (g.attendanceRate ?? 0) * weights.attendanceRate +
    (g.adoptionRate ?? 0) * weights.adoptionRate +
    hoursPart(g) * weights.hours
  return Math.round(total * 10) / 10
}
