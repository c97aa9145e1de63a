/**
 * The H5 home's early requests (src/utils/earlyRequests.ts, started by src/index.html before the app's
 * JavaScript arrives): the home asks for exactly these first, so none is ever sent twice, and the HTTP
 * transport takes each started answer once, falling back to its own request when there is none.
 */
import Taro from '@tarojs/taro'
import { PERSONAS } from '../../cloud/server/seed'
import { httpTransport } from '../../src/services/http'
import { setToken } from '../../src/services/session'
import { earlyHttpRequests, HOME_EARLY_CALLS } from '../../src/utils/earlyRequests'
import { setupPageHarness, type TestStore } from './harness'

async function peopleOnly(store: TestStore): Promise<void> {
  for (const persona of PERSONAS) await store.users.saveProfile(persona.openid, persona.profile, new Date())
}

const h = setupPageHarness({ fixture: peopleOnly })

const SUMMONS = earlyHttpRequests()[0]
const envelope = (data: unknown) => ({ ok: true, data })

describe('the H5 home’s early requests', () => {
  afterEach(() => {
    delete window.__erweiEarly
    jest.restoreAllMocks()
  })

  it('are exactly the first calls the 召集令 home makes', async () => {
    h.signInAs('o_demo_member')
    await h.renderPage('pages/summons/index')
    await h.findBySelector('.nut-empty')
    const made = h.calls.map((c) => JSON.stringify({ call: `${c.fn}.${c.action}`, data: c.data }))
    const early = HOME_EARLY_CALLS.map((c) => JSON.stringify({ call: c.action, data: c.req }))
    expect(made.slice(0, early.length).sort()).toEqual([...early].sort())
  })

  it('take a started answer once, for the same URL, body and token only', async () => {
    setToken('token.a')
    const request = jest.spyOn(Taro, 'request').mockResolvedValue({ data: envelope('asked'), statusCode: 200 } as never)
    window.__erweiEarly = [
      { url: SUMMONS.path, body: SUMMONS.body, token: 'token.a', response: Promise.resolve(envelope('early')) },
    ]
    const req = JSON.parse(SUMMONS.body) as { action: string; data: unknown }
    // Another body, then the same request: the first goes out, the second takes the started answer.
    expect(await httpTransport('summons', 'list', { scope: 'mine', limit: 10 })).toEqual(envelope('asked'))
    expect(await httpTransport('summons', req.action, req.data)).toEqual(envelope('early'))
    expect(request).toHaveBeenCalledTimes(1)
    // Taken once: asked again, it goes out.
    expect(await httpTransport('summons', req.action, req.data)).toEqual(envelope('asked'))
    expect(request).toHaveBeenCalledTimes(2)
  })

  it('leave a started answer for another token alone, and ask again when the started one failed', async () => {
    setToken('token.b')
    const request = jest.spyOn(Taro, 'request').mockResolvedValue({ data: envelope('asked'), statusCode: 200 } as never)
    const req = JSON.parse(SUMMONS.body) as { action: string; data: unknown }
    window.__erweiEarly = [
      { url: SUMMONS.path, body: SUMMONS.body, token: 'token.a', response: Promise.resolve(envelope('early')) },
    ]
    expect(await httpTransport('summons', req.action, req.data)).toEqual(envelope('asked'))
    window.__erweiEarly = [{ url: SUMMONS.path, body: SUMMONS.body, token: 'token.b', response: Promise.resolve(null) }]
    expect(await httpTransport('summons', req.action, req.data)).toEqual(envelope('asked'))
    expect(request).toHaveBeenCalledTimes(2)
    expect(window.__erweiEarly).toEqual([])
  })
})
