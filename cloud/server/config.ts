import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join, resolve } from 'node:path'
import type { FollowMode } from '../../types'
import { followModeOf } from '../domain/follows'

export interface ServerConfig {
  host: string
  port: number
  dataDir: string
  seed: 'demo' | 'none'
  adminOpenids: string[]
  devLogin: boolean
  liveCodeSeconds: number
  /** `FOLLOW_SUBSCRIPTIONS`: long-term or one-time subscriptions for followers of a grid. */
  followMode: FollowMode
  /** How often the scheduled job (reminders, promotion notices) runs locally. */
  jobIntervalSeconds: number
  /** Where the built H5 app is served from, if it exists. */
  staticDir: string
}

/** Reads the settings of API.md from the environment. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const live = Number(env.LIVE_CODE_SECONDS || 30)
  return {
    host: env.HOST || '127.0.0.1',
    port: Number(env.PORT || 10086),
    dataDir: resolve(env.DATA_DIR || '.data'),
    seed: env.SEED === '0' ? 'none' : 'demo',
    adminOpenids: (env.ADMIN_OPENIDS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    devLogin: env.DEV_LOGIN !== '0',
    liveCodeSeconds: Number.isFinite(live) ? Math.max(5, Math.floor(live)) : 30,
    followMode: followModeOf(env.FOLLOW_SUBSCRIPTIONS),
    jobIntervalSeconds: Math.max(1, Number(env.JOB_INTERVAL_SECONDS) || 60),
    staticDir: resolve(env.STATIC_DIR || 'dist/h5'),
  }
}

/** The per-deployment secret, created once in the data directory and kept there. */
export function loadSecret(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true })
  const file = join(dataDir, 'secret')
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' })
  return readFileSync(file, 'utf8').trim()
}
