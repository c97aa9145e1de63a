import QRCode from 'qrcode'
import { createWordChecker } from './moderation'
import type { ContentVerdict, Notification, Platform } from './port'

const checkWords = createWordChecker()
/** How many sent messages the long-running local server keeps in memory. */
const KEPT = 1000

/** The local platform, with what it sent kept in memory (newest last) for tests and the dev tools. */
export interface LocalPlatform extends Platform {
  sent: Notification[]
}

/** The local platform: real QR images, and an outbox table instead of subscribe messages. */
export function createLocalPlatform(deps: { outbox?: (message: Notification) => Promise<void> } = {}): LocalPlatform {
  const sent: Notification[] = []
  return {
    sent,
    async codeImage(scene) {
      // Locally the QR carries the bare scene; the H5 scanner and manual entry both accept it.
      return QRCode.toDataURL(scene, { errorCorrectionLevel: 'M', margin: 2, width: 480 })
    },
    async checkText(content): Promise<ContentVerdict> {
      return checkWords(content)
    },
    async notify(message) {
      sent.push(message)
      if (sent.length > KEPT) sent.splice(0, sent.length - KEPT)
      await deps.outbox?.(message)
    },
  }
}
