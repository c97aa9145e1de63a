/**
 * Opens one page of the real weapp build in miniprogram-simulate for the smoke flows and the sharing
 * tests (one app per test file: the simulator boots Taro's app once per module registry).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { installGlobals, WEAPP, type Instance } from './simulate'

export type Globals = ReturnType<typeof installGlobals>

export interface SimElement {
  dispatchEvent(name: string, options?: { detail?: unknown }): void
}

/** Opens `path` with the query `pick` makes from the seeded store, and waits for `loaded` on screen. */
export async function open(path: string, pick: (g: Globals) => Promise<Record<string, string>>, loaded: string) {
  const query: Record<string, string> = {}
  const globals = installGlobals(query)
  const { simulate, app } = globals
  await globals.ready
  Object.assign(query, await pick(globals))
  require(join(WEAPP, 'app.js'))
  ;(app().onLaunch as (o: unknown) => void)({ path, query })
  const id = simulate.load(join(WEAPP, ...path.split('/')), { rootPath: WEAPP })
  const page = simulate.render(id)
  page.attach(document.createElement('parent-wrapper'))
  const waitFor = async (check: () => boolean) => {
    for (let i = 0; i < 80 && !check(); i++) await simulate.sleep(50)
  }
  const waitForText = async (text: string) => {
    await waitFor(() => page.dom.textContent.includes(text))
    expect(page.dom.textContent).toContain(text)
  }
  await waitForText(loaded)
  const instance = globals.pages()[globals.pages().length - 1] as Instance
  return { ...globals, page, instance, waitFor, waitForText }
}

export const share = (instance: Instance) =>
  instance.onShareAppMessage({ from: 'menu' }) as { title: string; path: string; imageUrl?: string }

/** The image a share names exists in the build, as a file of its own. */
export const expectImage = (imageUrl: string | undefined, name: string) => {
  expect(imageUrl).toMatch(new RegExp(`${name}.*\\.png$`))
  expect(existsSync(join(WEAPP, imageUrl!.replace(/^\//, '')))).toBe(true)
}
