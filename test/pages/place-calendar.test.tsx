/**
 * 地图 and 加入日历: the place opens in a map when it has a point (GCJ-02, as stored), and a summon goes
 * into the phone's calendar — in H5 as an .ics file written by hand (RFC 5545, Asia/Shanghai). The .ics
 * writer is checked on its own first.
 */
import { beijingStamp, escapeText, eventIcs, foldLine } from '../../src/utils/ics'
import { webMapUrl } from '../../src/services/map'
import { setupPageHarness, type TestStore } from './harness'
import { createSummon, gridIdOf, MEMBER, SUMMON_GRID, SUMMON_GRID_ADDRESS, summonWorld } from './summon-fixtures'

/** The summon cast; SUMMON_GRID's base has a point (GCJ-02). */
async function world(store: TestStore) {
  await summonWorld(store)
  const gridId = await gridIdOf(store, SUMMON_GRID)
  await store.grids.update(
    gridId,
    { base: { address: SUMMON_GRID_ADDRESS, lat: 30.2845, lng: 120.1205, radiusM: 300 } },
    new Date(),
  )
}

const h = setupPageHarness({ fixture: world })

const EVENT = {
  uid: 'summon-abc@erwei',
  title: '读书会; 第 3 期, 亲子场',
  place: '测试大厦 1 楼\\青年之家',
  description: '带一本书\n再带一个朋友',
  startAt: '2026-06-03T06:00:00.000Z',
  endAt: '2026-06-03T08:30:00.000Z',
}

describe('the .ics writer', () => {
  it('writes Beijing wall-clock times with the Asia/Shanghai zone, CRLF lines, one event and a reminder', () => {
    const ics = eventIcs(EVENT, new Date('2026-06-01T02:00:00.000Z'))
    const lines = ics.split('\r\n')
    expect(ics.endsWith('\r\n')).toBe(true)
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    expect(lines[0]).toBe('BEGIN:VCALENDAR')
    expect(lines).toContain('VERSION:2.0')
    expect(lines).toContain('TZID:Asia/Shanghai')
    expect(lines).toContain('TZOFFSETTO:+0800')
    expect(lines).toContain('DTSTART;TZID=Asia/Shanghai:20260603T140000')
    expect(lines).toContain('DTEND;TZID=Asia/Shanghai:20260603T163000')
    expect(lines).toContain('DTSTAMP:20260601T020000Z')
    expect(lines).toContain('UID:summon-abc@erwei')
    expect(lines).toContain('TRIGGER:-PT1H')
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1)
  })

  it('escapes backslashes, semicolons, commas and newlines in text', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne')
    const ics = eventIcs(EVENT)
    expect(ics).toContain('SUMMARY:读书会\\; 第 3 期\\, 亲子场')
    expect(ics).toContain('LOCATION:测试大厦 1 楼\\\\青年之家')
    expect(ics).toContain('DESCRIPTION:带一本书\\n再带一个朋友')
  })

  it('folds lines at 75 octets without splitting a Chinese character', () => {
    const long = `SUMMARY:${'青年'.repeat(40)}`
    const folded = foldLine(long)
    const parts = folded.split('\r\n')
    expect(parts.length).toBeGreaterThan(1)
    const encoder = new TextEncoder()
    for (const part of parts) expect(encoder.encode(part).length).toBeLessThanOrEqual(75)
    parts.slice(1).forEach((p) => expect(p.startsWith(' ')).toBe(true))
    // Unfolding (removing CRLF + one space) gives the line back.
    expect(folded.replace(/\r\n /g, '')).toBe(long)
    expect(foldLine('SHORT:ok')).toBe('SHORT:ok')
  })

  it('reads an instant as Beijing time across midnight', () => {
    expect(beijingStamp('2026-12-31T16:30:00.000Z')).toBe('20270101T003000')
  })
})

describe('地图', () => {
  it('H5 links AMap with the stored GCJ-02 point, saying it is GCJ-02', () => {
    const url = webMapUrl({ lat: 30.2845, lng: 120.1205, name: '测试楼宇网格' })
    expect(url).toBe(
      `https://uri.amap.com/marker?position=120.1205,30.2845&name=${encodeURIComponent('测试楼宇网格')}&coordinate=gaode&callnative=1`,
    )
  })

  it("the summon page opens the grid's base in a map; the grid page's 实体阵地 too", async () => {
    const opened: string[] = []
    const open = jest.spyOn(window, 'open').mockImplementation((url?: string | URL) => {
      opened.push(String(url))
      return null
    })
    try {
      const summonId = await createSummon(h.store)
      h.signInAs(MEMBER)
      await h.renderPage('member/pages/summon/index', { id: summonId })
      await h.click('网格阵地在地图中')
      await h.waitUntil(() => expect(opened).toHaveLength(1))
      const grid = await h.store.grids.get(await gridIdOf(h.store, SUMMON_GRID))
      expect(opened[0]).toContain(`position=${grid!.base.lng},${grid!.base.lat}`)
      await h.renderPage('member/pages/grid/index', { id: grid!.id })
      await h.click(await h.findBySelector('.grid-four__base'))
      await h.waitUntil(() => expect(opened).toHaveLength(2))
      expect(opened[1]).toBe(opened[0].replace(/name=[^&]*/, `name=${encodeURIComponent(grid!.name)}`))
    } finally {
      open.mockRestore()
    }
  })

  it('offers no map for a grid without a point, and no calendar for an ended summon', async () => {
    const gridId = await gridIdOf(h.store, SUMMON_GRID)
    await h.store.grids.update(gridId, { base: { address: '没有坐标的地址' } }, new Date())
    const summonId = await createSummon(h.store, {
      startAt: new Date(Date.now() - 5 * 3600_000).toISOString(),
      endAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
    })
    h.signInAs(MEMBER)
    await h.renderPage('member/pages/summon/index', { id: summonId })
    await h.findByText('已结束')
    expect(h.queryByText('网格阵地在地图中')).toBeNull()
    expect(h.queryByText('加入日历')).toBeNull()
  })
})

describe('加入日历', () => {
  it('H5 downloads an .ics of the summon', async () => {
    const blobs: Blob[] = []
    const downloads: string[] = []
    const urls = URL as unknown as { createObjectURL: (b: Blob) => string; revokeObjectURL: (u: string) => void }
    urls.createObjectURL = (blob: Blob) => {
      blobs.push(blob)
      return 'blob:ics'
    }
    urls.revokeObjectURL = () => undefined
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloads.push(this.download)
    })
    try {
      const summonId = await createSummon(h.store)
      h.signInAs(MEMBER)
      await h.renderPage('member/pages/summon/index', { id: summonId })
      await h.click('加入日历')
      await h.findByText('已下载日历文件，打开即可加入日历')
      expect(downloads).toEqual(['测试召集令_·_周末环湖净跑.ics'])
      expect(blobs[0].type).toBe('text/calendar;charset=utf-8')
      const text = await new Promise<string>((resolve) => {
        const reader = new FileReader()
        reader.onload = () => resolve(String(reader.result))
        reader.readAsText(blobs[0])
      })
      const summon = (await h.store.summons.get(summonId))!
      expect(text).toContain(`UID:summon-${summonId}@erwei`)
      expect(text).toContain(`DTSTART;TZID=Asia/Shanghai:${beijingStamp(summon.startAt)}`)
      expect(text).toContain('LOCATION:西湖区北山街集合')
    } finally {
      click.mockRestore()
    }
  })
})
