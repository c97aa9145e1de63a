/**
 * The production platform adapter: mini-program codes, content checks and subscribe messages through
 * `wx-server-sdk`'s OpenAPI (each function lists the APIs it calls in its config.json).
 */
import { randomBytes } from 'node:crypto'
import type { PosterCodeStore } from '../store/port'
import { verdictOfMsgSecCheck, type MsgSecCheckResponse } from './moderation'
import { EXPORT_LINK_SECONDS, type Notification, type Platform } from './port'

/** The part of `wx-server-sdk` the adapter uses. */
export interface WxCloudSdk {
  openapi: {
    wxacode: { getUnlimited(options: Record<string, unknown>): Promise<{ buffer: Buffer; errCode?: number }> }
    security: { msgSecCheck(options: Record<string, unknown>): Promise<MsgSecCheckResponse> }
    subscribeMessage: { send(options: Record<string, unknown>): Promise<{ errCode?: number }> }
    phonenumber: {
      getPhoneNumber(options: Record<string, unknown>): Promise<{
        phoneInfo?: { phoneNumber?: string; purePhoneNumber?: string; countryCode?: string }
      }>
    }
    updatableMessage: {
      createActivityId(options: Record<string, unknown>): Promise<{ activityId: string; expirationTime: number }>
      setUpdatableMsg(options: Record<string, unknown>): Promise<{ errCode?: number }>
    }
  }
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  /** Server SDK: `maxAge` (seconds) sets how long each link works. */
  getTempFileURL(options: { fileList: { fileID: string; maxAge: number }[] }): Promise<{
    fileList: { fileID: string; tempFileURL: string; status: number; errMsg?: string }[]
  }>
}

export interface WechatPlatformConfig {
  /** Our template keys → subscribe-message template ids (from the function's environment). */
  templates: Partial<Record<Notification['template'], string>>
  /** `release` in production; `trial` or `develop` to send to those versions. */
  envVersion: 'release' | 'trial' | 'develop'
}

/**
 * The platform over `wx-server-sdk`; rendered poster codes are cached through the storage port's `codes`,
 * so this adapter never touches the database itself.
 */
export function createWechatPlatform(
  sdk: WxCloudSdk,
  codes: PosterCodeStore,
  config: WechatPlatformConfig,
  now: () => Date = () => new Date(),
): Platform {
  return {
    /** Poster codes are made once per scene, uploaded to cloud storage and cached by scene. */
    async codeImage(scene, page) {
      const cached = await codes.get(scene)
      if (cached) return cached.fileID
      const code = await sdk.openapi.wxacode.getUnlimited({
        scene,
        page,
        checkPath: false,
        envVersion: config.envVersion,
        width: 430,
      })
      const { fileID } = await sdk.uploadFile({ cloudPath: `poster-codes/${scene}.png`, fileContent: code.buffer })
      await codes.save(scene, { fileID, page }, now())
      return fileID
    },
    async checkText(content, openid) {
      try {
        return verdictOfMsgSecCheck(await sdk.openapi.security.msgSecCheck({ openid, scene: 2, version: 2, content }))
      } catch {
        return 'review' // The check did not answer: hold the text for a person rather than publish it.
      }
    },
    async notify(message) {
      const templateId = config.templates[message.template]
      if (!templateId) return
      const data = Object.fromEntries(Object.entries(message.data).map(([k, value]) => [k, { value }]))
      try {
        await sdk.openapi.subscribeMessage.send({
          touser: message.openid,
          templateId,
          page: message.page,
          data,
          miniprogramState:
            config.envVersion === 'release' ? 'formal' : config.envVersion === 'trial' ? 'trial' : 'developer',
        })
      } catch {
        // One-time subscriptions: a member who did not accept (or used it up) cannot be sent to. Not an error.
      }
    },
    async createActivityId(openid) {
      const answer = await sdk.openapi.updatableMessage.createActivityId({ openid })
      // `expirationTime` is in seconds since the epoch.
      return { activityId: answer.activityId, expiresAt: new Date(answer.expirationTime * 1000).toISOString() }
    },
    /**
     * The export goes up whole (`uploadFile` takes the buffer in one request) under a random folder, and
     * only then is a link made for it: an instance killed before the link leaves a file no one can name.
     * Exports older than their link are left to a storage lifecycle rule on `exports/` (README).
     */
    async uploadExport(file, at) {
      const cloudPath = `exports/${randomBytes(16).toString('hex')}/${file.filename.replace(/[\\/:*?"<>|\s]+/g, '_')}`
      const { fileID } = await sdk.uploadFile({ cloudPath, fileContent: file.content })
      const { fileList } = await sdk.getTempFileURL({ fileList: [{ fileID, maxAge: EXPORT_LINK_SECONDS }] })
      const link = fileList[0]
      if (!link || link.status !== 0 || !link.tempFileURL)
        throw new Error(`getTempFileURL: ${link?.errMsg ?? 'no link'}`)
      return {
        url: link.tempFileURL,
        expiresAt: new Date(at.getTime() + EXPORT_LINK_SECONDS * 1000).toISOString(),
        fileID,
      }
    },
    async phoneNumber(code) {
      try {
        const { phoneInfo } = await sdk.openapi.phonenumber.getPhoneNumber({ code })
        if (!phoneInfo?.purePhoneNumber || (phoneInfo.countryCode && phoneInfo.countryCode !== '86')) return null
        return phoneInfo.purePhoneNumber
      } catch {
        return null // An invalid or used code (each lasts 5 minutes and works once).
      }
    },
    async setUpdatableMsg(update) {
      try {
        await sdk.openapi.updatableMessage.setUpdatableMsg({
          activityId: update.activityId,
          targetState: update.targetState,
          templateInfo: {
            parameterList: [
              { name: 'member_count', value: String(update.memberCount) },
              { name: 'room_limit', value: String(update.roomLimit) },
            ],
          },
        })
      } catch {
        // An expired activity can no longer be updated; the cards keep their last state. Not an error.
      }
    },
  }
}
