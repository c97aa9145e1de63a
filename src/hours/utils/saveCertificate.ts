/**
 * 保存为图片 for the 志愿服务记录证明: the mini program draws it on the page's `<Canvas type='2d'>`, turns
 * it into a file (canvasToTempFilePath) and saves that to the album (saveImageToPhotosAlbum: WeChat holds
 * it for the privacy consent, which the page's PrivacyConsent draws); the browser draws on a `<canvas>`
 * and downloads a PNG.
 */
import Taro from '@tarojs/taro'
import type { HoursCertificate } from '../../../types'
import { drawCertificate, measuring, qrModules, SHEET_WIDTH, type Pen } from './certificateImage'

/** The id of the page's hidden canvas (mini program only). */
export const CERTIFICATE_CANVAS_ID = 'certificate-canvas'

/** Pixels per sheet unit: a 750-unit sheet saved 1500 pixels wide, sharp enough to print. */
const SCALE = 2

interface CanvasLike {
  width: number
  height: number
  getContext(kind: '2d'): unknown
}

/** Sizes `canvas` for the certificate and draws it; false when the canvas gives no 2D context. */
function drawOn(canvas: CanvasLike, cert: HoursCertificate, verifyText: string): boolean {
  const qr = qrModules(verifyText)
  const probe = canvas.getContext('2d') as (Pen & { scale(x: number, y: number): void }) | null
  if (!probe) return false
  const height = drawCertificate(measuring(probe), cert, qr)
  canvas.width = SHEET_WIDTH * SCALE
  canvas.height = height * SCALE
  // A resized canvas starts from a fresh state: take the context again and scale it.
  const pen = canvas.getContext('2d') as Pen & { scale(x: number, y: number): void }
  pen.scale(SCALE, SCALE)
  drawCertificate(pen, cert, qr, height)
  return true
}

function canvasNode(): Promise<CanvasLike | null> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${CERTIFICATE_CANVAS_ID}`)
      .fields({ node: true, size: true })
      .exec((res: { node?: CanvasLike }[]) => resolve(res?.[0]?.node ?? null))
  })
}

export type SaveOutcome = 'saved' | 'downloaded'

/** Saves the certificate as an image; throws with a message to show when it could not. */
export async function saveCertificateImage(cert: HoursCertificate, verifyText: string): Promise<SaveOutcome> {
  const name = `志愿服务记录证明-${cert.name}-${cert.period.year}`
  if (process.env.TARO_ENV === 'weapp') {
    const canvas = await canvasNode()
    if (!canvas || !drawOn(canvas, cert, verifyText)) throw new Error('没能生成图片，请稍后再试')
    const { tempFilePath } = await Taro.canvasToTempFilePath({
      canvas: canvas as unknown as Taro.Canvas,
      fileType: 'png',
    })
    try {
      await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
    } catch {
      throw new Error('没能保存。请在设置里允许保存到相册，或截图保存。')
    }
    return 'saved'
  }
  const canvas = document.createElement('canvas')
  if (!drawOn(canvas, cert, verifyText)) throw new Error('这个浏览器不能生成图片，请用「打印」另存为 PDF')
  const link = document.createElement('a')
  link.href = canvas.toDataURL('image/png')
  link.download = `${name}.png`
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  return 'downloaded'
}

/** H5: the print rules, added once — only the certificate is printed, on one A4 sheet, in colour. */
export function installPrintStyle(): void {
  if (process.env.TARO_ENV === 'weapp' || document.getElementById('certificate-print')) return
  const style = document.createElement('style')
  style.id = 'certificate-print'
  style.textContent = `
@media print {
  @page { size: A4; margin: 12mm; }
  body * { visibility: hidden !important; }
  .certificate, .certificate * { visibility: visible !important; }
  .certificate { position: absolute; left: 0; top: 0; width: 100%; margin: 0; box-shadow: none;
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .certificate-actions { display: none !important; }
}`
  document.head.appendChild(style)
}
