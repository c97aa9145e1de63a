/** Error codes of the cloud API contract (v1). */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'CODE_INVALID'
  | 'CODE_EXPIRED'
  | 'OUT_OF_RANGE'
  | 'CLOSED'
  | 'DEADLINE_PASSED'
  | 'CONTENT_REJECTED'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'INTERNAL'

export interface ApiError {
  code: ErrorCode
  /** A sentence in Chinese, for the user. */
  message: string
  /** For BAD_REQUEST: each bad field (dotted path) with its Chinese message. */
  fields?: Record<string, string>
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError }
