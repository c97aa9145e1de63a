import { z } from 'zod'
import type { CheckIn, GeoPoint, Verification } from '../../types'
import type { AuthedCtx } from '../core/context'
import type { FunctionHandlers } from '../core/dispatch'
import { AppError, notFound } from '../core/errors'
import { cursor, id } from '../core/validate'
import { liveCodeExpiry, liveWindow, shortLiveCode, signLiveCode, verifyCode, verifyShortCode } from '../domain/codes'
import { memberHours } from '../domain/hours'
import { checkFence, DEFAULT_RADIUS_M } from '../domain/geofence'
import type { CheckInOutcome, GridPlace, NewCheckIn, SummonRecord } from '../store/port'
import { DISTRICT_NAME } from '../domain/towns'
import { summonManagers } from './summons'
import { HOUR_MS } from '../../types/rules'

/** A second scan of the same target within this window answers the first check-in. */
export const DEDUPE_MINUTES = 10
/** Live codes are handed out from this long before the start until this long after the end. */
const LIVE_MARGIN_MS = 2 * HOUR_MS
/** How many rotations ahead `liveCode` signs, so the leader's phone needs no call per rotation. */
const UPCOMING_CODES = 10

const scanSchema = z
  .object({
    code: z.string().trim().min(1).max(256),
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '应为 8–64 位字母、数字、- 或 _'),
    location: z
      .object({
        lat: z.number().min(-90).max(90),
        lng: z.number().min(-180).max(180),
        accuracy: z.number().min(0).max(100000),
      })
      .strict()
      .optional(),
    /** With a summon, `code` is the 6-digit code typed from its page (issue 12). */
    summonId: id.optional(),
  })
  .strict()

const outOfRange = (message: string) => new AppError('OUT_OF_RANGE', message, { location: message })

/**
 * Checks the member's position against the grid's fence when the grid requires it. Answers the location
 * to store, with `distanceM` only when the fence was checked (and so verified).
 */
function verifyLocation(grid: GridPlace | null, location: GeoPoint | undefined): NewCheckIn['location'] {
  const centre =
    grid?.base.lat !== undefined && grid.base.lng !== undefined ? { lat: grid.base.lat, lng: grid.base.lng } : null
  if (!grid?.requireLocation || !centre) return location
  if (!location) throw outOfRange('这个网格需要定位签到，请允许获取位置后再扫一次')
  const fence = checkFence(centre, grid.base.radiusM ?? DEFAULT_RADIUS_M, location)
  if (!fence.inside) {
    throw outOfRange(`你离${grid.name}的阵地约 ${fence.distanceM} 米，需要在 ${fence.allowedM} 米以内才能签到`)
  }
  return { ...location, distanceM: fence.distanceM }
}

async function loadLiveSummon(ctx: AuthedCtx, summonId: string): Promise<SummonRecord> {
  const summon = await ctx.store.summons.get(summonId)
  if (!summon) throw new AppError('CODE_INVALID', '这个签到码对应的活动不存在')
  if (summon.withdrawnAt) throw new AppError('CLOSED', '这条召集令已撤回，不能签到了')
  return summon
}

/** Resolves a verified code to the check-in it asks for (before location and de-duplication). */
async function targetOf(ctx: AuthedCtx, code: string) {
  const check = verifyCode(code, ctx.config.secret, ctx.now(), ctx.config.liveCodeSeconds)
  if (!check.ok && check.reason === 'expired')
    throw new AppError('CODE_EXPIRED', '签到码已过期，请扫描网格长手机上最新的签到码')
  if (!check.ok) throw new AppError('CODE_INVALID', '这不是有效的二维报到码，请确认后再扫')
  if (check.kind === 'poster') {
    const grid = await ctx.store.grids.place(check.gridId)
    if (!grid) throw new AppError('CODE_INVALID', '这个网格已不存在')
    if (grid.archivedAt)
      throw new AppError(
        'CLOSED',
        `「${grid.name}」已经停用，这张海报不能再报到了。谢谢你来，可以在网格目录里找找附近的网格`,
      )
    return { method: 'poster' as const, grid, summon: null }
  }
  const summon = await loadLiveSummon(ctx, check.summonId)
  const grid = summon.gridId ? await ctx.store.grids.place(summon.gridId) : null
  return { method: 'live' as const, grid, summon }
}

/** Wrong typed codes allowed per member and summon in GUESS_WINDOW_MS before RATE_LIMITED (issue 12). */
export const MAX_WRONG_GUESSES = 5
export const GUESS_WINDOW_MS = 10 * 60_000

type Target = Awaited<ReturnType<typeof targetOf>>
type ScanReq = z.infer<typeof scanSchema>

/** A check-in (sign-in) at a verified target: location, the member's organisation, then one atomic record. */
async function checkInAt(ctx: AuthedCtx, req: ScanReq, { method, grid, summon }: Target) {
  // PIPL art. 31: a minor's position is neither checked nor kept (the profile is read only when a
  // location is in play, so the usual scan costs nothing more).
  const minor = (req.location || grid?.requireLocation) && (await ctx.store.users.getProfile(ctx.openid))?.minor
  const location = minor ? undefined : verifyLocation(grid, req.location)
  const verifiedBy: Verification[] = location?.distanceM !== undefined ? [method, 'location'] : [method]
  const input: NewCheckIn = {
    openid: ctx.openid,
    requestId: req.requestId,
    gridId: grid?.id ?? null,
    summonId: summon?.id ?? null,
    // Credited to the member's organisation as it is now (the cloud adapter caches it for 60 s).
    orgId: await ctx.store.orgs.creditOrg(ctx.openid),
    method,
    verifiedBy,
  }
  if (summon) input.summon = { title: summon.title, hours: summon.hours }
  if (location) input.location = location
  return respond(ctx, await ctx.store.checkins.record(input, ctx.now(), DEDUPE_MINUTES), { grid, summon })
}

const SIGN_OUT_REFUSALS = {
  missing: () => new AppError('CODE_INVALID', '这个签退码对应的活动不存在'),
  withdrawn: () => new AppError('CLOSED', '这条召集令已撤回，不能签退了'),
  not_service: () => new AppError('CONFLICT', '这条召集令不是志愿服务，不需要签退'),
  no_sign_in: () => new AppError('CONFLICT', '你还没有签到，不能签退。请先扫网格长出示的签到码'),
  confirmed: () => new AppError('CLOSED', '网格长已经确认了这次活动的志愿时长，不能再签退了'),
} as const

/**
 * 签退: the member's sign-out, stored in the seat or walk-in entry their sign-in marked (a later one moves
 * it later). The answer carries the hours the scans give so far, pending the leader's confirmation.
 */
async function signOutAt(ctx: AuthedCtx, summonId: string, requestId: string) {
  const now = ctx.now()
  const outcome = await ctx.store.hours.signOut({ summonId, openid: ctx.openid, requestId }, now)
  if (!outcome.ok) throw SIGN_OUT_REFUSALS[outcome.reason]()
  const { summon } = outcome
  const grid = summon.gridId ? await ctx.store.grids.place(summon.gridId) : null
  const figures = memberHours(summon, outcome, null, now)
  const checkIn: CheckIn = {
    id: `out-${summon.id}`,
    gridId: summon.gridId,
    summonId: summon.id,
    method: 'live',
    verifiedBy: ['live'],
    at: outcome.signOutAt,
  }
  if (outcome.orgId) checkIn.orgId = outcome.orgId
  const signOut = { signInAt: outcome.signInAt, signOutAt: outcome.signOutAt, hours: figures.computed }
  return {
    checkIn,
    grid: { id: summon.gridId, name: grid?.name ?? summon.gridName ?? DISTRICT_NAME },
    summon: { id: summon.id, title: summon.title },
    firstReport: false,
    duplicate: outcome.duplicate,
    phase: 'out' as const,
    signOut: figures.note ? { ...signOut, note: figures.note } : signOut,
  }
}

/** The 6-digit code typed on the summon's page: wrong ones are counted and limited per member and summon. */
async function typedCode(ctx: AuthedCtx, req: ScanReq, summonId: string) {
  const earlier = await ctx.store.checkins.byRequest(ctx.openid, req.requestId)
  if (earlier) return respond(ctx, earlier)
  const now = ctx.now()
  const wrong = await ctx.store.hours.wrongGuesses(summonId, ctx.openid, new Date(now.getTime() - GUESS_WINDOW_MS))
  if (wrong >= MAX_WRONG_GUESSES)
    throw new AppError('RATE_LIMITED', `输错次数太多了，请 ${GUESS_WINDOW_MS / 60_000} 分钟后再试，或直接扫码签到`)
  const check = verifyShortCode(req.code, summonId, ctx.config.secret, now, ctx.config.liveCodeSeconds)
  if (!check.ok) {
    await ctx.store.hours.addWrongGuess(summonId, ctx.openid, now, GUESS_WINDOW_MS)
    const left = MAX_WRONG_GUESSES - wrong - 1
    const message =
      left > 0
        ? `数字码不对或已过期，请核对网格长手机上的最新数字码（还可以试 ${left} 次）`
        : '输错次数太多了，请稍后再试，或直接扫码签到'
    throw new AppError('CODE_INVALID', message, { code: message })
  }
  if (check.phase === 'out') return signOutAt(ctx, summonId, req.requestId)
  const summon = await loadLiveSummon(ctx, summonId)
  const grid = summon.gridId ? await ctx.store.grids.place(summon.gridId) : null
  return checkInAt(ctx, req, { method: 'live', grid, summon })
}

export const checkin: FunctionHandlers<'checkin'> = {
  scan: {
    schema: scanSchema,
    access: 'any',
    async run(req, ctx) {
      if (req.summonId) return typedCode(ctx, req, req.summonId)
      // A sign-out code goes straight to the summon's record: its own request id makes a retry idempotent.
      const out = verifyCode(req.code, ctx.config.secret, ctx.now(), ctx.config.liveCodeSeconds)
      if (out.ok && out.kind === 'live' && out.phase === 'out') return signOutAt(ctx, out.summonId, req.requestId)
      if (!out.ok && out.phase === 'out' && out.reason === 'expired')
        throw new AppError('CODE_EXPIRED', '签退码已过期，请扫描网格长手机上最新的签退码')
      // A retry (say from the offline queue) answers the first check-in even if its code expired since.
      const earlier = await ctx.store.checkins.byRequest(ctx.openid, req.requestId)
      if (earlier) return respond(ctx, earlier)
      return checkInAt(ctx, req, await targetOf(ctx, req.code))
    },
  },
  liveCode: {
    schema: z.object({ summonId: id, phase: z.enum(['in', 'out']).optional() }).strict(),
    access: summonManagers('只有这条召集令的网格长可以出示签到码', '只有这条二维召集令的组织书记可以出示签到码'),
    async run({ summonId, phase = 'in' }, ctx) {
      const summon = await ctx.store.summons.get(summonId)
      if (!summon) throw notFound('没有找到这条召集令')
      if (summon.withdrawnAt) throw new AppError('CLOSED', '这条召集令已撤回')
      if (phase === 'out' && !(summon.hours > 0))
        throw new AppError('CONFLICT', '这条召集令不是志愿服务（没有志愿时长），不需要签退', { phase: '不需要签退' })
      const now = ctx.now()
      if (now.getTime() < Date.parse(summon.startAt) - LIVE_MARGIN_MS) {
        throw new AppError('CLOSED', '活动开始前 2 小时才能出示签到码')
      }
      if (now.getTime() > Date.parse(summon.endAt) + LIVE_MARGIN_MS)
        throw new AppError('CLOSED', '活动已经结束，签到已关闭')
      const period = ctx.config.liveCodeSeconds
      const window = liveWindow(now, period)
      const { secret } = ctx.config
      const upcoming = Array.from({ length: UPCOMING_CODES }, (_, i) => ({
        code: signLiveCode(summonId, window + i + 1, secret, phase),
        validFrom: new Date((window + i + 1) * period * 1000).toISOString(),
        shortCode: shortLiveCode(summonId, window + i + 1, secret, phase),
      }))
      return {
        code: signLiveCode(summonId, window, secret, phase),
        expiresAt: liveCodeExpiry(window, period).toISOString(),
        rotateSeconds: period,
        upcoming,
        phase,
        shortCode: shortLiveCode(summonId, window, secret, phase),
      }
    },
  },
  mine: {
    schema: z.object({ cursor }).strict(),
    access: 'any',
    run: ({ cursor: after }, ctx) => ctx.store.checkins.mine(ctx.openid, after, 20),
  },
}

/** The answer of a scan; the grid and summon already loaded for the target are not read again. */
async function respond(
  ctx: AuthedCtx,
  outcome: CheckInOutcome,
  known: { grid: GridPlace | null; summon: SummonRecord | null } = { grid: null, summon: null },
) {
  const { checkIn } = outcome
  const [grid, summon] = await Promise.all([
    checkIn.gridId && known.grid?.id !== checkIn.gridId ? ctx.store.grids.place(checkIn.gridId) : known.grid,
    checkIn.summonId && known.summon?.id !== checkIn.summonId ? ctx.store.summons.get(checkIn.summonId) : known.summon,
  ])
  const answer = {
    checkIn,
    grid: { id: checkIn.gridId, name: grid?.name ?? DISTRICT_NAME },
    firstReport: outcome.firstReport,
    duplicate: outcome.duplicate,
  }
  return summon ? { ...answer, summon: { id: summon.id, title: summon.title } } : answer
}
