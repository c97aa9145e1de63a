/**
 * Several cloud-function instances over one database, for the production-engine suite. On the cloud
 * adapter each instance is its own `createWxCloudStore` (its own caches) over its own view of one stand-in,
 * with its own fault plan (latency, a transient error at operation k, killed after or at operation k). On
 * SQLite every instance shares the one store: concurrency still interleaves at every `await` of the
 * handlers, and process kills are the crash suite's business (test/reliability).
 */
import type { CloudConfig, Ctx } from '../../cloud/core/context'
import { dispatch } from '../../cloud/core/dispatch'
import { FUNCTIONS } from '../../cloud/functions'
import type { Store } from '../../cloud/store/port'
import { createSqliteStore } from '../../cloud/store/sqlite'
import { createWxCloudStore } from '../../cloud/store/wxcloud'
import type { ActionName, Envelope, ReqOf, ResOf } from '../../types'
import { NOW, platformWithoutImages, SECRET, splitAction } from '../cloud/helpers'
import { onWxCloud } from './store'
import { createWxDbStandIn, type FaultPlan, type StandIn, type StandInDb } from './wxdb-standin'

export type Call = <A extends ActionName>(action: A, data?: ReqOf<A>) => Promise<Envelope<ResOf<A>>>

export interface Instance {
  store: Store
  /** Operations this instance ran on the cloud database (0 on SQLite). */
  ops(): number
  as(openid: string, now?: Date): Call
}

export interface Fleet {
  /** The instance without faults; suites seed and check through it. */
  main: Instance
  /** Another instance; on SQLite the plan is ignored. */
  instance(plan?: FaultPlan): Instance
  standIn: StandIn | null
  close(): void
}

export const ADMIN = 'o_fleet_admin'

export function createFleet(seed = 7): Fleet {
  const platform = platformWithoutImages()
  const config: CloudConfig = { secret: SECRET, adminOpenids: [ADMIN], liveCodeSeconds: 30 }
  const standIn = onWxCloud() ? createWxDbStandIn({ seed }) : null
  const sqlite = standIn ? null : createSqliteStore(':memory:')

  const instanceOver = (store: Store, db: StandInDb | null): Instance => ({
    store,
    ops: () => db?.ops ?? 0,
    as:
      (openid, now = NOW) =>
      (action, data) => {
        const { fn, action: local } = splitAction(action)
        const ctx: Ctx = { openid, store, platform, config, now: () => now }
        return dispatch(FUNCTIONS[fn], { action: local, data: data ?? {} }, ctx) as never
      },
  })
  const instance = (plan: FaultPlan = {}): Instance => {
    if (!standIn) return instanceOver(sqlite!, null)
    const db = standIn.instance(plan)
    return instanceOver(createWxCloudStore(db), db)
  }
  return {
    main: standIn ? instanceOver(createWxCloudStore(standIn.db), standIn.db) : instanceOver(sqlite!, null),
    instance,
    standIn,
    close: () => sqlite?.close(),
  }
}

/** Answers the call's envelope, or `hung` when it has not answered within `ms` (a killed instance). */
export async function settleWithin<T>(call: Promise<T>, ms = 30): Promise<T | 'hung'> {
  let timer: NodeJS.Timeout | undefined
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), ms)
  })
  try {
    return await Promise.race([call, hung])
  } finally {
    clearTimeout(timer)
  }
}
