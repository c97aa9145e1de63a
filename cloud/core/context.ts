import type { FollowMode } from '../../types'
import type { Platform } from '../platform/port'
import type { Store } from '../store/port'

export interface CloudConfig {
  /** Per-deployment secret for code signing. */
  secret: string
  /** District admins named by configuration (in addition to the admins table). */
  adminOpenids: readonly string[]
  liveCodeSeconds: number
  /** How followers of a grid are told of its summons (`FOLLOW_SUBSCRIPTIONS`; one-time when absent). */
  followMode?: FollowMode
}

/** What a handler may use: the caller's identity (from the platform, never the request) and the ports. */
export interface Ctx {
  openid: string | null
  store: Store
  platform: Platform
  config: CloudConfig
  now: () => Date
}

export type AuthedCtx = Ctx & { openid: string }
