import type { SummonDetail } from '../../types'
import {
  beijingAt,
  filledLabel,
  fromPickerFields,
  gridLabel,
  rangeLabel,
  signUpView,
  toPickerDate,
  whenLabel,
} from '../../src/utils/summons'

// 2026-11-26 10:00 in Beijing.
const NOW = new Date('2026-11-26T02:00:00Z')

describe('summon labels (Beijing time)', () => {
  it('says near days the way people do', () => {
    expect(whenLabel('2026-11-26T06:00:00Z', NOW)).toBe('今天 14:00')
    expect(whenLabel('2026-11-27T06:00:00Z', NOW)).toBe('明天 14:00')
    expect(whenLabel('2026-11-28T01:30:00Z', NOW)).toBe('后天 09:30')
    expect(whenLabel('2026-11-25T12:00:00Z', NOW)).toBe('昨天 20:00')
    // 16:30 UTC on the 26th is already the 27th in Beijing.
    expect(whenLabel('2026-11-26T16:30:00Z', NOW)).toBe('明天 00:30')
  })

  it('adds how many days ahead within a month, and the year only when it differs', () => {
    expect(whenLabel('2026-11-29T06:00:00Z', NOW)).toBe('11月29日 周日 14:00 · 3 天后')
    expect(whenLabel('2027-01-05T06:00:00Z', NOW)).toBe('2027年1月5日 14:00')
  })

  it('gives a range with the end date only when it ends on another day', () => {
    expect(rangeLabel('2026-11-27T06:00:00Z', '2026-11-27T08:30:00Z', NOW)).toBe('明天 14:00 – 16:30')
    expect(rangeLabel('2026-11-29T06:00:00Z', '2026-11-30T02:00:00Z', NOW)).toBe('11月29日 周日 14:00 – 11月30日 10:00')
  })

  it('counts places with or without a capacity, and names district-wide summons', () => {
    expect(filledLabel(4, 30)).toBe('已报名 4/30')
    expect(filledLabel(4, null)).toBe('已报名 4')
    expect(gridLabel({ gridId: null, gridName: '西湖区团委' })).toBe('全区（西湖区团委）')
    // Told by gridId, not guessed from the name: a grid that happens to share the committee's name keeps it.
    expect(gridLabel({ gridId: 'g2', gridName: '西湖区团委' })).toBe('西湖区团委')
    expect(gridLabel({ gridId: 'g1', gridName: '莲花商圈楼宇网格' })).toBe('莲花商圈楼宇网格')
  })

  it('keeps picker fields in Beijing wall-clock time', () => {
    const iso = fromPickerFields(2026, 11, 27, 14, 5)
    expect(iso).toBe('2026-11-27T06:05:00.000Z')
    const local = toPickerDate(iso)
    expect([local.getFullYear(), local.getMonth() + 1, local.getDate(), local.getHours(), local.getMinutes()]).toEqual([
      2026, 11, 27, 14, 5,
    ])
    expect(beijingAt(1, 14, 0, NOW)).toBe('2026-11-27T06:00:00.000Z')
  })
})

describe('the one button of the detail page', () => {
  const view = (state: SummonDetail['state'], mine?: SummonDetail['mine'], withdrawReason?: string) =>
    signUpView({ state, mine, withdrawReason })

  it('reads 一键报名 while one can sign up, with a note when only the waitlist is left', () => {
    expect(view('open')).toMatchObject({ label: '一键报名', actionable: true, note: null })
    expect(view('full')).toMatchObject({ label: '一键报名', actionable: true, note: '名额已满，可以候补' })
  })

  it('shows where the caller stands once signed up', () => {
    expect(view('open', { status: 'confirmed' })).toMatchObject({ label: '已报名', canCancel: true })
    expect(view('full', { status: 'waitlisted', position: 2 })).toMatchObject({ label: '候补第 2 位', canCancel: true })
    expect(view('live', { status: 'confirmed' })).toMatchObject({ label: '已报名', canCancel: false })
    expect(view('ended', { status: 'confirmed', attendedAt: '2026-11-20T06:00:00Z' })).toMatchObject({
      label: '已签到',
    })
    expect(view('open', { status: 'cancelled' })).toMatchObject({ label: '一键报名', actionable: true })
  })

  it('says why when sign-up is closed', () => {
    expect(view('closed')).toMatchObject({ disabled: true, note: '已截止' })
    expect(view('ended')).toMatchObject({ disabled: true, note: '已结束' })
    expect(view('withdrawn', undefined, '下雨改期')).toMatchObject({ disabled: true, note: '已撤回：下雨改期' })
  })
})
