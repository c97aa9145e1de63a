import type { Id } from '../../types'
import type { AuthedCtx } from './context'
import { AppError, forbidden, notFound } from './errors'

export async function isAdmin(ctx: AuthedCtx): Promise<boolean> {
  return ctx.config.adminOpenids.includes(ctx.openid) || (await ctx.store.users.isAdmin(ctx.openid))
}

export async function requireAdmin(ctx: AuthedCtx): Promise<void> {
  if (!(await isAdmin(ctx))) throw forbidden('只有区团委管理员可以进行这项操作')
}

/** Whether the caller may manage the grid: one of its leaders, or an admin. */
export async function canManageGrid(ctx: AuthedCtx, gridId: Id): Promise<boolean> {
  return (await ctx.store.grids.isLeader(gridId, ctx.openid)) || (await isAdmin(ctx))
}

/** Leader of the grid (or admin); NOT_FOUND when the grid does not exist. */
export async function requireGridLeader(ctx: AuthedCtx, gridId: Id): Promise<void> {
  if (!(await ctx.store.grids.get(gridId))) throw notFound('没有找到这个网格')
  if (!(await canManageGrid(ctx, gridId))) throw forbidden('只有这个网格的网格长可以进行这项操作')
}

export async function requireProfile(ctx: AuthedCtx) {
  const profile = await ctx.store.users.getProfile(ctx.openid)
  if (!profile) throw new AppError('FORBIDDEN', '请先在「我的」里填写姓名等基本信息')
  return profile
}
