import type { ZodType, ZodTypeDef } from 'zod'
import type { ActionName, Envelope, FunctionName, ReqOf, ResOf } from '../../types'
import { authorize, type Access } from './access'
import type { AuthedCtx, Ctx } from './context'
import { AppError, internal, notFound, unauthenticated } from './errors'
import { parseRequest } from './validate'

export interface Handler<A extends ActionName> {
  schema: ZodType<ReqOf<A>, ZodTypeDef, unknown>
  /** Who may call it; checked after validation, before `run` (see core/access.ts). */
  access: Access<ReqOf<A>>
  run(req: ReqOf<A>, ctx: AuthedCtx): Promise<ResOf<A>>
}

/** Every action of function F, keyed by its local name (`signUp` for `summons.signUp`). */
export type FunctionHandlers<F extends FunctionName> = {
  [A in ActionName as A extends `${F}.${infer L}` ? L : never]: Handler<A>
}

export interface DispatchLog {
  error(message: string, err: unknown): void
}

function actionOf(event: unknown): { action: string; data: unknown } {
  if (typeof event !== 'object' || event === null)
    throw new AppError('BAD_REQUEST', '请求格式不正确', { action: '必填' })
  const { action, data } = event as { action?: unknown; data?: unknown }
  if (typeof action !== 'string' || !action) throw new AppError('BAD_REQUEST', '请求缺少操作名', { action: '必填' })
  return { action, data }
}

/**
 * Runs one `{action, data}` call of a function and always answers an envelope: errors the user should
 * see pass through as they are; anything else is logged here and answered INTERNAL without details.
 */
export async function dispatch(
  handlers: Record<string, Handler<ActionName>>,
  event: unknown,
  ctx: Ctx,
  log: DispatchLog = console,
): Promise<Envelope<unknown>> {
  try {
    const { action, data } = actionOf(event)
    const handler = Object.prototype.hasOwnProperty.call(handlers, action) ? handlers[action] : undefined
    if (!handler) throw notFound('没有这个操作')
    if (!ctx.openid) throw unauthenticated()
    const req = parseRequest(handler.schema, data)
    await authorize(handler.access, req, ctx as AuthedCtx)
    return { ok: true, data: await handler.run(req, ctx as AuthedCtx) }
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err.toJSON() }
    log.error('unhandled error in action', err)
    return { ok: false, error: internal().toJSON() }
  }
}
