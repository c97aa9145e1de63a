import { z } from 'zod'
import type { Profile } from '../../types'
import type { FunctionHandlers } from '../core/dispatch'
import { badRequest, forbidden } from '../core/errors'
import { isAdmin } from '../core/roles'
import { empty, optionalText, text } from '../core/validate'
import { MOBILE, MOBILE_MESSAGE } from '../../types/rules'

export const GUARDIAN_REQUIRED = '未满 14 周岁需要监护人同意后才能填写资料'
export const MINOR_NO_PHONE = '未满 14 周岁不收集手机号'

const profileSchema = z
  .object({
    name: text(1, 20),
    phone: optionalText(z.string().trim().regex(MOBILE, MOBILE_MESSAGE)),
    org: optionalText(text(1, 40)),
    affiliation: z.enum(['league', 'social', 'none']),
    minor: z.boolean().optional(),
    guardian: z
      .object({ name: text(1, 20), consent: z.literal(true, { errorMap: () => ({ message: GUARDIAN_REQUIRED }) }) })
      .strict()
      .optional(),
    phoneConsent: z.boolean().optional(),
  })
  .strict()
  // PIPL art. 31: a minor's information is processed only with a guardian's consent, and no more of it
  // than the feature needs (no phone; scans keep no location, see checkin.ts).
  .superRefine((req, issues) => {
    if (!req.minor) return
    if (!req.guardian) issues.addIssue({ code: z.ZodIssueCode.custom, path: ['guardian'], message: GUARDIAN_REQUIRED })
    if (req.phone) issues.addIssue({ code: z.ZodIssueCode.custom, path: ['phone'], message: MINOR_NO_PHONE })
  })

export const account: FunctionHandlers<'account'> = {
  verifyPhone: {
    schema: z.object({ code: z.string().trim().min(1).max(128) }).strict(),
    access: 'any',
    async run({ code }, ctx) {
      if ((await ctx.store.users.getProfile(ctx.openid))?.minor) throw forbidden(MINOR_NO_PHONE)
      const phone = await ctx.platform.phoneNumber(code)
      if (!phone || !MOBILE.test(phone)) throw badRequest('code', '没能取到手机号，请再点一次或直接填写')
      return { phone }
    },
  },
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
    schema: profileSchema,
    access: 'any',
    async run(req, ctx) {
      const at = ctx.now().toISOString()
      const profile: Profile = { name: req.name, affiliation: req.affiliation }
      if (req.org) profile.org = req.org
      if (req.minor && req.guardian) {
        profile.minor = true
        profile.guardian = { name: req.guardian.name, consentAt: at }
      } else if (req.phone) {
        profile.phone = req.phone
        if (req.phoneConsent) profile.phoneConsentAt = at
      }
      return ctx.store.users.saveProfile(ctx.openid, profile, ctx.now())
    },
  },
}
