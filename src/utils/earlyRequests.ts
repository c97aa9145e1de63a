import type { ActionName, ReqOf } from '../../types'
import { PAGES } from './routes'

/** How many summons a page of the 召集令 list holds. */
export const SUMMON_PAGE_SIZE = 10

/** The local server's path of a cloud function (src/services/http.ts posts `{ action, data }` there). */
export const apiPath = (fn: string): string => `/api/${fn}`

interface EarlyCall<A extends ActionName = ActionName> {
  action: A
  req: ReqOf<A>
}

const early = <A extends ActionName>(action: A, req: ReqOf<A>): EarlyCall => ({ action, req }) as EarlyCall

/**
 * What the H5 home (召集令, 全部) asks for first, in the order it asks: the first page of open summons and
 * the signed-in user. src/index.html starts these before the app's JavaScript has arrived when a token is
 * stored (config/index.ts writes them into the page); the transport then takes each answer once, if the
 * app asks for exactly the same request. test/pages/h5-first-screen.test.tsx holds this list to the calls
 * the home really makes, so a changed call is never started twice.
 */
export const HOME_EARLY_CALLS: EarlyCall[] = [
  early('summons.list', { scope: 'open', limit: SUMMON_PAGE_SIZE }),
  early('account.me', {}),
]

/** The hash routes (without `#/`) that open the home: the bare address and the 召集令 tab. */
export const HOME_ROUTES = ['', PAGES.summons]

/** The early requests as src/index.html sends them: path and body, the same bytes `call()` would post. */
export function earlyHttpRequests(calls: EarlyCall[] = HOME_EARLY_CALLS): { path: string; body: string }[] {
  return calls.map(({ action, req }) => {
    const dot = action.indexOf('.')
    return { path: apiPath(action.slice(0, dot)), body: JSON.stringify({ action: action.slice(dot + 1), data: req }) }
  })
}
