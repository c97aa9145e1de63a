import type { ActionName, ApiError, Envelope, ErrorCode, ReqOf, ResOf } from '../../types'
import { cloudTransport } from './cloud'
import { httpTransport } from './http'

/** Sends one `{action, data}` call to a cloud function and answers its envelope; throws when unanswered. */
export type Transport = (fn: string, action: string, data: unknown) => Promise<Envelope<unknown>>

/** An error answered by the server (or the network), with the contract's code and Chinese message. */
export class CallError extends Error {
  readonly code: ErrorCode | 'NETWORK'
  readonly fields?: Record<string, string>

  constructor(error: ApiError | { code: 'NETWORK'; message: string }) {
    super(error.message)
    this.name = 'CallError'
    this.code = error.code
    this.fields = 'fields' in error ? error.fields : undefined
  }
}

// Chosen at build time: WeChat Cloud in the mini program, the local server over HTTP in H5.
let transport: Transport = process.env.TARO_ENV === 'weapp' ? cloudTransport : httpTransport

/** Replaces the transport (page tests run the real handlers in-process through this). */
export function setTransport(next: Transport): void {
  transport = next
}

const NETWORK_MESSAGE = '网络好像不太顺畅，请稍后再试'

/** The one way pages reach the backend: typed by the contract's action map. */
export async function call<A extends ActionName>(action: A, req: ReqOf<A>): Promise<ResOf<A>> {
  const dot = action.indexOf('.')
  let envelope: Envelope<unknown>
  try {
    envelope = await transport(action.slice(0, dot), action.slice(dot + 1), req)
  } catch {
    // A transport throws when the request got no answer at all: code NETWORK, so callers can retry it.
    throw new CallError({ code: 'NETWORK', message: NETWORK_MESSAGE })
  }
  if (!envelope.ok) throw new CallError(envelope.error)
  return envelope.data as ResOf<A>
}

/** The message to show for any failure of `call`. */
export function messageOf(err: unknown): string {
  if (err instanceof CallError) return err.message
  return NETWORK_MESSAGE
}
