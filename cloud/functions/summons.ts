import { z } from 'zod'
import type { FunctionHandlers } from '../core/dispatch'
import { notYet } from '../core/errors'
import { cursor, id, isoTime, text } from '../core/validate'

const summonId = z.object({ summonId: id }).strict()

export const publishSchema = z
  .object({
    gridId: id.optional(),
    title: text(2, 40),
    body: z.string().trim().max(2000),
    place: text(1, 60),
    startAt: isoTime,
    endAt: isoTime,
    signUpDeadline: isoTime.optional(),
    capacity: z.number().int('必须是整数').min(1).max(10000).optional(),
    tags: z.array(text(1, 10)).max(5).optional(),
    hours: z.number().min(0).max(24).optional(),
    planId: id.optional(),
  })
  .strict()
  .refine((s) => s.endAt > s.startAt, { message: '结束时间要晚于开始时间', path: ['endAt'] })
  .refine((s) => !s.signUpDeadline || s.signUpDeadline <= s.endAt, {
    message: '报名截止时间不能晚于结束时间',
    path: ['signUpDeadline'],
  })

export const summons: FunctionHandlers<'summons'> = {
  publish: {
    schema: publishSchema,
    async run() {
      throw notYet()
    },
  },
  list: {
    schema: z
      .object({
        scope: z.enum(['open', 'mine', 'grid']).optional(),
        gridId: id.optional(),
        cursor,
        limit: z.number().int().min(1).max(50).optional(),
      })
      .strict(),
    async run() {
      throw notYet()
    },
  },
  get: {
    schema: summonId,
    async run() {
      throw notYet()
    },
  },
  signUp: {
    schema: summonId,
    async run() {
      throw notYet()
    },
  },
  cancel: {
    schema: summonId,
    async run() {
      throw notYet()
    },
  },
  roster: {
    schema: summonId,
    async run() {
      throw notYet()
    },
  },
  withdraw: {
    schema: z.object({ summonId: id, reason: text(1, 100) }).strict(),
    async run() {
      throw notYet()
    },
  },
}
