/**
 * The district admins' hold on a grid's leadership (issue 12): removing a leader, and the leader invites
 * still open, which they may revoke. Part of the `grids` function (spread into its handlers).
 */
import { createHmac } from 'node:crypto'
import { z } from 'zod'
import type { Grid, GridLeader } from '../../types'
import type { AuthedCtx } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { AppError, notFound } from '../core/errors'
import { id, text } from '../core/validate'
import type { GridRecord, LeaderRecord } from '../store/port'

/**
 * A member's opaque id for the pages (`Grid.leaders[].userId`): keyed with the deployment's secret, so it
 * reveals nothing of the openid and cannot be made from one without the key; the same in every grid.
 */
export function userIdOf(openid: string, secret: string): string {
  return `u${createHmac('sha256', secret).update(`user\n${openid}`).digest('hex').slice(0, 24)}`
}

const leaderOf = (l: LeaderRecord, secret: string): GridLeader => ({ name: l.name, userId: userIdOf(l.openid, secret) })

/** A stored grid as the contract answers it: leaders named by `userId`, never by openid. */
export function gridOf(
  record: GridRecord,
  secret: string,
  flags: Pick<Grid, 'isMember' | 'isLeader' | 'canManage'>,
): Grid {
  return { ...record, leaders: record.leaders.map((l) => leaderOf(l, secret)), ...flags }
}

const MISSING_GRID = '没有找到这个网格'

/** The grid with the admin's own standing, read in one step (admins manage every grid). */
async function gridFor(ctx: AuthedCtx, gridId: string): Promise<{ record: GridRecord; grid: Grid } | null> {
  const found = await ctx.store.grids.get(gridId, ctx.openid)
  if (!found) return null
  const { viewer, ...record } = found
  const flags = { isMember: viewer?.isMember === true, isLeader: viewer?.isLeader === true, canManage: true }
  return { record, grid: gridOf(record, ctx.config.secret, flags) }
}

export const gridAdmin: Pick<FunctionHandlers<'grids'>, 'removeLeader' | 'invites' | 'revokeInvite'> = {
  removeLeader: {
    schema: z.object({ gridId: id, userId: id }).strict(),
    access: 'admin',
    async run({ gridId, userId }, ctx) {
      const before = await gridFor(ctx, gridId)
      if (!before) throw notFound(MISSING_GRID)
      const leader = before.record.leaders.find((l) => userIdOf(l.openid, ctx.config.secret) === userId)
      // Someone who leads it no more (a repeat whose answer was lost): nothing to change.
      if (!leader) return before.grid
      await ctx.store.grids.removeLeader(gridId, leader.openid, ctx.now())
      return (await gridFor(ctx, gridId))?.grid ?? before.grid
    },
  },
  invites: {
    schema: z.object({ gridId: id }).strict(),
    access: 'admin',
    async run({ gridId }, ctx) {
      if (!(await ctx.store.grids.place(gridId))) throw notFound(MISSING_GRID)
      const open = await ctx.store.grids.openInvites(gridId, ctx.now())
      return {
        items: open.map((i) => ({
          inviteCode: i.code,
          invitedBy: i.createdByName ? `${i.createdByName}（区团委）` : '区团委',
          mine: i.createdBy === ctx.openid,
          expiresAt: i.expiresAt,
        })),
      }
    },
  },
  revokeInvite: {
    schema: z.object({ gridId: id, inviteCode: text(1, 64) }).strict(),
    access: 'admin',
    async run({ gridId, inviteCode }, ctx) {
      const outcome = await ctx.store.grids.revokeInvite(gridId, inviteCode, ctx.now())
      if (outcome === 'missing') throw notFound('这个网格没有这个邀请码')
      if (outcome === 'used')
        throw new AppError('CONFLICT', '这个邀请码已经被使用，对方已是网格长；如需调整请移除网格长')
      return { inviteCode, revoked: true as const }
    },
  },
}
