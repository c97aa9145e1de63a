/**
 * The storage port. Every adapter (SQLite locally, the WeChat cloud database in production) implements
 * these operations; each one is atomic on its own, so handlers never need a transaction of their own.
 */
import type { FourOnes, Grid, GridInput, GridRef, GridSummary, Id, Profile, Town } from '../../types'

/** A grid as stored, without the viewer-specific flags. */
export type GridRecord = Omit<Grid, 'isMember' | 'isLeader'>

export type InviteOutcome = { ok: true; gridId: Id } | { ok: false; reason: 'missing' | 'used' | 'expired' }

export interface UserStore {
  getProfile(openid: string): Promise<Profile | null>
  saveProfile(openid: string, profile: Profile, now: Date): Promise<Profile>
  isAdmin(openid: string): Promise<boolean>
  addAdmin(openid: string): Promise<void>
  leaderOf(openid: string): Promise<Id[]>
  memberOf(openid: string): Promise<GridRef[]>
}

export interface GridStore {
  towns(): Promise<Town[]>
  townExists(townId: Id): Promise<boolean>
  list(filter: { townId?: Id; q?: string }): Promise<GridSummary[]>
  get(gridId: Id): Promise<GridRecord | null>
  create(input: GridInput, now: Date): Promise<GridRecord>
  update(gridId: Id, patch: Partial<GridInput>, now: Date): Promise<GridRecord>
  isLeader(gridId: Id, openid: string): Promise<boolean>
  isMember(gridId: Id, openid: string): Promise<boolean>
  addLeader(gridId: Id, openid: string, now: Date): Promise<void>
  /** Adds a member; answers false when they were one already. */
  addMember(gridId: Id, openid: string, now: Date): Promise<boolean>
  createInvite(gridId: Id, code: string, createdBy: string, expiresAt: Date): Promise<void>
  /** Consumes a single-use invite and makes the caller a leader, in one step. */
  acceptInvite(code: string, openid: string, now: Date): Promise<InviteOutcome>
}

export interface Store {
  users: UserStore
  grids: GridStore
  close(): void
}

export function fourOnesOf(grid: {
  leaderCount: number
  baseAddress: string
  onlineCount: number
  hasProject: boolean
}): FourOnes {
  return {
    leader: grid.leaderCount > 0,
    physicalBase: grid.baseAddress.trim().length > 0,
    onlineBase: grid.onlineCount > 0,
    project: grid.hasProject,
  }
}
