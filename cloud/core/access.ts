/**
 * Who may call an action, declared beside its handler and enforced by `dispatch` after validation and
 * before `run`, so a run body starts from a caller already allowed in.
 */
import type { Id } from '../../types'
import type { AuthedCtx } from './context'
import { AppError, forbidden, notFound } from './errors'
import { isAdmin, requireAdmin, requireProfile } from './roles'

/**
 * The grid whose leaders may call, from the request (loading what it needs; a missing target throws
 * NOT_FOUND there). `null` is the district as a whole: its admins alone.
 */
export type GridOfRequest<Req> = (req: Req, ctx: AuthedCtx) => Promise<Id | null> | Id | null

export interface LeaderAccess<Req> {
  kind: 'leaderOf'
  grid: GridOfRequest<Req>
  /** FORBIDDEN for a caller who neither leads the grid nor is an admin. */
  forbidden: string
  /** FORBIDDEN for a non-admin when the target is the district (`null`). */
  district: string
  /** The error for a grid id that names no grid (NOT_FOUND by default). */
  missing?: () => AppError
}

/** The organisation whose secretaries may call, from the request. */
export type OrgOfRequest<Req> = (req: Req) => Id

export interface SecretaryAccess<Req> {
  kind: 'secretaryOf'
  org: OrgOfRequest<Req>
  /** Whether district admins may call too. */
  admins: boolean
  /** A request the caller may make about themself without being a secretary (their own receipt). */
  self?: (req: Req, ctx: AuthedCtx) => boolean
  forbidden: string
}

/**
 * - `any`: any signed-in caller;
 * - `profile`: a caller who has filled in their profile;
 * - `admin`: a district admin;
 * - `leaderOf(grid)`: a leader of that grid, or an admin (admins may do whatever a leader may);
 * - `secretaryOf(org)`: a secretary of that organisation, and admins where it says so;
 * - `byTarget(choose)`: one of those, chosen from the request (a summon of an organisation is its
 *   secretaries', a summon of a grid its leaders').
 */
export type Access<Req> =
  | 'any'
  | 'profile'
  | 'admin'
  | LeaderAccess<Req>
  | SecretaryAccess<Req>
  | { kind: 'byTarget'; choose: (req: Req, ctx: AuthedCtx) => Promise<Access<Req>> | Access<Req> }

export function byTarget<Req>(choose: (req: Req, ctx: AuthedCtx) => Promise<Access<Req>> | Access<Req>): Access<Req> {
  return { kind: 'byTarget', choose }
}

const SECRETARIES_ONLY = '只有这个组织的书记可以进行这项操作'

export function secretaryOf<Req>(
  org: OrgOfRequest<Req>,
  options: { admins?: boolean; self?: (req: Req, ctx: AuthedCtx) => boolean; forbidden?: string } = {},
): SecretaryAccess<Req> {
  return {
    kind: 'secretaryOf',
    org,
    admins: options.admins ?? false,
    self: options.self,
    forbidden: options.forbidden ?? SECRETARIES_ONLY,
  }
}

async function authorizeSecretary<Req>(access: SecretaryAccess<Req>, req: Req, ctx: AuthedCtx): Promise<void> {
  if (access.self?.(req, ctx)) return
  const orgId = access.org(req)
  // A secretary first: one read for the usual caller. NOT_FOUND before FORBIDDEN for a missing organisation.
  if (await ctx.store.orgs.isSecretary(orgId, ctx.openid)) return
  if (!(await ctx.store.orgs.record(orgId))) throw notFound('没有找到这个组织')
  if (!access.admins || !(await isAdmin(ctx))) throw forbidden(access.forbidden)
}

const LEADERS_ONLY = '只有这个网格的网格长可以进行这项操作'

export function leaderOf<Req>(
  grid: GridOfRequest<Req>,
  messages: { forbidden?: string; district?: string; missing?: () => AppError } = {},
): LeaderAccess<Req> {
  const denied = messages.forbidden ?? LEADERS_ONLY
  return { kind: 'leaderOf', grid, forbidden: denied, district: messages.district ?? denied, missing: messages.missing }
}

/** Throws FORBIDDEN (or NOT_FOUND for a missing target) unless the caller has the access. */
export async function authorize<Req>(access: Access<Req>, req: Req, ctx: AuthedCtx): Promise<void> {
  if (access === 'any') return
  if (access === 'profile') {
    await requireProfile(ctx)
    return
  }
  if (access === 'admin') return requireAdmin(ctx)
  if (access.kind === 'secretaryOf') return authorizeSecretary(access, req, ctx)
  if (access.kind === 'byTarget') return authorize(await access.choose(req, ctx), req, ctx)
  const gridId = await access.grid(req, ctx)
  if (gridId === null) {
    if (!(await isAdmin(ctx))) throw forbidden(access.district)
    return
  }
  // A leader first: one read for the usual caller. Otherwise the grid must exist (NOT_FOUND before
  // FORBIDDEN, so an id says nothing about grids one may not manage) and the caller be an admin.
  if (await ctx.store.grids.isLeader(gridId, ctx.openid)) return
  if (!(await ctx.store.grids.get(gridId))) throw access.missing?.() ?? notFound('没有找到这个网格')
  if (!(await isAdmin(ctx))) throw forbidden(access.forbidden)
}
