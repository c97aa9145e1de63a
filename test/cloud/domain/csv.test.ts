import { rosterCsv, safeCell, toCsv } from '../../../cloud/domain/csv'
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
