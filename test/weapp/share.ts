/**
 * Opening one page of the real weapp build for the sharing tests (one page per test file: the simulator
 * boots Taro's app once per module registry).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { installGlobals, WEAPP, type Instance } from './simulate'

type Globals = ReturnType<typeof installGlobals>

export async function open(path: string, pick: (g: Globals) => Promise<string>, loaded: string) {
  const query: Record<string, string> = {}
  const globals = installGlobals(query)
  const { simulate, app } = globals
  await globals.ready
  query.id = await pick(globals)
  require(join(WEAPP, 'app.js'))
  ;(app().onLaunch as (o: unknown) => void)({ path, query })
  const id = simulate.load(join(WEAPP, ...path.split('/')), { rootPath: WEAPP })
  const page = simulate.render(id)
  page.attach(document.createElement('parent-wrapper'))
  for (let i = 0; i < 60 && !page.dom.textContent.includes(loaded); i++) await simulate.sleep(50)
  expect(page.dom.textContent).toContain(loaded)
  const instance = globals.pages()[globals.pages().length - 1] as Instance
  return { ...globals, page, instance }
}

export const share = (instance: Instance) =>
  instance.onShareAppMessage({ from: 'menu' }) as { title: string; path: string; imageUrl?: string }

/** The image a share names exists in the build, as a file of its own. */
export const expectImage = (imageUrl: string | undefined, name: string) => {
  expect(imageUrl).toMatch(new RegExp(`${name}.*\\.png$`))
  expect(existsSync(join(WEAPP, imageUrl!.replace(/^\//, '')))).toBe(true)
}
