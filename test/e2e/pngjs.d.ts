/** The part of pngjs (already installed, through qrcode) the journeys use: decoding a screenshot. */
declare module 'pngjs' {
  export const PNG: {
    sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } }
  }
}
