/**
 * Reads CSV the way Excel does, strictly enough to catch a broken export: a BOM is skipped, quoted
 * cells may hold anything (`""` is a quote), and outside quotes a CRLF, a bare LF and a bare CR each end
 * a row. A quote inside an unquoted cell or text after a closing quote is an error, not a guess.
 */
export function readCsv(text: string): string[][] {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let i = 0
  const endCell = () => {
    row.push(cell)
    cell = ''
  }
  const endRow = () => {
    endCell()
    rows.push(row)
    row = []
  }
  while (i < input.length) {
    if (input[i] === '"' && cell === '') {
      i++
      for (;;) {
        if (i >= input.length) throw new Error('unterminated quoted cell')
        if (input[i] === '"' && input[i + 1] === '"') {
          cell += '"'
          i += 2
        } else if (input[i] === '"') {
          i++
          break
        } else cell += input[i++]
      }
      if (i < input.length && !/[,\r\n]/.test(input[i])) throw new Error(`text after a closing quote at ${i}`)
      continue
    }
    const ch = input[i]
    if (ch === ',') {
      endCell()
      i++
    } else if (ch === '\r' || ch === '\n') {
      endRow()
      i += ch === '\r' && input[i + 1] === '\n' ? 2 : 1
    } else if (ch === '"') {
      throw new Error(`a quote inside an unquoted cell at ${i}`)
    } else {
      cell += ch
      i++
    }
  }
  if (cell !== '' || row.length) endRow()
  return rows
}

/** Characters that make Excel read a line of a cell as a formula. */
export const FORMULA_START = /^[=+\-@\t\r]/

/** The lines of every cell that Excel would run as a formula (should be none). */
export function formulaLines(rows: string[][]): string[] {
  return rows.flatMap((row) => row.flatMap((cell) => cell.split(/\r\n|\n|\r/))).filter((l) => FORMULA_START.test(l))
}
