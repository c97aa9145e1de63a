import { needsIdentity } from '../services/session'
import { HOME_ROUTES } from './earlyRequests'
import { LOGIN_ROUTE } from './routes'

/** The route a hash opens (without `#/` and the query). */
const routeOf = (hash: string): string => hash.replace(/^#/, '').split('?')[0].replace(/^\/+/, '')

/** Whether a hash opens the H5 home (召集令, the first tab) as a browser opens it: `/`, `/#/` or its own path. */
const opensHome = (hash: string): boolean => HOME_ROUTES.includes(routeOf(hash))

/**
 * Before the router starts (startUp.h5.ts): a visitor without an identity who opens the home goes straight
 * to 选择身份. The 召集令 page would send them there anyway, but only after fetching and drawing itself.
 */
export function startSignedOutAtLogin(): void {
  if (needsIdentity() && opensHome(window.location.hash)) {
    window.history.replaceState(window.history.state, '', `#${LOGIN_ROUTE}`)
  }
}

/**
 * Evaluates the modules of the first screen the hash opens, if it is 召集令 or 选择身份 (else nothing).
 * Both are built into the entry bundle (webpack's "eager" mode), so opening the app costs one round of
 * downloads instead of three (the entry, then the page's ~20 chunks, then 选择身份's); other pages stay
 * lazily loaded. The router's own `import()` of these pages then finds them evaluated.
 */
export async function loadFirstScreen(hash: string): Promise<void> {
  if (opensHome(hash)) await import(/* webpackMode: "eager" */ '../pages/summons/index')
  else if (routeOf(hash) === routeOf(LOGIN_ROUTE)) await import(/* webpackMode: "eager" */ '../pages/login/index')
}
