/**
 * The entry of every deployed cloud function: WeChat's context gives the identity (OPENID, never a field
 * of the request), the cloud database backs the storage port, OpenAPI backs the platform port.
 */
import type { FunctionName } from '../../types'
import type { Ctx } from '../core/context'
import { dispatch } from '../core/dispatch'
import { FUNCTIONS } from '../functions'
import { followModeOf } from '../domain/follows'
import { backfillMissingFields, type BackfillOutcome } from '../jobs/backfill'
import { announceSummons } from '../jobs/follows'
import { foldMemberTotals } from '../jobs/memberTotals'
import { sendDueNotices } from '../jobs/notices'
import { refreshShareCards } from '../jobs/shareCards'
import { notifyQuietGrids } from '../jobs/quiet'
import { takeStatsSnapshots } from '../jobs/snapshots'
import { createWechatPlatform, type WxCloudSdk } from '../platform/wechat'
import { createWxCloudStore } from '../store/wxcloud'
import type { WxDb } from '../store/wxcloud/db'

interface Sdk extends WxCloudSdk {
  DYNAMIC_CURRENT_ENV: unknown
  init(options: { env: unknown }): void
  database(): WxDb
  getWXContext(): { OPENID?: string }
}

// Kept external by the bundler: the cloud runtime installs it from the function's package.json.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const cloud = require('wx-server-sdk') as Sdk

function environment() {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  const db = cloud.database()
  const store = createWxCloudStore(db)
  const env = process.env
  const platform = createWechatPlatform(cloud, store.codes, {
    templates: {
      summon_reminder: env.TMPL_SUMMON_REMINDER,
      waitlist_promoted: env.TMPL_WAITLIST_PROMOTED,
      summon_withdrawn: env.TMPL_SUMMON_WITHDRAWN,
      quiet_grid: env.TMPL_QUIET_GRID,
      grid_summon: env.TMPL_GRID_SUMMON,
      summon_changed: env.TMPL_SUMMON_CHANGED,
      idea_answered: env.TMPL_IDEA_ANSWERED,
      idea_reviewed: env.TMPL_IDEA_REVIEWED,
    },
    envVersion: (env.MINIPROGRAM_ENV_VERSION as 'release' | 'trial' | 'develop' | undefined) ?? 'release',
  })
  if (!env.ERWEI_SECRET) throw new Error('ERWEI_SECRET is not set for this cloud function')
  const config = {
    secret: env.ERWEI_SECRET,
    adminOpenids: (env.ADMIN_OPENIDS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    liveCodeSeconds: Math.max(5, Number(env.LIVE_CODE_SECONDS) || 30),
    followMode: followModeOf(env.FOLLOW_SUBSCRIPTIONS),
  }
  return { store, platform, config }
}

let cached: ReturnType<typeof environment> | null = null

/** `exports.main` of the cloud function `name`: `{action, data}` in, the envelope out. */
export function handlerFor(name: FunctionName) {
  return async (event: unknown) => {
    cached ??= environment()
    const ctx: Ctx = { ...cached, openid: cloud.getWXContext().OPENID ?? null, now: () => new Date() }
    return dispatch(FUNCTIONS[name], event, ctx)
  }
}

/**
 * `exports.main` of the timer-triggered job: reminders, promotion notices, quiet grids, overview snapshots,
 * and the grids' member totals (cloud/jobs/memberTotals.ts).
 * Called by hand with `{ job: "backfill" }` it runs only the one-off repair of cloud/jobs/backfill.ts.
 */
export async function runJobs(event?: { job?: string }): Promise<
  | BackfillOutcome
  | {
      notices: number
      announced: number
      cards: number
      quiet: number
      snapshots: number
      memberTotals: number
    }
> {
  cached ??= environment()
  if (event?.job === 'backfill') return backfillMissingFields(cloud.database())
  const now = new Date()
  const notices = await sendDueNotices(cached.store, cached.platform, now)
  const announced = await announceSummons(cached.store, cached.platform, now, cached.config.followMode)
  const cards = await refreshShareCards(cached.store, cached.platform, now)
  const quiet = await notifyQuietGrids(cached.store, cached.platform, now)
  const snapshots = await takeStatsSnapshots(cached.store, now)
  const memberTotals = (await foldMemberTotals(cloud.database(), now)).counted
  return { notices, announced, cards, quiet, snapshots, memberTotals }
}
