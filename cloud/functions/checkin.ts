import { z } from 'zod'
import type { FunctionHandlers } from '../core/dispatch'
import { notYet } from '../core/errors'
import { cursor, id } from '../core/validate'

export const checkin: FunctionHandlers<'checkin'> = {
  scan: {
    schema: z
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
      })
      .strict(),
    async run() {
      throw notYet()
    },
  },
  liveCode: {
    schema: z.object({ summonId: id }).strict(),
    async run() {
      throw notYet()
    },
  },
  mine: {
    schema: z.object({ cursor }).strict(),
    async run() {
      throw notYet()
    },
  },
}
