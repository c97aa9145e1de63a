import { z } from 'zod'
import type { FunctionHandlers } from '../core/dispatch'
import { isAdmin } from '../core/roles'
import { empty, optionalText, text } from '../core/validate'

export const MOBILE = /^1[3-9]\d{9}$/

export const account: FunctionHandlers<'account'> = {
  me: {
    schema: empty,
    access: 'any',
    async run(_req, ctx) {
      const [standing, admin, leading, grids] = await Promise.all([
        ctx.store.users.getAccount(ctx.openid),
        isAdmin(ctx),
        ctx.store.users.leaderOf(ctx.openid),
        ctx.store.users.memberOf(ctx.openid),
      ])
      // The organisation's name from the instance's cache on the cloud (a read on a miss).
      const org = standing.org ? await ctx.store.orgs.record(standing.org.orgId) : null
      return {
        openid: ctx.openid,
        profile: standing.profile,
        roles: { admin, leaderOf: leading.map((g) => g.id), secretaryOf: standing.secretaryOf },
        grids,
        leading,
        org: org && standing.org ? { id: org.id, name: org.name, status: standing.org.status } : null,
      }
    },
  },
  updateProfile: {
    schema: z
      .object({
        name: text(1, 20),
        phone: optionalText(z.string().trim().regex(MOBILE, '请填写 11 位大陆手机号')),
        org: optionalText(text(1, 40)),
        affiliation: z.enum(['league', 'social', 'none']),
      })
      .strict(),
    access: 'any',
    async run(req, ctx) {
      return ctx.store.users.saveProfile(ctx.openid, req, ctx.now())
    },
  },
}
