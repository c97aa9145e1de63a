import { z } from 'zod'
import type { FunctionHandlers } from '../core/dispatch'
import { notYet } from '../core/errors'
import { requireAdmin } from '../core/roles'
import { id } from '../core/validate'

export const stats: FunctionHandlers<'stats'> = {
  overview: {
    schema: z.object({ townId: id.optional() }).strict(),
    async run(_req, ctx) {
      await requireAdmin(ctx)
      throw notYet()
    },
  },
  export: {
    schema: z.object({ kind: z.enum(['grids', 'checkins', 'signups']) }).strict(),
    async run(_req, ctx) {
      await requireAdmin(ctx)
      throw notYet()
    },
  },
}
