import QRCode from 'qrcode'
import { createWordChecker } from './moderation'
import type { ContentVerdict, Notification, Platform } from './port'

const checkWords = createWordChecker()

/** The local platform: real QR images, and an outbox table instead of subscribe messages. */
export function createLocalPlatform(deps: { outbox?: (message: Notification) => Promise<void> } = {}): Platform {
  return {
    async codeImage(scene) {
      // Locally the QR carries the bare scene; the H5 scanner and manual entry both accept it.
      return QRCode.toDataURL(scene, { errorCorrectionLevel: 'M', margin: 2, width: 480 })
    },
    async checkText(content): Promise<ContentVerdict> {
      return checkWords(content)
    },
    async notify(message) {
      await deps.outbox?.(message)
    },
  }
}
