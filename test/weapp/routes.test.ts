/**
 * The page table (src/utils/routes.ts PAGES, which the pages and the cloud navigate by) against the weapp
 * build's app.json: every page it names is built, under the package it claims; every built page is named;
 * only the four tabs are in the main package; and the tabs preload the member subpackage.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { inviteCodeIn, invitePath, movedPageOf, PAGES, ROUTES } from '../../src/utils/routes'
import { WEAPP } from './simulate'

interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  tabBar: { list: { pagePath: string }[] }
  preloadRule?: Record<string, { packages: string[] }>
}

const app = JSON.parse(readFileSync(join(WEAPP, 'app.json'), 'utf8')) as AppJson
const subPages = (app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`))

describe('page paths in the weapp build', () => {
  it('names exactly the pages app.json ships', () => {
    expect([...Object.values(PAGES)].sort()).toEqual([...app.pages, ...subPages].sort())
  })

  it('keeps only the tab pages in the main package', () => {
    expect([...app.pages].sort()).toEqual(app.tabBar.list.map((t) => t.pagePath).sort())
    for (const page of [PAGES.summon, PAGES.plan, PAGES.profile, PAGES.grid, PAGES.grids, PAGES.invite])
      expect(subPages).toContain(page)
  })

  it('preloads the member subpackage from the tabs that open its pages', () => {
    for (const tab of [PAGES.summons, PAGES.plans, PAGES.me])
      expect(app.preloadRule?.[tab]?.packages).toContain('member')
  })

  it('navigates to the same pages (leading slash, with the query)', () => {
    expect(ROUTES.summon('s1')).toBe(`/${PAGES.summon}?id=s1`)
    expect(ROUTES.grid('g 1')).toBe(`/${PAGES.grid}?id=g%201`)
    expect(invitePath('abc')).toBe(`${PAGES.invite}?code=abc`)
  })

  it('reads invite codes from paths and links of today and from before the move', () => {
    expect(inviteCodeIn(invitePath('NEW123'))).toBe('NEW123')
    expect(inviteCodeIn(`https://x.example/#/${invitePath('NEW123')}`)).toBe('NEW123')
    expect(inviteCodeIn('pages/invite/index?code=OLD123')).toBe('OLD123')
    expect(inviteCodeIn('https://x.example/#/pages/invite/index?from=qr&code=OLD%20123')).toBe('OLD 123')
    expect(inviteCodeIn('P.abc123.AAAAAAAAAAAA')).toBeNull()
  })

  it('knows where each moved member page lives now, and only those', () => {
    for (const page of ['summon', 'plan', 'profile', 'grids', 'grid', 'invite', 'checkins', 'org'])
      expect(Object.values(PAGES)).toContain(movedPageOf(`pages/${page}/index`))
    expect(movedPageOf('/pages/summon/index')).toBe(PAGES.summon)
    expect(movedPageOf(PAGES.summons)).toBeNull()
    expect(movedPageOf('leader/pages/roster/index')).toBeNull()
  })
})
