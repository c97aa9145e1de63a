import Taro from '@tarojs/taro'
import type { Envelope } from '../../types'
import { getToken, setToken } from './session'
import { buildEnv } from '../utils/env'
import { apiPath } from '../utils/earlyRequests'

const API_BASE = buildEnv(() => process.env.TARO_APP_API_BASE) ?? ''

const NETWORK_ERROR: Envelope<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: '网络好像不太顺畅，请稍后再试' },
}

/** A request src/index.html started before the app's JavaScript arrived (H5 home with a stored token). */
interface EarlyRequest {
  url: string
  body: string
  token: string
  /** The parsed answer, or null when there was none. */
  response: Promise<unknown>
}

declare global {
  interface Window {
    __erweiEarly?: EarlyRequest[]
  }
}

const isEnvelope = (data: unknown): data is Envelope<unknown> =>
  Boolean(data) && typeof data === 'object' && 'ok' in (data as object)

/**
 * The answer of the request src/index.html already started, when it is exactly this one (URL, body and
 * token), taken once; null otherwise. The 召集令 home's list and `account.me` then do not wait for the
 * bundle to arrive and run before they are asked for.
 */
async function takeEarly(url: string, body: unknown, token: string | null): Promise<Envelope<unknown> | null> {
  const started = token ? window.__erweiEarly : undefined
  if (!started?.length) return null
  const json = JSON.stringify(body)
  const i = started.findIndex((r) => r.url === url && r.body === json && r.token === token)
  if (i < 0) return null
  const answer = await started.splice(i, 1)[0].response
  return isEnvelope(answer) ? answer : null
}

/** Posts JSON and answers the server's envelope; throws when there is no answer (or no envelope). */
async function send(path: string, body: unknown, token: string | null): Promise<Envelope<unknown>> {
  if (process.env.TARO_ENV === 'h5') {
    const early = await takeEarly(`${API_BASE}${path}`, body, token)
    if (early) return early
  }
  const res = await Taro.request<Envelope<unknown>>({
    url: `${API_BASE}${path}`,
    method: 'POST',
    data: body,
    header: { 'content-type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  })
  const data = res.data
  if (isEnvelope(data)) return data
  throw new Error(`no envelope (HTTP ${res.statusCode})`)
}

async function post(path: string, body: unknown, token: string | null): Promise<Envelope<unknown>> {
  try {
    return await send(path, body, token)
  } catch {
    return NETWORK_ERROR
  }
}

/**
 * The local server over HTTP (H5): `POST /api/FUNCTION` with a bearer token. Throws when the server
 * could not be reached: `call()` turns that into a NETWORK error.
 */
export async function httpTransport(fn: string, action: string, data: unknown): Promise<Envelope<unknown>> {
  const envelope = await send(apiPath(fn), { action, data }, getToken())
  if (!envelope.ok && envelope.error.code === 'UNAUTHENTICATED') setToken(null)
  return envelope
}

export interface PersonaOption {
  openid: string
  title: string
  description: string
}

/** Demo identities the local server offers. */
export async function listPersonas(): Promise<PersonaOption[]> {
  try {
    const res = await Taro.request<Envelope<PersonaOption[]>>({ url: `${API_BASE}/dev/personas`, method: 'GET' })
    return res.data.ok ? res.data.data : []
  } catch {
    return []
  }
}

/** Signs in locally as `openid` and keeps the token. */
export async function devLogin(openid: string): Promise<Envelope<{ token: string }>> {
  const envelope = (await post('/dev/login', { openid }, null)) as Envelope<{ token: string }>
  if (envelope.ok) setToken(envelope.data.token)
  return envelope
}
