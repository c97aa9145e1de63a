/**
 * The 志愿服务记录证明 drawn on a 2D canvas, for 保存为图片: the same drawing serves the mini program's
 * `<Canvas type='2d'>` node and the browser's `<canvas>`. Laid out in a 750-unit-wide sheet (the design
 * width of the pages); the caller scales the context for the screen's pixel ratio.
 */
import makeQr from 'qrcode-generator'
import type { HoursCertificate } from '../../../types'
import { hoursText } from '../../utils/hours'
import { formatTime } from '../../utils/time'

/** The part of CanvasRenderingContext2D that both platforms give and the drawing uses. */
export interface Pen {
  fillStyle: unknown
  strokeStyle: unknown
  lineWidth: number
  font: string
  textAlign: string
  textBaseline: string
  fillRect(x: number, y: number, w: number, h: number): void
  strokeRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  measureText(text: string): { width: number }
  beginPath(): void
  arc(x: number, y: number, r: number, start: number, end: number): void
  stroke(): void
}

export const SHEET_WIDTH = 750
const MARGIN = 56
const ROW = 44
const RED = '#c8161d'
const INK = '#1a1a1a'
const GREY = '#666666'
const FONT = "'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif"

/** The dark modules of `text` as a QR code (error correction M): `dark[row][column]`. */
export function qrModules(text: string): boolean[][] {
  const qr = makeQr(0, 'M')
  qr.addData(text)
  qr.make()
  const size = qr.getModuleCount()
  return Array.from({ length: size }, (_r, r) => Array.from({ length: size }, (_c, c) => qr.isDark(r, c)))
}

/** A GIF data URL of `text` as a QR code, for an `<Image>` on the page (same data URL on both platforms). */
export function qrImage(text: string, cellSize = 4, margin = 2): string {
  const qr = makeQr(0, 'M')
  qr.addData(text)
  qr.make()
  return qr.createDataURL(cellSize, margin)
}

/** 2026-03-08 → 2026年3月8日. */
export const dateText = (iso: string) => formatTime(iso, 'YYYY年M月D日')
/** A period's day (`YYYY-MM-DD`, Beijing) in words. */
export const dayText = (day: string) => day.replace(/^(\d{4})-0?(\d{1,2})-0?(\d{1,2})$/, '$1年$2月$3日')

/** `text` cut into lines no wider than `width` (character by character: Chinese has no spaces). */
export function wrap(pen: Pen, text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const ch of Array.from(text)) {
    if (line && pen.measureText(line + ch).width > width) {
      lines.push(line)
      line = ch
    } else {
      line += ch
    }
  }
  if (line) lines.push(line)
  return lines.length ? lines : ['']
}

const COLUMNS = [
  { title: '服务内容', x: MARGIN, width: 270 },
  { title: '日期', x: MARGIN + 282, width: 130 },
  { title: '时长', x: MARGIN + 420, width: 70 },
  { title: '记录单位', x: MARGIN + 498, width: SHEET_WIDTH - MARGIN * 2 - 498 },
]

/** The opening sentence of the certificate (also shown on the page). */
export function statement(cert: HoursCertificate): string {
  return `兹证明 ${cert.name} 于 ${dayText(cert.period.from)} 至 ${dayText(cert.period.to)} 期间参加志愿服务活动 ${cert.items.length} 次，经网格长确认的志愿服务时长累计 ${hoursText(cert.totalHours)} 小时。具体记录如下：`
}

/**
 * Draws the certificate from the top of the sheet and answers the height it takes. The background and
 * border need that height: draw once with `measuring(pen)` to learn it, size the canvas, then draw with
 * the height.
 */
export function drawCertificate(pen: Pen, cert: HoursCertificate, qr: boolean[][], height?: number): number {
  const inner = SHEET_WIDTH - MARGIN * 2
  if (height) {
    pen.fillStyle = '#ffffff'
    pen.fillRect(0, 0, SHEET_WIDTH, height)
    pen.strokeStyle = RED
    pen.lineWidth = 4
    pen.strokeRect(20, 20, SHEET_WIDTH - 40, height - 40)
  }
  pen.textBaseline = 'top'
  let y = 64

  pen.fillStyle = RED
  pen.textAlign = 'center'
  pen.font = `bold 44px ${FONT}`
  pen.fillText('志愿服务记录证明', SHEET_WIDTH / 2, y)
  y += 72
  pen.fillStyle = GREY
  pen.font = `22px ${FONT}`
  pen.fillText(`证明编号：${cert.number}`, SHEET_WIDTH / 2, y)
  y += 56

  pen.textAlign = 'left'
  pen.fillStyle = INK
  pen.font = `26px ${FONT}`
  for (const line of wrap(pen, statement(cert), inner)) {
    pen.fillText(line, MARGIN, y)
    y += 40
  }
  y += 16

  // The table: a header row, then one row (or more, when the title wraps) per activity.
  pen.font = `bold 22px ${FONT}`
  pen.fillStyle = '#f7e8e8'
  pen.fillRect(MARGIN, y, inner, ROW)
  pen.fillStyle = INK
  for (const col of COLUMNS) pen.fillText(col.title, col.x + 6, y + 11)
  y += ROW
  pen.font = `22px ${FONT}`
  for (const item of cert.items) {
    const title = wrap(pen, `${item.title}${item.source === 'makeup' ? '（补录）' : ''}`, COLUMNS[0].width - 12)
    const unit = wrap(pen, item.recordedBy, COLUMNS[3].width - 12)
    const lines = Math.max(title.length, unit.length)
    const rowHeight = Math.max(ROW, lines * 30 + 14)
    title.forEach((line, i) => pen.fillText(line, COLUMNS[0].x + 6, y + 10 + i * 30))
    pen.fillText(formatTime(item.date, 'YYYY-MM-DD'), COLUMNS[1].x + 6, y + 10)
    pen.fillText(`${hoursText(item.hours)} 小时`, COLUMNS[2].x + 6, y + 10)
    unit.forEach((line, i) => pen.fillText(line, COLUMNS[3].x + 6, y + 10 + i * 30))
    y += rowHeight
    pen.fillStyle = '#e6e6e6'
    pen.fillRect(MARGIN, y - 1, inner, 1)
    pen.fillStyle = INK
  }
  if (cert.items.length === 0) {
    pen.fillStyle = GREY
    pen.fillText('这一年还没有经确认的志愿服务时长。', MARGIN + 6, y + 10)
    pen.fillStyle = INK
    y += ROW
  }
  y += 40

  // The issuer, the date and the seal on the right; the verify code on the left.
  const top = y
  const cell = Math.max(2, Math.floor(150 / Math.max(1, qr.length)))
  qr.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (dark) pen.fillRect(MARGIN + c * cell, top + r * cell, cell, cell)
    }),
  )
  const qrSize = qr.length * cell
  pen.fillStyle = GREY
  pen.font = `20px ${FONT}`
  pen.fillText('扫码核验这份证明', MARGIN, top + qrSize + 10)

  pen.textAlign = 'right'
  pen.fillStyle = INK
  pen.font = `24px ${FONT}`
  const right = SHEET_WIDTH - MARGIN
  pen.fillText(`出具单位：${cert.issuer.name}`, right, top + 20)
  pen.fillText(`出具日期：${dateText(cert.issuedAt)}`, right, top + 60)
  pen.strokeStyle = RED
  pen.lineWidth = 3
  pen.beginPath()
  pen.arc(right - 90, top + 160, 70, 0, Math.PI * 2)
  pen.stroke()
  pen.textAlign = 'center'
  pen.fillStyle = RED
  pen.font = `20px ${FONT}`
  pen.fillText('（盖章处）', right - 90, top + 150)
  pen.textAlign = 'left'

  return Math.max(top + qrSize + 50, top + 250) + 40
}

/** A pen that measures text with `pen` but draws nothing (to learn the sheet's height first). */
export function measuring(pen: Pen): Pen {
  const none = () => undefined
  const state = { fillStyle: '', strokeStyle: '', lineWidth: 1, textAlign: 'left', textBaseline: 'top' }
  return {
    ...state,
    get font() {
      return pen.font
    },
    set font(value: string) {
      pen.font = value
    },
    measureText: (text) => pen.measureText(text),
    fillRect: none,
    strokeRect: none,
    fillText: none,
    beginPath: none,
    arc: none,
    stroke: none,
  }
}
