import { z } from 'zod'
import type { FunctionHandlers } from '../core/dispatch'
import { notYet } from '../core/errors'
import { cursor, id, isoTime, text } from '../core/validate'

export const plans: FunctionHandlers<'plans'> = {
  publish: {
    schema: z.object({ gridId: id, title: text(2, 40), draft: text(1, 5000), ideasUntil: isoTime.optional() }).strict(),
    async run() {
      throw notYet()
    },
  },
  list: {
    schema: z.object({ gridId: id.optional(), cursor }).strict(),
    async run() {
      throw notYet()
    },
  },
  get: {
    schema: z.object({ planId: id }).strict(),
    async run() {
      throw notYet()
    },
  },
  addIdea: {
    // Not trimmed: ideas are returned exactly as written.
    schema: z.object({ planId: id, content: z.string().min(1).max(500) }).strict(),
    async run() {
      throw notYet()
    },
  },
  likeIdea: {
    schema: z.object({ ideaId: id, like: z.boolean() }).strict(),
    async run() {
      throw notYet()
    },
  },
  replyIdea: {
    schema: z
      .object({ ideaId: id, decision: z.enum(['adopted', 'partial', 'declined']), reply: text(1, 300) })
      .strict(),
    async run() {
      throw notYet()
    },
  },
}
