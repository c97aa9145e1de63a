/** WeChat side effects behind one port: mini-program codes, content checks, subscribe messages. */

export type ContentVerdict = 'pass' | 'review' | 'risky'

export interface Notification {
  openid: string
  /** Our template key; the production adapter maps it to a subscribe-message template id. */
  template:
    | 'summon_reminder'
    | 'waitlist_promoted'
    | 'summon_withdrawn'
    | 'quiet_grid'
    | 'grid_summon'
    | 'summon_changed'
    | 'idea_answered'
    | 'idea_reviewed'
  page: string
  /** `thing` values are cut to 20 characters before sending. */
  data: Record<string, string>
}

/** An updatable message's activity (动态消息): the id a shared card carries, valid for 24 hours. */
export interface UpdatableActivity {
  activityId: string
  expiresAt: string
}

/** The state pushed to every card shared with one activity id: 「已报名 memberCount/roomLimit」, or started. */
export interface UpdatableUpdate {
  activityId: string
  /** 0: not started (the card shows the counts); 1: started (the card says so and stops updating). */
  targetState: 0 | 1
  memberCount: number
  roomLimit: number
}

/** A finished export file to store. */
export interface ExportUpload {
  /** The name the user sees (may hold Chinese and spaces); the stored name is random. */
  filename: string
  content: Buffer
}

/** A stored export: a link that downloads it until `expiresAt`; `fileID` on the cloud. */
export interface StoredExport {
  url: string
  expiresAt: string
  fileID?: string
}

/** How long an export's link works. */
export const EXPORT_LINK_SECONDS = 3600

export interface Platform {
  /** An image of the grid's code: a data URL (PNG) locally, a cloud file id in production. */
  codeImage(scene: string, page: string): Promise<string | undefined>
  checkText(content: string, openid: string): Promise<ContentVerdict>
  notify(message: Notification): Promise<void>
  /** `updatableMessage.createActivityId`: a new activity for a card the member is about to share. */
  createActivityId(openid: string, now: Date): Promise<UpdatableActivity>
  /** `updatableMessage.setUpdatableMsg`: updates every card shared with the activity. */
  setUpdatableMsg(update: UpdatableUpdate): Promise<void>
  /**
   * `phonenumber.getPhoneNumber`: the mainland number behind a `getPhoneNumber` button's one-time code
   * (WeChat's fast verification), or null when the code is invalid, used or not a mainland number.
   */
  phoneNumber(code: string): Promise<string | null>
  /**
   * Stores a finished export whole under an unguessable name and answers a link that works for
   * `EXPORT_LINK_SECONDS`: cloud storage (`uploadFile`, then `getTempFileURL`) in production, a file the
   * local server serves locally. Whole or nothing: a failure or a kill leaves no link to a partial file.
   */
  uploadExport(file: ExportUpload, now: Date): Promise<StoredExport>
}
