import Taro from '@tarojs/taro'

export interface CsvFile {
  filename: string
  csv: string
}

/** A file name without the characters that file systems refuse. */
export function safeFilename(name: string): string {
  const cleaned = name
    .replace(/[\\/:*?"<>|]+/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
  return /\.csv$/i.test(cleaned) ? cleaned : `${cleaned}.csv`
}

/** H5: hands the CSV to the browser as a download (a Blob behind a temporary `<a download>`). */
function downloadInBrowser({ filename, csv }: CsvFile): void {
  const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = safeFilename(filename)
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Mini program: writes the file to the user data folder, then offers to send it to a chat. */
async function shareInWeapp({ filename, csv }: CsvFile): Promise<void> {
  const name = safeFilename(filename)
  const filePath = `${Taro.env.USER_DATA_PATH}/${name}`
  await new Promise<void>((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: csv,
      encoding: 'utf8',
      success: () => resolve(),
      fail: (err) => reject(new Error(err.errMsg)),
    })
  })
  // The CSV cannot be opened with openDocument; sending it to a chat lets the user open it on a computer.
  await Taro.shareFileMessage({ filePath, fileName: name })
}

/**
 * Saves a CSV the server made: a download in H5, a file sent to a chat in the mini program.
 * Answers what happened, for a short message to the user.
 */
export async function saveCsv(file: CsvFile): Promise<'downloaded' | 'shared'> {
  if (process.env.TARO_ENV === 'weapp') {
    await shareInWeapp(file)
    return 'shared'
  }
  downloadInBrowser(file)
  return 'downloaded'
}
