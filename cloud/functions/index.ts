import type { ActionName, FunctionName } from '../../types'
import type { Handler } from '../core/dispatch'
import { account } from './account'
import { checkin } from './checkin'
import { grids } from './grids'
import { hours } from './hours'
import { orgs } from './orgs'
import { plans } from './plans'
import { stats } from './stats'
import { summons } from './summons'

/** Every cloud function of the contract, by name. */
export const FUNCTIONS: Record<FunctionName, Record<string, Handler<ActionName>>> = {
  account,
  grids,
  checkin,
  summons,
  plans,
  stats,
  orgs,
  hours,
} as unknown as Record<FunctionName, Record<string, Handler<ActionName>>>

export function isFunctionName(name: string): name is FunctionName {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name)
}
