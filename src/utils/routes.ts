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
  orgMembers: (orgId: string) => `/org/pages/members/index?orgId=${encodeURIComponent(orgId)}`,
  orgReceipt: (orgId: string, openid?: string) =>
    `/org/pages/receipt/index?orgId=${encodeURIComponent(orgId)}${openid ? `&openid=${encodeURIComponent(openid)}` : ''}`,
  checkin: '/pages/checkin/index',
  checkins: '/pages/checkins/index',
  poster: (gridId: string) => `/leader/pages/poster/index?gridId=${encodeURIComponent(gridId)}`,
  /** Where an unknown address lands (the app's onPageNotFound). */
  notFound: (path: string) => `/more/pages/not-found/index?path=${encodeURIComponent(path)}`,
  liveCode: (summonId: string) => `/leader/pages/live-code/index?summonId=${encodeURIComponent(summonId)}`,
}

/** The invite page without a leading slash, as a mini program path. */
export const invitePath = (code: string) => `pages/invite/index?code=${encodeURIComponent(code)}`

/** The invite code in a scanned or pasted invite link or path, or null when the text is no invite. */
export function inviteCodeIn(text: string): string | null {
  // The scene of an invite's mini-program code (`I.<code>`), as the local server draws it in a plain QR.
  const scene = /^I\.([0-9a-z]{6,32})$/.exec(text.trim())
  if (scene) return scene[1]
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
