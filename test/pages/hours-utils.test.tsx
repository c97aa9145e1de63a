/** Pure parts of the hours screens (issue 15): words, stars, the make-up form's checks, links and codes. */
import { confirmSummary, makeupProblems } from '../../src/leader/components/HoursPanel'
import { hoursOf, weightsText } from '../../src/admin/utils/overview'
import { codeKind, normalizeCode } from '../../src/services/codes'
import { hoursText, starView, stars, statusText, yearProgress, yearProgressText } from '../../src/utils/hours'
import { verifyLink, verifyNumberIn, verifyPath } from '../../src/utils/routes'
import type { HoursRoster } from '../../types'

describe('hours in words', () => {
  it('writes half hours plainly', () => {
    expect(hoursText(2)).toBe('2')
    expect(hoursText(1.5)).toBe('1.5')
    expect(hoursText(0)).toBe('0')
  })

  it('says why nothing counts, and never shows a make-up note as the reason', () => {
    expect(statusText('pending')).toBe('待确认')
    expect(statusText('confirmed', '补录：手机没电')).toBe('已确认')
    expect(statusText('not_eligible', '不足 60%')).toBe('不足 60%')
    expect(statusText('not_eligible', '未签退')).toBe('未签退')
    expect(statusText('not_eligible')).toBe('不足 60%')
  })

  it('measures the year against 20 hours', () => {
    expect(yearProgress(5)).toBe(0.25)
    expect(yearProgress(30)).toBe(1)
    expect(yearProgressText(3.5)).toBe('距每年 20 小时还差 16.5 小时')
    expect(yearProgressText(20)).toBe('已达到每年 20 小时的要求')
  })

  it('gives one to five stars at 100 / 300 / 600 / 1000 / 1500 hours', () => {
    expect(starView(99.5)).toMatchObject({ stars: 0, title: '还不是星级志愿者' })
    expect(starView(100)).toMatchObject({ stars: 1, title: '一星级志愿者' })
    expect(starView(300).next).toBe('累计 300 小时，再服务 300 小时成为三星级志愿者')
    expect(starView(1500)).toMatchObject({ stars: 5, next: '累计 1500 小时，已是最高星级' })
    expect(stars(2)).toBe('★★☆☆☆')
  })
})

describe('补录 form', () => {
  it('asks for half hours within the summon’s hours and a reason of 2–100 characters', () => {
    expect(makeupProblems('2', '手机没电', 2)).toEqual({})
    expect(makeupProblems('2.5', '手机没电', 2).hours).toBe('不能超过这次活动的 2 小时')
    expect(makeupProblems('1.25', '手机没电', 2).hours).toBe('请按半小时填写，如 2 或 1.5')
    expect(makeupProblems('', '手机没电', 2).hours).toBe('请填写补录后的时长')
    expect(makeupProblems('1', '忘', 2).reason).toBe('请写明补录原因（2–100 个字）')
    expect(makeupProblems('1', '好'.repeat(101), 2).reason).toBe('原因不能超过 100 个字')
  })

  it('sums what 确认时长 will credit, leaving out members with nothing', () => {
    const roster: HoursRoster = {
      planned: 2,
      ended: true,
      items: [
        { openid: 'a', name: '甲', computed: 1.5, hours: 1.5, status: 'pending' },
        { openid: 'b', name: '乙', computed: 0, hours: 0, status: 'not_eligible', note: '不足 60%' },
        { openid: 'c', name: '丙', computed: 0, hours: 2, status: 'pending' },
      ],
    }
    expect(confirmSummary(roster)).toEqual({ people: 2, total: 3.5 })
  })
})

describe('certificate links and sign-out codes', () => {
  it('finds the certificate number in a verify link or path', () => {
    expect(verifyNumberIn(verifyLink('2026-ABC-01'))).toBe('2026-ABC-01')
    expect(verifyNumberIn(verifyPath('2026 ABC/01'))).toBe('2026 ABC/01')
    expect(verifyNumberIn('pages/invite/index?code=x')).toBeNull()
  })

  it('reads a sign-out code (O.) as a live code', () => {
    expect(codeKind('O.s1abc.58000000.abcdEFGH')).toBe('live')
    expect(normalizeCode(' O.s1abc.58000000.abcdEFGH ')).toBe('O.s1abc.58000000.abcdEFGH')
    expect(codeKind('X.s1abc.58000000.abcdEFGH')).toBeNull()
  })
})

describe('网格一张图 and hours', () => {
  it('writes the hours weight the server sends, and reads hours only when given', () => {
    const weights = { fourOnes: 25, activity: 25, fillRate: 10, attendanceRate: 15, adoptionRate: 10, hours: 15 }
    expect(weightsText(weights)).toBe(
      '四个一\u00a025 · 活跃度\u00a025 · 报名率\u00a010 · 出勤率\u00a015 · 采纳率\u00a010 · 志愿时长\u00a015',
    )
    expect(hoursOf({ hours: 12.5 })).toBe(12.5)
    expect(hoursOf({})).toBeUndefined()
  })
})
