import Taro from '@tarojs/taro'
import type { ExportFile } from '../../types'
import { buildEnv } from '../utils/env'

/** An export as the server answers it: inline CSV, or (a large one) a link to the stored file. */
export type CsvFile = ExportFile

const API_BASE = buildEnv(() => process.env.TARO_APP_API_BASE) ?? ''

/** The link of a stored export, absolute (the local server answers a path on itself). */
const absolute = (url: string) => (/^https?:\/\//.test(url) ? url : `${API_BASE}${url}`)

/** A file name without the characters that file systems refuse. */
export function safeFilename(name: string): string {
  const cleaned = name
    .replace(/[\\/:*?"<>|]+/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
  return /\.csv$/i.test(cleaned) ? cleaned : `${cleaned}.csv`
}

/**
 * H5: hands the file to the browser as a download: a stored export by its link, an inline one as a Blob,
 * each behind a temporary `<a download>`.
 */
function downloadInBrowser({ filename, csv, url }: CsvFile): void {
  const href = url ? absolute(url) : URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = href
  link.download = safeFilename(filename)
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  if (!url) setTimeout(() => URL.revokeObjectURL(href), 10_000)
}

/** Mini program: a stored export downloaded to a temporary file (cloud storage by its file id, else the link). */
async function downloadInWeapp(file: CsvFile): Promise<string> {
  if (file.fileID && Taro.cloud) {
    const { tempFilePath } = await Taro.cloud.downloadFile({ fileID: file.fileID })
    return tempFilePath
  }
  const answer = await Taro.downloadFile({ url: absolute(file.url!) })
  if (answer.statusCode !== 200) throw new Error(`download: HTTP ${answer.statusCode}`)
  return answer.tempFilePath
}

/**
 * Mini program: writes the file to the user data folder (a stored export: downloads it), then offers to
 * send it to a chat. `openDocument` opens doc/xls/ppt/pdf but not CSV, so a chat is where it can be opened
 * (on a computer). A stored export that cannot be downloaded (e.g. the link's domain not allowed) has its
 * link copied instead, with a word on where to open it.
 */
async function shareInWeapp(file: CsvFile): Promise<'shared' | 'copied'> {
  const name = safeFilename(file.filename)
  if (file.url) {
    let tempFilePath: string
    try {
      tempFilePath = await downloadInWeapp(file)
    } catch {
      await Taro.setClipboardData({ data: absolute(file.url) })
      await Taro.showModal({
        title: '下载链接已复制',
        content: '文件较大，请把链接粘贴到电脑浏览器中下载（1 小时内有效）。',
        showCancel: false,
        confirmText: '知道了',
      })
      return 'copied'
    }
    await Taro.shareFileMessage({ filePath: tempFilePath, fileName: name })
    return 'shared'
  }
  const { csv } = file
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
  return 'shared'
}

/**
 * Saves a CSV the server made: a download in H5, a file sent to a chat in the mini program (or, for a
 * stored export that cannot be downloaded there, its link copied; the user has been told).
 * Answers what happened, for a short message to the user.
 */
export async function saveCsv(file: CsvFile): Promise<'downloaded' | 'shared' | 'copied'> {
  if (process.env.TARO_ENV === 'weapp') return shareInWeapp(file)
  downloadInBrowser(file)
  return 'downloaded'
}
