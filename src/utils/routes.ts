/**
 * 选择身份: a page of the H5 build only (the mini program's identity is the WeChat OPENID); the weapp
 * ships no such page, so only H5-guarded code may refer to it (check-weapp asserts no weapp file does).
 */
export const LOGIN_ROUTE = '/pages/login/index'

/** Page paths, in one place. */
export const ROUTES = {
  profile: '/pages/profile/index',
  /** The invite page without a code: the member types the one they were sent. */
  enterInvite: '/pages/invite/index',
  me: '/pages/me/index',
  summons: '/pages/summons/index',
  grids: '/pages/grids/index',
  grid: (id: string) => `/pages/grid/index?id=${encodeURIComponent(id)}`,
  invite: (code: string) => `/pages/invite/index?code=${encodeURIComponent(code)}`,
  gridCreate: '/admin/pages/grid-create/index',
  overview: '/admin/pages/overview/index',
  gridManage: (id: string) => `/admin/pages/grid-manage/index?id=${encodeURIComponent(id)}`,
  org: '/pages/org/index',
  /** 我的组织 opened by an organisation's poster code: the organisation, to ask to join. */
  orgFromCode: (orgId: string) => `/pages/org/index?orgId=${encodeURIComponent(orgId)}`,
  /** 我的组织 opened by a member invite (its link or QR): joins at once. */
  orgInvite: (code: string) => `/pages/org/index?invite=${encodeURIComponent(code)}`,
  orgPoster: (orgId: string) => `/org/pages/poster/index?orgId=${encodeURIComponent(orgId)}`,
  orgMembers: (orgId: string) => `/org/pages/members/index?orgId=${encodeURIComponent(orgId)}`,
  orgReceipt: (orgId: string, openid?: string) =>
    `/org/pages/receipt/index?orgId=${encodeURIComponent(orgId)}${openid ? `&openid=${encodeURIComponent(openid)}` : ''}`,
  checkin: '/pages/checkin/index',
  checkins: '/pages/checkins/index',
  poster: (gridId: string) => `/leader/pages/poster/index?gridId=${encodeURIComponent(gridId)}`,
  liveCode: (summonId: string, phase?: 'in' | 'out') =>
    `/leader/pages/live-code/index?summonId=${encodeURIComponent(summonId)}${phase === 'out' ? '&phase=out' : ''}`,
  /** 志愿时长 (issue 15): the member's hours of a year, the certificate, and its public check. */
  hoursMine: '/hours/pages/mine/index',
  certificate: (year?: number) => `/hours/pages/certificate/index${year ? `?year=${year}` : ''}`,
  verify: (number?: string) => `/hours/pages/verify/index${number ? `?number=${encodeURIComponent(number)}` : ''}`,
  /** Admins: every 补录 (make-up) of volunteer hours. */
  hoursAudit: '/admin/pages/hours-audit/index',
}

/** The verify page without a leading slash, as a mini program path. */
export const verifyPath = (number: string) => `hours/pages/verify/index?number=${encodeURIComponent(number)}`

/**
 * What a certificate's QR code holds: in H5 an absolute link to the verify page; in the mini program the
 * in-app path (the 扫码报到 scanner opens it; the number is printed beside it for anyone to type).
 */
export function verifyLink(number: string): string {
  if (process.env.TARO_ENV === 'weapp') return verifyPath(number)
  const { origin, pathname } = window.location
  return `${origin}${pathname}#/${verifyPath(number)}`
}

/** The certificate number in a scanned verify link or path, or null when the text is none. */
export function verifyNumberIn(text: string): string | null {
  const hit = /(?:^|[/#])hours\/pages\/verify\/index\?(?:.*&)?number=([^&#\s]+)/.exec(text.trim())
  if (!hit) return null
  try {
    return decodeURIComponent(hit[1])
  } catch {
    return hit[1]
  }
}

/** The invite page without a leading slash, as a mini program path. */
export const invitePath = (code: string) => `pages/invite/index?code=${encodeURIComponent(code)}`

/** The invite code in a scanned or pasted invite link or path, or null when the text is no invite. */
export function inviteCodeIn(text: string): string | null {
  const hit = /(?:^|[/#])pages\/invite\/index\?(?:.*&)?code=([^&#\s]+)/.exec(text.trim())
  if (!hit) return null
  try {
    return decodeURIComponent(hit[1])
  } catch {
    return hit[1]
  }
}

/**
 * The invite as something that opens it: in H5 an absolute link to this app's invite page (the hash
 * router's `#/pages/invite/index?code=…`); in the mini program the in-app path (its QR is drawn from it).
 */
export function inviteLink(code: string): string {
  if (process.env.TARO_ENV === 'weapp') return invitePath(code)
  const { origin, pathname } = window.location
  return `${origin}${pathname}#/${invitePath(code)}`
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
/** 我的组织's path and its invite query, as a pattern (the path comes from ROUTES, wherever the page lives). */
const ORG_INVITE = new RegExp(`(?:^|[/#])${escaped(ROUTES.org.slice(1))}\\?(?:.*&)?invite=([^&#\\s]+)`)

/** The member invite in a scanned or pasted organisation invite link or path, or null. */
export function orgInviteCodeIn(text: string): string | null {
  const hit = ORG_INVITE.exec(text.trim())
  if (!hit) return null
  try {
    return decodeURIComponent(hit[1])
  } catch {
    return hit[1]
  }
}

/**
 * An organisation's member invite as something that opens it: in H5 an absolute link to 我的组织 with the
 * code; in the mini program the in-app path (its QR is read by the in-app scanner).
 */
export function orgInviteLink(code: string): string {
  const path = ROUTES.orgInvite(code).slice(1)
  if (process.env.TARO_ENV === 'weapp') return path
  const { origin, pathname } = window.location
  return `${origin}${pathname}#/${path}`
}

/**
 * An organisation's poster code in H5: an absolute link to the check-in page with the scene, as the mini
 * program code opens `pages/checkin/index?scene=…` (the check-in page reads it and opens the organisation).
 */
export function sceneLink(scene: string, page: string): string {
  const { origin, pathname } = window.location
  return `${origin}${pathname}#/${page}?scene=${encodeURIComponent(scene)}`
}
