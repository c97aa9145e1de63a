import { needsIdentity } from '../services/session'
import { LOGIN_ROUTE, PAGES } from './routes'

/** The route a hash opens (without `#/` and the query). */
const routeOf = (hash: string): string => hash.replace(/^#/, '').split('?')[0].replace(/^\/+/, '')

/** The hash of the H5 home (召集令, the first tab) as a browser opens it: `/`, `/#/` or its own path. */
function opensHome(hash: string): boolean {
  const route = routeOf(hash)
  return route === '' || route === PAGES.summons
}

/**
 * H5 only, before the router starts: a visitor without an identity who opens the home goes straight to
 * 选择身份. The 召集令 page would send them there anyway, but only after fetching and drawing itself.
 */
export function startSignedOutAtLogin(): void {
  if (process.env.TARO_ENV !== 'h5') return
  if (needsIdentity() && opensHome(window.location.hash)) {
    window.history.replaceState(window.history.state, '', `#${LOGIN_ROUTE}`)
  }
}

/**
 * The first screens a visitor sees — 召集令 and 选择身份 — are built into the entry bundle (webpack's
 * "eager" mode), so opening the app costs one round of downloads instead of three (the entry, then the
 * page's ~20 chunks, then 选择身份's). Other pages stay lazily loaded. Each loader evaluates its page's
 * modules when called; the router's own `import()` of these pages then finds them evaluated.
 */
const loadHome = () => import(/* webpackMode: "eager" */ '../pages/summons/index')
const FIRST_SCREENS: Record<string, () => Promise<unknown>> = {
  '': loadHome,
  [PAGES.summons]: loadHome,
  [routeOf(LOGIN_ROUTE)]: () => import(/* webpackMode: "eager" */ '../pages/login/index'),
}

/** Evaluates the modules of the first screen the hash opens, if it is one of the two (else nothing). */
export async function loadFirstScreen(hash: string): Promise<void> {
  await FIRST_SCREENS[routeOf(hash)]?.()
}
