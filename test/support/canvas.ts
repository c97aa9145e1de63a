import type { Pen } from '../../src/hours/utils/certificateImage'

/**
 * A canvas stand-in for the certificate drawing (src/hours/utils/certificateImage.ts): jsdom has no 2D
 * context and the weapp simulation has no canvas at all. The pen does what `Pen` asks (plus `scale`, which
 * the page calls for the device's pixel ratio) and keeps every text it is given, in order, so a test can
 * read what the picture says; `measureText` answers 24 px per character.
 */
export interface FakeCanvas {
  /** The texts written on the canvas, in the order they were drawn. */
  drawn: string[]
  pen: Pen & { scale: (x: number, y: number) => void }
  /** A canvas node as WeChat's selector query answers it (`{node}`): sized by the page, with the pen. */
  canvas: { width: number; height: number; getContext: () => FakeCanvas['pen'] }
}

export function fakeCanvas(): FakeCanvas {
  const drawn: string[] = []
  const pen: FakeCanvas['pen'] = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    font: '',
    textAlign: '',
    textBaseline: '',
    fillRect: () => undefined,
    strokeRect: () => undefined,
    fillText: (text: string) => {
      drawn.push(text)
    },
    measureText: (text: string) => ({ width: text.length * 24 }),
    beginPath: () => undefined,
    arc: () => undefined,
    stroke: () => undefined,
    scale: () => undefined,
  }
  return { drawn, pen, canvas: { width: 0, height: 0, getContext: () => pen } }
}
