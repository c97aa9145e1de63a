/**
 * Pictures of the org subpackage saved by the member: to the album in the mini program (WeChat holds
 * `saveImageToPhotosAlbum` until the privacy consent of components/PrivacyConsent is answered), a download
 * in H5.
 */
import Taro from '@tarojs/taro'
import type { OrgReceipt } from '../../../types'
import { showError, showSuccess } from '../../utils/toast'
import { drawReceipt, receiptLayout, RECEIPT_WIDTH, type Canvas2D } from './receiptImage'

/** Device pixels per layout unit of the saved receipt (1,125 pixels wide: sharp in the album and on paper). */
const SCALE = 1.5

/** Saves a local file to the album, telling the member how it went. */
export async function saveToAlbum(filePath: string): Promise<void> {
  try {
    await Taro.saveImageToPhotosAlbum({ filePath })
    showSuccess('已保存到相册')
  } catch {
    showError('没能保存。请在设置里允许保存到相册，或截屏保存。')
  }
}

/** H5: offers `href` (a data URL) as a download named `filename`. */
export function download(href: string, filename: string): void {
  const link = document.createElement('a')
  link.href = href
  link.download = filename
  document.body.appendChild(link)
  link.click()
  link.remove()
}

/** The file name of a receipt's picture. */
export const receiptFilename = (r: OrgReceipt) => `${r.org.name}-${r.member.name}-${r.quarter}报到回执.png`

/** The canvas node of the page's `<Canvas type='2d' id=…>` (mini program). */
function canvasNode(id: string): Promise<Taro.Canvas> {
  return new Promise((resolve, reject) =>
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res: { node?: Taro.Canvas }[]) => (res[0]?.node ? resolve(res[0].node) : reject(new Error('no canvas')))),
  )
}

/**
 * Draws the receipt and saves the picture: weapp through the page's Canvas 2D node (`canvasId`),
 * canvasToTempFilePath and the album; H5 on a canvas of its own, downloaded as a PNG.
 */
export async function saveReceiptImage(r: OrgReceipt, canvasId: string): Promise<void> {
  const layout = receiptLayout(r)
  if (process.env.TARO_ENV !== 'weapp') {
    const canvas = document.createElement('canvas')
    canvas.width = RECEIPT_WIDTH * SCALE
    canvas.height = layout.height * SCALE
    const ctx = canvas.getContext('2d')
    if (!ctx) return showError('这个浏览器不能生成图片，请用「打印」另存为 PDF')
    drawReceipt(ctx as unknown as Canvas2D, layout, SCALE)
    download(canvas.toDataURL('image/png'), receiptFilename(r))
    return
  }
  let tempFilePath: string
  try {
    const canvas = await canvasNode(canvasId)
    canvas.width = RECEIPT_WIDTH * SCALE
    canvas.height = layout.height * SCALE
    drawReceipt(canvas.getContext('2d') as Canvas2D, layout, SCALE)
    // The whole canvas (the default area), at its own pixel size.
    const { width, height } = canvas
    tempFilePath = (await Taro.canvasToTempFilePath({ canvas, destWidth: width, destHeight: height })).tempFilePath
  } catch {
    return showError('没能生成图片，请稍后再试')
  }
  await saveToAlbum(tempFilePath)
}
