import { writeFileSync } from 'node:fs'
import QRCode from 'qrcode'

/**
 * Writes a Y4M video (the format Chromium's fake camera plays with --use-file-for-fake-video-capture)
 * whose every frame shows `text` as a QR code, black on white, centred. The modules are drawn straight
 * into the Y (luma) plane; U and V stay at 128 (no colour).
 */
export function writeQrVideo(file: string, text: string, options: { width?: number; height?: number } = {}): void {
  const width = options.width ?? 640
  const height = options.height ?? 480
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules
  const cell = Math.floor((Math.min(width, height) * 0.8) / (size + 8))
  const left = Math.floor((width - size * cell) / 2)
  const top = Math.floor((height - size * cell) / 2)

  const luma = Buffer.alloc(width * height, 255)
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!data[row * size + col]) continue
      for (let y = 0; y < cell; y++)
        luma.fill(
          0,
          (top + row * cell + y) * width + left + col * cell,
          (top + row * cell + y) * width + left + (col + 1) * cell,
        )
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128)
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma])
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`)
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: 10 }, () => frame)]))
}
