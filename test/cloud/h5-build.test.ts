/**
 * The H5 build recipe (scripts/build-h5.js): `npm start` (scripts/start.js `buildH5`), `npm run build:h5`
 * and `npm run dev:h5` build the same way. `npm start` used to run `taro build --type h5` alone, so a
 * newcomer's server sent the JavaScript uncompressed (no .br/.gz beside it: Lighthouse 0.68, LCP 5.5 s).
 * The child processes are recorded here, not run.
 */
import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'

const mockSpawned: string[][] = []
jest.mock('node:child_process', () => ({
  spawn: (_node: string, args: string[]) => {
    mockSpawned.push(args)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { EventEmitter } = require('node:events') as typeof import('node:events')
    const child = Object.assign(new EventEmitter(), { kill: () => undefined })
    setImmediate(() => child.emit('exit', 0, null))
    return child
  },
}))

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildH5 } = require('../../scripts/start') as typeof import('../../scripts/start')
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { h5BuildSteps } = require('../../scripts/build-h5') as { h5BuildSteps: (args?: string[]) => string[][] }

const ROOT = join(__dirname, '..', '..')
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
  .scripts
/** A step as the names a reader knows: `taro build --type h5`, `compress-h5.js`. */
const named = (step: string[]) => [basename(step[0]), ...step.slice(1)].join(' ')

beforeEach(() => {
  mockSpawned.length = 0
})

describe('the H5 build recipe', () => {
  it('builds with taro, then writes the compressed copies', () => {
    expect(h5BuildSteps().map(named)).toEqual(['taro build --type h5', 'compress-h5.js'])
  })

  it('passes extra arguments to taro; a watching build does not compress', () => {
    expect(h5BuildSteps(['--watch']).map(named)).toEqual(['taro build --type h5 --watch'])
  })

  it('npm start builds the same way as npm run build:h5: taro, then compress-h5.js', async () => {
    await buildH5({ NODE_ENV: 'test' })
    expect(mockSpawned.map(named)).toEqual(['taro build --type h5', 'compress-h5.js'])
  })

  it('npm run build:h5 and npm run dev:h5 run the recipe (dev:h5 really watches)', () => {
    expect(scripts['build:h5']).toBe('node scripts/build-h5.js')
    expect(scripts['dev:h5']).toBe('node scripts/build-h5.js --watch')
  })
})
