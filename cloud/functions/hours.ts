/**
 * 志愿时长 (issue 15): a member's hours, a summon's hours roster, the leader's confirmation and make-ups,
 * the admins' audit of make-ups, and certificates that can be verified. The rules are `domain/hours.ts`'s.
 */
import { z } from 'zod'
import type { FunctionHandlers } from '../core/dispatch'
import { AppError } from '../core/errors'
import { cursor, id, text } from '../core/validate'
import { summonManagers } from './summons'

const bySummon = z.object({ summonId: id }).strict()
const year = z.number().int('必须是整数').min(2000).max(2100).optional()

/** Leaders of the summon's grid (secretaries of a 二维召集令; admins). */
const summonLeader = summonManagers<{ summonId: string }>(
  '只有这条召集令的网格长可以管理志愿时长',
  '只有这条二维召集令的组织书记可以管理志愿时长',
)

const notYet = (): never => {
  throw new AppError('INTERNAL', '志愿时长正在建设中')
}

export const hours: FunctionHandlers<'hours'> = {
  mine: {
    schema: z.object({ year, cursor }).strict(),
    access: 'any',
    run: async () => notYet(),
  },
  roster: { schema: bySummon, access: summonLeader, run: async () => notYet() },
  confirm: { schema: bySummon, access: summonLeader, run: async () => notYet() },
  makeup: {
    schema: z
      .object({
        summonId: id,
        openid: z.string().trim().min(1, '必填').max(128),
        hours: z
          .number()
          .min(0)
          .max(24)
          .refine((h) => Number.isInteger(h * 2), '以半小时为单位（如 1.5）'),
        reason: text(2, 100),
      })
      .strict(),
    access: summonLeader,
    run: async () => notYet(),
  },
  audit: { schema: z.object({ cursor }).strict(), access: 'admin', run: async () => notYet() },
  certificate: { schema: z.object({ year }).strict(), access: 'any', run: async () => notYet() },
  verify: {
    schema: z.object({ number: z.string().trim().min(1, '必填').max(64) }).strict(),
    access: 'any',
    run: async () => notYet(),
  },
  export: { schema: bySummon, access: summonLeader, run: async () => notYet() },
}
