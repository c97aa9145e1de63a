/** WeChat side effects behind one port: mini-program codes, content checks, subscribe messages. */

export type ContentVerdict = 'pass' | 'review' | 'risky'

export interface Notification {
  openid: string
  /** Our template key; the production adapter maps it to a subscribe-message template id. */
  template: 'summon_reminder' | 'waitlist_promoted' | 'summon_withdrawn' | 'quiet_grid'
  page: string
  /** `thing` values are cut to 20 characters before sending. */
  data: Record<string, string>
}

export interface Platform {
  /** An image of the grid's code: a data URL (PNG) locally, a cloud file id in production. */
  codeImage(scene: string, page: string): Promise<string | undefined>
  checkText(content: string, openid: string): Promise<ContentVerdict>
  notify(message: Notification): Promise<void>
}
