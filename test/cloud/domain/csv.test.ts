import { checkinsCsv, rosterCsv, safeCell, signupsCsv, toCsv } from '../../../cloud/domain/csv'
import { formulaLines, readCsv } from '../../support/csv'

const HOSTILE = ['张\n=1+2', '李\r+3', '王\r\n@SUM(A1)', '\n-4', '赵\n\t=5', 'plain', '=cmd|"/c calc"!A0', '\r=6']

describe('CSV for Excel', () => {
  it('keeps one row per record when cells hold LF, CR or CRLF', () => {
    const csv = toCsv(
      ['姓名', '备注'],
      HOSTILE.map((name, i) => [name, i]),
    )
    const rows = readCsv(csv)
    expect(rows).toHaveLength(1 + HOSTILE.length)
    expect(rows.every((r) => r.length === 2)).toBe(true)
    expect(rows.slice(1).map((r) => r[1])).toEqual(HOSTILE.map((_n, i) => String(i)))
  })

  it('neutralises the first character of every line of a cell, not only of the cell', () => {
    const rows = readCsv(toCsv(['姓名'], [...HOSTILE.map((name) => [name]), ['=HYPERLINK("x")'], ['+1'], ['\t2']]))
    expect(formulaLines(rows)).toEqual([])
    expect(rows.slice(1, 4).map((r) => r[0])).toEqual(["张\n'=1+2", "李\r'+3", "王\r\n'@SUM(A1)"])
    expect(rows[8][0]).toBe("'\r'=6")
  })

  it('leaves single-line cells as before', () => {
    expect(safeCell('=1')).toBe("'=1")
    expect(safeCell('-')).toBe("'-")
    expect(safeCell('a=1')).toBe('a=1')
    expect(safeCell(3)).toBe('3')
    expect(safeCell(null)).toBe('')
    expect(toCsv(['a', 'b'], [['x', 1]])).toBe('\uFEFFa,b\r\nx,1\r\n')
    expect(toCsv(['a'], [['say "hi"'], ['1,2']])).toBe('\uFEFFa\r\n"say ""hi"""\r\n"1,2"\r\n')
  })

  it('writes a roster whose names hold line breaks one row per member', () => {
    const at = '2026-06-01T02:00:00.000Z'
    const rows = readCsv(
      rosterCsv([
        { openid: 'o_a', name: '张\n=1+2', status: 'confirmed', signedUpAt: at, attendedAt: at },
        { openid: 'o_b', name: '李\r@x', status: 'waitlisted', position: 1, signedUpAt: at },
      ]),
    )
    expect(rows).toEqual([
      ['姓名', '状态', '候补位次', '报名时间', '签到时间'],
      ["张\n'=1+2", '已报名', '', '2026-06-01 10:00', '2026-06-01 10:00'],
      ["李\r'@x", '候补', '1', '2026-06-01 10:00', ''],
    ])
  })
})

describe('export tables', () => {
  const at = '2026-06-01T02:00:00.000Z'

  it('labels check-ins in Chinese, with 未填写 for a member without a profile', () => {
    const csv = checkinsCsv([
      {
        at,
        gridName: '西湖区',
        townName: null,
        summonTitle: '活动',
        method: 'live',
        verifiedBy: ['live', 'location'],
        memberName: null,
        org: null,
      },
    ])
    expect(csv).toBe(
      '\uFEFF签到时间,网格,镇街,活动,方式,核验,姓名,所在组织\r\n' +
        '2026-06-01 10:00,西湖区,,活动,活动签到码,活动签到码、位置核验,未填写,\r\n',
    )
  })

  it('labels sign-ups in Chinese', () => {
    const csv = signupsCsv([
      {
        summonTitle: '活动',
        gridName: '网格',
        summonStartAt: at,
        memberName: '张三',
        org: '-团支部',
        status: 'waitlisted',
        summonWithdrawn: false,
        signedUpAt: at,
        attendedAt: null,
      },
      {
        summonTitle: '撤回的活动',
        gridName: '网格',
        summonStartAt: at,
        memberName: '李四',
        org: null,
        status: 'confirmed',
        summonWithdrawn: true,
        signedUpAt: at,
        attendedAt: null,
      },
    ])
    expect(readCsv(csv)).toEqual([
      ['召集令', '网格', '活动开始', '姓名', '所在组织', '状态', '报名时间', '签到时间'],
      ['活动', '网格', '2026-06-01 10:00', '张三', "'-团支部", '候补', '2026-06-01 10:00', ''],
      ['撤回的活动', '网格', '2026-06-01 10:00', '李四', '', '已撤回', '2026-06-01 10:00', ''],
    ])
  })
})
