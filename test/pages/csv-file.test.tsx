/**
 * How the H5 app saves an export (src/services/csvFile.ts): inline CSV as a Blob download, a large export
 * (answered as a link, issue 16) by its link, never an empty Blob.
 */
import { saveCsv } from '../../src/services/csvFile'

describe('saveCsv in H5', () => {
  const anchors: { href: string; download: string }[] = []
  let click: jest.SpyInstance
  beforeEach(() => {
    anchors.length = 0
    click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      anchors.push({ href: this.href, download: this.download })
    })
  })
  afterEach(() => click.mockRestore())

  it('downloads a large export by its link', async () => {
    const createObjectURL = jest.fn()
    ;(URL as unknown as { createObjectURL: unknown }).createObjectURL = createObjectURL
    const outcome = await saveCsv({
      filename: '签到记录-20260601-1000.csv',
      csv: '',
      url: '/files/1780000000000-0123456789abcdef0123456789abcdef/%E7%AD%BE%E5%88%B0.csv',
      expiresAt: '2026-06-01T03:00:00.000Z',
    })
    expect(outcome).toBe('downloaded')
    expect(createObjectURL).not.toHaveBeenCalled()
    expect(anchors).toHaveLength(1)
    expect(anchors[0].href).toMatch(/\/files\/1780000000000-0123456789abcdef0123456789abcdef\/%E7%AD%BE%E5%88%B0\.csv$/)
    expect(anchors[0].download).toBe('签到记录-20260601-1000.csv')
  })

  it('downloads a small export from its inline CSV', async () => {
    ;(URL as unknown as { createObjectURL: unknown }).createObjectURL = () => 'blob:inline'
    ;(URL as unknown as { revokeObjectURL: unknown }).revokeObjectURL = () => undefined
    expect(await saveCsv({ filename: '名单.csv', csv: '\uFEFF姓名\r\n' })).toBe('downloaded')
    expect(anchors).toEqual([{ href: 'blob:inline', download: '名单.csv' }])
  })
})
