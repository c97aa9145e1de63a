import { randomBytes } from 'node:crypto'
import QRCode from 'qrcode'
import { defaultExportsDir, writeExportFile } from './exportFiles'
import { createWordChecker } from './moderation'
import type { ContentVerdict, Notification, Platform, UpdatableActivity, UpdatableUpdate } from './port'
import { MOBILE } from '../../types/rules'

const checkWords = createWordChecker()
/** How many sent messages the long-running local server keeps in memory. */
const KEPT = 1000

/** The local platform, with what it sent kept in memory (newest last) for tests and the dev tools. */
export interface LocalPlatform extends Platform {
  sent: Notification[]
  /** Every `setUpdatableMsg`, oldest first. */
  updates: UpdatableUpdate[]
  /** Every activity id made, oldest first. */
  activities: UpdatableActivity[]
  /** Where exports are written. */
  exportsDir: string
}

/** An updatable message's activity lives this long (WeChat: 24 hours). */
export const ACTIVITY_HOURS = 24

/** The local platform: real QR images, and an outbox table instead of subscribe messages. */
export function createLocalPlatform(
  deps: {
    outbox?: (message: Notification) => Promise<void>
    /** Where exports are written (the local server serves them from there). */
    exportsDir?: string
  } = {},
): LocalPlatform {
  const exportsDir = deps.exportsDir ?? defaultExportsDir()
  const sent: Notification[] = []
  const updates: UpdatableUpdate[] = []
  const activities: UpdatableActivity[] = []
  const keep = <T>(list: T[], item: T) => {
    list.push(item)
    if (list.length > KEPT) list.splice(0, list.length - KEPT)
  }
  return {
    sent,
    updates,
    activities,
    exportsDir,
    async codeImage(scene) {
      // Locally the QR carries the bare scene; the H5 scanner and manual entry both accept it.
      return QRCode.toDataURL(scene, { errorCorrectionLevel: 'M', margin: 2, width: 480 })
    },
    async checkText(content): Promise<ContentVerdict> {
      return checkWords(content)
    },
    async notify(message) {
      keep(sent, message)
      await deps.outbox?.(message)
    },
    async createActivityId(_openid, now) {
      const activity = {
        activityId: `local-${randomBytes(8).toString('hex')}`,
        expiresAt: new Date(now.getTime() + ACTIVITY_HOURS * 3600_000).toISOString(),
      }
      keep(activities, activity)
      return activity
    },
    async setUpdatableMsg(update) {
      keep(updates, { ...update })
    },
    async uploadExport(file, now) {
      return writeExportFile(exportsDir, file, now)
    },
    async phoneNumber(code) {
      // No WeChat locally: a code `local-phone:<number>` stands for the button's answer (tests and demos).
      const number = /^local-phone:(\d+)$/.exec(code)?.[1]
      return number && MOBILE.test(number) ? number : null
    },
  }
}
