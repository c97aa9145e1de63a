import type { Store } from '../port'
import { wxCheckins } from './checkins'
import { wxCodes } from './codes'
import type { WxDb } from './db'
import { wxFollows } from './follows'
import { wxGrids } from './grids'
import { wxHours } from './hours'
import { wxOrgs } from './orgs'
import { wxOutbox } from './outbox'
import { wxPlans } from './plans'
import { wxStats } from './stats'
import { wxSummons } from './summons'
import { wxUsers } from './users'
import { wxShareCards, type MadeCards } from './shareCards'

/** The WeChat cloud database adapter of the storage port (production), over `cloud.database()`. */
export function createWxCloudStore(db: WxDb): Store {
  // Share cards this instance made, so its next sign-ups answer them before its cached summons show them.
  const madeCards: MadeCards = new Map()
  return {
    hours: wxHours(db),
    shareCards: wxShareCards(db, madeCards),
    users: wxUsers(db),
    follows: wxFollows(db),
    orgs: wxOrgs(db),
    grids: wxGrids(db),
    summons: wxSummons(db, madeCards),
    checkins: wxCheckins(db),
    plans: wxPlans(db),
    stats: wxStats(db),
    outbox: wxOutbox(db),
    codes: wxCodes(db),
    close: () => undefined,
  }
}
