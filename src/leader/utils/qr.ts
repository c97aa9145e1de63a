/**
 * QR codes drawn on the phone (leader subpackage only, so the generator stays out of the main package).
 * qrcode-generator is pure JavaScript: the same data URL works in the mini program's Image and in H5.
 */
import makeQr from 'qrcode-generator'

/** A GIF data URL of `text` as a QR code (error correction M, `margin` light modules around it). */
export function qrDataUrl(text: string, cellSize = 8, margin = 4): string {
  const qr = makeQr(0, 'M')
  qr.addData(text)
  qr.make()
  return qr.createDataURL(cellSize, margin)
}
