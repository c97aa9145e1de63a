import type { ApiError, ErrorCode } from '../../types'

/** A failure the caller should see: it becomes `{ok: false, error}` in the envelope. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message)
    this.name = 'AppError'
  }

  toJSON(): ApiError {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message }
  }
}

/** HTTP status of each error code on the local server. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CODE_INVALID: 422,
  CODE_EXPIRED: 422,
  OUT_OF_RANGE: 422,
  CLOSED: 422,
  DEADLINE_PASSED: 422,
  CONTENT_REJECTED: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
}

export const badRequest = (field: string, message: string) => new AppError('BAD_REQUEST', message, { [field]: message })
export const forbidden = (message = '你没有权限进行这项操作') => new AppError('FORBIDDEN', message)
export const notFound = (message: string) => new AppError('NOT_FOUND', message)
export const unauthenticated = () => new AppError('UNAUTHENTICATED', '请先登录')
export const internal = () => new AppError('INTERNAL', '服务暂时出了点问题，请稍后再试')
