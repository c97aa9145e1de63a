import { z } from 'zod'
import type { GridInput } from '../../types'
import { signPosterScene } from '../domain/codes'
import type { FunctionHandlers } from '../core/dispatch'
import { AppError, badRequest, notFound } from '../core/errors'
import { newId } from '../core/ids'
import { leaderOf } from '../core/access'
import { isAdmin } from '../core/roles'
import type { AuthedCtx } from '../core/context'
import { cursor, id, text } from '../core/validate'
import { followStateOf } from '../domain/follows'
import { PAGES } from '../../src/utils/routes'
import { gridAdmin, gridOf } from './grid-admin'

/** The page a grid's mini program code opens (a tab, in the main package). */
export const CHECKIN_PAGE = PAGES.checkin
/** The page a leader invite's mini-program code opens (in the member subpackage). */
export const INVITE_PAGE = PAGES.invite
/** An invite's scene in its mini-program code: `I.<inviteCode>` (18 characters, within the scene's 32). */
export const inviteScene = (inviteCode: string) => `I.${inviteCode}`
const INVITE_DAYS = 7

const base = z
  .object({
    address: text(1, 100),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    radiusM: z.number().int('必须是整数').min(50).max(3000).optional(),
  })
  .strict()
  .refine((b) => (b.lat === undefined) === (b.lng === undefined), { message: '经纬度要一起填写', path: ['lat'] })

const gridFields = {
  name: text(2, 30),
  townId: id,
  kind: z.enum(['community', 'building', 'park', 'rural', 'circle']),
  base,
  online: z
    .array(
      z
        .object({
          kind: z.enum(['wechat_group', 'qq_group', 'weibo', 'website', 'official_account', 'other']),
          value: text(1, 100),
        })
        .strict(),
    )
    .max(5)
    .optional(),
  project: z
    .object({ name: text(1, 30), summary: z.string().trim().max(200) })
    .strict()
    .nullable()
    .optional(),
  requireLocation: z.boolean().optional(),
}

const locatable = (g: Partial<GridInput>) =>
  !g.requireLocation || (g.base?.lat !== undefined && g.base?.lng !== undefined)
const LOCATION_NEEDS_POINT = { message: '开启位置校验需要先填写阵地的经纬度', path: ['requireLocation'] }

async function checkTown(ctx: AuthedCtx, townId: string | undefined) {
  if (townId !== undefined && !(await ctx.store.grids.townExists(townId))) throw badRequest('townId', '没有这个镇街')
}

const FOLLOW_MISSING = '没有找到这个网格'

export const grids: FunctionHandlers<'grids'> = {
  ...gridAdmin,
  /** 关注网格动态: follows or stops; a tap that accepted a one-time subscription banks one message. */
  follow: {
    schema: z.object({ gridId: id, follow: z.boolean(), subscribed: z.boolean().optional() }).strict(),
    access: 'any',
    async run({ gridId, follow, subscribed }, ctx) {
      const mode = ctx.config.followMode ?? 'one_time'
      if (!follow) {
        await ctx.store.follows.unfollow(gridId, ctx.openid)
        return followStateOf(gridId, null, mode)
      }
      if (!(await ctx.store.grids.place(gridId))) throw notFound(FOLLOW_MISSING)
      let follower = await ctx.store.follows.follow(gridId, ctx.openid, ctx.now())
      if (subscribed && mode === 'one_time') follower = (await ctx.store.follows.bank(gridId, ctx.openid)) ?? follower
      return followStateOf(gridId, follower, mode)
    },
  },
  following: {
    schema: z.object({ gridId: id }).strict(),
    access: 'any',
    async run({ gridId }, ctx) {
      return followStateOf(gridId, await ctx.store.follows.get(gridId, ctx.openid), ctx.config.followMode ?? 'one_time')
    },
  },
  towns: {
    schema: z.object({}).strict(),
    access: 'any',
    run: (_req, ctx) => ctx.store.grids.towns(),
  },
  list: {
    schema: z.object({ townId: id.optional(), q: z.string().trim().max(30).optional() }).strict(),
    access: 'any',
    run: (req, ctx) => ctx.store.grids.list(req),
  },
  get: {
    schema: z.object({ gridId: id }).strict(),
    access: 'any',
    async run({ gridId }, ctx) {
      // The viewer's standing comes with the grid (one read on the cloud adapter, see the store).
      const found = await ctx.store.grids.get(gridId, ctx.openid)
      if (!found) throw notFound('没有找到这个网格')
      const { viewer, ...grid } = found
      const isLeader = viewer?.isLeader === true
      const canManage = isLeader || (await isAdmin(ctx))
      return gridOf(grid, ctx.config.secret, { isMember: viewer?.isMember === true, isLeader, canManage })
    },
  },
  create: {
    schema: z.object(gridFields).strict().refine(locatable, LOCATION_NEEDS_POINT),
    access: 'admin',
    async run(req, ctx) {
      await checkTown(ctx, req.townId)
      const grid = await ctx.store.grids.create(req, ctx.now())
      // A new grid has no leaders yet: the admin who made it manages it without leading it.
      return gridOf(grid, ctx.config.secret, { isMember: false, isLeader: false, canManage: true })
    },
  },
  update: {
    schema: z
      .object({ gridId: id, ...gridFields })
      .partial()
      .required({ gridId: true })
      .strict(),
    access: leaderOf((req) => req.gridId),
    async run({ gridId, ...patch }, ctx) {
      await checkTown(ctx, patch.townId)
      const current = (await ctx.store.grids.get(gridId))!
      if (
        !locatable({
          base: patch.base ?? current.base,
          requireLocation: patch.requireLocation ?? current.requireLocation,
        })
      ) {
        throw badRequest('requireLocation', LOCATION_NEEDS_POINT.message)
      }
      const grid = await ctx.store.grids.update(gridId, patch, ctx.now())
      const [isMember, isLeader] = await Promise.all([
        ctx.store.grids.isMember(gridId, ctx.openid),
        ctx.store.grids.isLeader(gridId, ctx.openid),
      ])
      // The caller got past `access`: a leader of the grid, or an admin.
      return gridOf(grid, ctx.config.secret, { isMember, isLeader, canManage: true })
    },
  },
  invite: {
    schema: z.object({ gridId: id, withImage: z.boolean().optional() }).strict(),
    access: 'admin',
    async run({ gridId, withImage }, ctx) {
      if (!(await ctx.store.grids.get(gridId))) throw notFound('没有找到这个网格')
      const inviteCode = newId(16)
      const expiresAt = new Date(ctx.now().getTime() + INVITE_DAYS * 86400_000)
      await ctx.store.grids.createInvite(gridId, inviteCode, ctx.openid, expiresAt)
      const scene = inviteScene(inviteCode)
      // Drawn only when asked (the mini program; H5 draws a QR of its own link). The invite stands without
      // its picture: the code still works when the image fails.
      const image = withImage ? await ctx.platform.codeImage(scene, INVITE_PAGE).catch(() => undefined) : undefined
      const answer = { inviteCode, expiresAt: expiresAt.toISOString(), scene }
      return image ? { ...answer, image } : answer
    },
  },
  inviteInfo: {
    schema: z.object({ inviteCode: text(1, 64) }).strict(),
    access: 'any',
    async run({ inviteCode }, ctx) {
      const invite = await ctx.store.grids.getInvite(inviteCode)
      if (!invite) throw notFound('邀请码不存在，请向区团委确认')
      const [grid, inviter] = await Promise.all([
        ctx.store.grids.get(invite.gridId),
        ctx.store.users.getProfile(invite.createdBy),
      ])
      if (!grid) throw notFound('这个邀请对应的网格已经不在了')
      const state =
        invite.usedBy !== null
          ? 'used'
          : invite.revokedAt !== null
            ? 'revoked'
            : invite.expiresAt <= ctx.now().toISOString()
              ? 'expired'
              : 'open'
      return {
        gridId: invite.gridId,
        gridName: grid.name,
        invitedBy: inviter?.name ? `${inviter.name}（区团委）` : '区团委',
        expiresAt: invite.expiresAt,
        state,
        usedByYou: invite.usedBy === ctx.openid,
      }
    },
  },
  acceptInvite: {
    schema: z.object({ inviteCode: text(1, 64) }).strict(),
    access: 'any',
    async run({ inviteCode }, ctx) {
      const outcome = await ctx.store.grids.acceptInvite(inviteCode, ctx.openid, ctx.now())
      if (outcome.ok) return { gridId: outcome.gridId }
      if (outcome.reason === 'missing') throw notFound('邀请码不存在，请向区团委确认')
      if (outcome.reason === 'used') throw new AppError('CONFLICT', '这个邀请码已经被使用过了')
      if (outcome.reason === 'revoked') throw new AppError('CLOSED', '这个邀请已被区团委撤销，请向区团委重新索取')
      throw new AppError('CODE_EXPIRED', '邀请码已过期，请向区团委重新索取')
    },
  },
  posterCode: {
    schema: z.object({ gridId: id }).strict(),
    access: leaderOf((req) => req.gridId),
    async run({ gridId }, ctx) {
      if ((await ctx.store.grids.place(gridId))?.archivedAt)
        throw new AppError('CLOSED', '这个网格已经停用，海报不再提供；需要时可请区团委恢复')
      const scene = signPosterScene(gridId, ctx.config.secret)
      const image = await ctx.platform.codeImage(scene, CHECKIN_PAGE)
      return image ? { scene, page: CHECKIN_PAGE, image } : { scene, page: CHECKIN_PAGE }
    },
  },
  archive: {
    schema: z.object({ gridId: id, archived: z.boolean() }).strict(),
    access: 'admin',
    async run({ gridId, archived }, ctx) {
      const record = await ctx.store.grids.archive(gridId, archived, ctx.now())
      if (!record) throw notFound('没有找到这个网格')
      // Admins only: the caller manages it whether or not they lead it.
      const isLeader = await ctx.store.grids.isLeader(gridId, ctx.openid)
      return gridOf(record, ctx.config.secret, { isMember: false, isLeader, canManage: true })
    },
  },
  /** A page of 20 at a time: one read of the members (and one of their names) per page. */
  members: {
    schema: z.object({ gridId: id, cursor }).strict(),
    access: leaderOf((req) => req.gridId, { forbidden: '只有这个网格的网格长可以查看成员名单' }),
    async run({ gridId, cursor: after }, ctx) {
      return ctx.store.grids.members(gridId, after, HISTORY_PAGE)
    },
  },
  checkins: {
    schema: z.object({ gridId: id, cursor }).strict(),
    access: leaderOf((req) => req.gridId, { forbidden: '只有这个网格的网格长可以查看报到记录' }),
    async run({ gridId, cursor: after }, ctx) {
      return ctx.store.checkins.byGrid(gridId, after, HISTORY_PAGE)
    },
  },
}

/** Rows per page of a grid's members and check-ins. */
const HISTORY_PAGE = 20
