/**
 * The quarterly 报到回执 as a picture: a pure layout (lines of text at positions, rules, the seal's circle)
 * drawn on a Canvas 2D context, the mini program's canvas node or a browser canvas alike.
 */
import type { OrgReceipt } from '../../../types'
import { quarterLabel, quarterRange } from '../../../cloud/domain/orgs'
import { verificationText } from '../../utils/checkin'
import { formatTime } from '../../utils/time'

/** The picture's width in layout units (750, as the pages' design width); the canvas scales it. */
export const RECEIPT_WIDTH = 750
const MARGIN = 48
const INNER = RECEIPT_WIDTH - 2 * MARGIN

export type DrawOp =
  | {
      kind: 'text'
      x: number
      y: number
      text: string
      size: number
      bold?: boolean
      align?: 'left' | 'center' | 'right'
      color?: string
    }
  | { kind: 'rule'; y: number }
  | { kind: 'seal'; x: number; y: number; r: number }

/** Estimated width of `text` at font size `size`: a Chinese character is square, Latin and digits about half. */
export function textWidth(text: string, size: number): number {
  let units = 0
  for (const ch of text) units += /[\u0000-\u00ff]/.test(ch) ? 0.56 : 1
  return units * size
}

/** `text` broken into lines no wider than `width` at font size `size`. */
export function wrap(text: string, size: number, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const ch of text) {
    if (line && textWidth(line + ch, size) > width) {
      lines.push(line)
      line = ''
    }
    line += ch
  }
  if (line || lines.length === 0) lines.push(line)
  return lines
}

/** The last day of a quarter in Beijing time, e.g. `2026年12月31日`. */
const quarterEnd = (quarter: string) =>
  formatTime(new Date(Date.parse(quarterRange(quarter).end) - 1).toISOString(), 'YYYY年M月D日')
const quarterStart = (quarter: string) => formatTime(quarterRange(quarter).start, 'YYYY年M月D日')

/** The quarter's span in words: `2026年10月1日—2026年12月31日`. */
export const quarterSpan = (quarter: string) => `${quarterStart(quarter)}—${quarterEnd(quarter)}`

/** One activity as a line of the receipt: date, title, grid, how it was verified, hours. */
export function activityLine(a: OrgReceipt['activities'][number]): string {
  return [
    formatTime(a.at, 'M月D日'),
    a.title,
    a.gridName,
    verificationText(a.verifiedBy),
    a.hours !== undefined ? `${a.hours} 小时` : undefined,
  ]
    .filter(Boolean)
    .join(' · ')
}

/** The picture of a receipt: what to draw, top to bottom, and the height it takes. */
export function receiptLayout(r: OrgReceipt, printedAt: Date = new Date()): { ops: DrawOp[]; height: number } {
  const ops: DrawOp[] = []
  let y = MARGIN + 40
  const xOf = { left: MARGIN, center: RECEIPT_WIDTH / 2, right: RECEIPT_WIDTH - MARGIN }
  const text = (
    value: string,
    size: number,
    extra: { bold?: boolean; align?: 'left' | 'center' | 'right'; color?: string } = {},
  ) => {
    for (const line of wrap(value, size, INNER)) {
      ops.push({ kind: 'text', x: xOf[extra.align ?? 'left'], y, text: line, size, ...extra })
      y += Math.round(size * 1.6)
    }
  }
  const gap = (n: number) => (y += n)
  const rule = () => {
    ops.push({ kind: 'rule', y: y - 12 })
    gap(24)
  }

  text('二维报到回执', 44, { bold: true, align: 'center' })
  text(`${quarterLabel(r.quarter)}（${quarterSpan(r.quarter)}）`, 24, { align: 'center', color: '#666' })
  gap(16)
  rule()
  text(`组织：${r.org.name}`, 28)
  text(`成员：${r.member.name}`, 28)
  gap(8)
  rule()
  text('报到的网格', 30, { bold: true })
  if (r.grids.length === 0) text('还没有到网格报到', 26, { color: '#666' })
  for (const g of r.grids) text(`${g.name} · ${formatTime(g.reportedAt, 'YYYY年M月D日')}报到`, 26)
  gap(8)
  text('参加的活动', 30, { bold: true })
  if (r.activities.length === 0) text('这个季度还没有参加活动', 26, { color: '#666' })
  r.activities.forEach((a, i) => text(`${i + 1}. ${activityLine(a)}`, 26))
  gap(8)
  rule()
  text(
    `合计：签到 ${r.totals.checkIns} 次 · 参加活动 ${r.totals.activities} 场 · 志愿时长 ${r.totals.hours} 小时`,
    28,
    {
      bold: true,
    },
  )
  gap(40)
  const sealY = y + 70
  ops.push({ kind: 'seal', x: RECEIPT_WIDTH - MARGIN - 110, y: sealY, r: 90 })
  text(`${r.org.name}（盖章）`, 26, { align: 'right' })
  gap(60)
  text('书记签字：', 26)
  text('年　　月　　日', 26, { align: 'right' })
  y = Math.max(y, sealY + 110)
  text(`由「二维报到」生成于 ${formatTime(printedAt.toISOString(), 'YYYY年M月D日 HH:mm')}`, 20, { color: '#999' })
  return { ops, height: y + MARGIN }
}

/** The part of a Canvas 2D context the drawing uses (the mini program's and the browser's both have it). */
export interface Canvas2D {
  fillStyle: unknown
  strokeStyle: unknown
  lineWidth: number
  font: string
  textAlign: string
  textBaseline: string
  fillRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  beginPath(): void
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  arc(x: number, y: number, r: number, start: number, end: number): void
  stroke(): void
  setLineDash?(segments: number[]): void
  scale(x: number, y: number): void
}

/** Draws a layout at `scale` device pixels per layout unit, on white. */
export function drawReceipt(ctx: Canvas2D, layout: { ops: DrawOp[]; height: number }, scale: number): void {
  ctx.scale(scale, scale)
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, RECEIPT_WIDTH, layout.height)
  ctx.textBaseline = 'alphabetic'
  for (const op of layout.ops) {
    if (op.kind === 'text') {
      ctx.fillStyle = op.color ?? '#222222'
      ctx.font = `${op.bold ? 'bold ' : ''}${op.size}px sans-serif`
      ctx.textAlign = op.align ?? 'left'
      ctx.fillText(op.text, op.x, op.y)
    } else if (op.kind === 'rule') {
      ctx.strokeStyle = '#dddddd'
      ctx.lineWidth = 2
      ctx.setLineDash?.([])
      ctx.beginPath()
      ctx.moveTo(MARGIN, op.y)
      ctx.lineTo(RECEIPT_WIDTH - MARGIN, op.y)
      ctx.stroke()
    } else {
      ctx.strokeStyle = '#c8161d'
      ctx.lineWidth = 3
      ctx.setLineDash?.([10, 8])
      ctx.beginPath()
      ctx.arc(op.x, op.y, op.r, 0, Math.PI * 2)
      ctx.stroke()
      ctx.setLineDash?.([])
    }
  }
}
