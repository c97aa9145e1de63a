/**
 * 选择身份: a page of the H5 build only (the mini program's identity is the WeChat OPENID); the weapp
 * ships no such page, so only H5-guarded code may refer to it (check-weapp asserts no weapp file does).
 */
export const LOGIN_ROUTE = '/pages/login/index'

/**
 * Every page of the mini program as WeChat names it (no leading slash, no query): the one table of page
 * paths for the pages and for the cloud (subscription messages, share cards and mini program codes open
 * these). The four tabs are in the main package; every other page is in a subpackage (`member/` for the
 * member's own pages, `leader/`, `admin/`, `org/`), so the main package stays small.
 */
export const PAGES = {
  summons: 'pages/summons/index',
  checkin: 'pages/checkin/index',
  plans: 'pages/plans/index',
  me: 'pages/me/index',
  summon: 'member/pages/summon/index',
  plan: 'member/pages/plan/index',
  profile: 'member/pages/profile/index',
  grids: 'member/pages/grids/index',
  grid: 'member/pages/grid/index',
  invite: 'member/pages/invite/index',
  checkins: 'member/pages/checkins/index',
  org: 'member/pages/org/index',
  gridCreate: 'admin/pages/grid-create/index',
  overview: 'admin/pages/overview/index',
  gridManage: 'admin/pages/grid-manage/index',
  orgMembers: 'org/pages/members/index',
  orgReceipt: 'org/pages/receipt/index',
  orgPoster: 'org/pages/poster/index',
  poster: 'leader/pages/poster/index',
  gridPeople: 'leader/pages/grid-people/index',
  liveCode: 'leader/pages/live-code/index',
  summonPublish: 'leader/pages/summon-publish/index',
  roster: 'leader/pages/roster/index',
  planEdit: 'leader/pages/plan-edit/index',
  hoursMine: 'hours/pages/mine/index',
  certificate: 'hours/pages/certificate/index',
  verify: 'hours/pages/verify/index',
  hoursAudit: 'admin/pages/hours-audit/index',
  notFound: 'more/pages/not-found/index',
} as const

/**
 * Where the member pages lived before they moved to the `member` subpackage: invite links and codes
 * printed or shared before the move still name these, so scanned text is parsed with both.
 */
const OLD_INVITE_PAGE = 'pages/invite/index'

const q = encodeURIComponent

/** The member pages that moved from the main package to the `member` subpackage (issue 13). */
const MOVED_TO_MEMBER = ['summon', 'plan', 'profile', 'grids', 'grid', 'invite', 'checkins', 'org']

/**
 * Where a page that is not found now lives, for paths from before the move (a notification, a shared
 * card or a code that still opens `pages/summon/index`); null when the path is no moved page.
 */
export function movedPageOf(path: string): string | null {
  const hit = /^\/?pages\/([a-z-]+)\/index$/.exec(path)
  return hit && MOVED_TO_MEMBER.includes(hit[1]) ? `member/pages/${hit[1]}/index` : null
}

/** Page paths for navigation (leading slash, with the query each page reads), in one place. */
export const ROUTES = {
  profile: `/${PAGES.profile}`,
  /** The invite page without a code: the member types the one they were sent. */
  enterInvite: `/${PAGES.invite}`,
  me: `/${PAGES.me}`,
  summons: `/${PAGES.summons}`,
  plans: `/${PAGES.plans}`,
  grids: `/${PAGES.grids}`,
  grid: (id: string) => `/${PAGES.grid}?id=${q(id)}`,
  invite: (code: string) => `/${PAGES.invite}?code=${q(code)}`,
  summon: (id: string) => `/${PAGES.summon}?id=${q(id)}`,
  plan: (id: string) => `/${PAGES.plan}?id=${q(id)}`,
  gridCreate: `/${PAGES.gridCreate}`,
  overview: `/${PAGES.overview}`,
  gridManage: (id: string) => `/${PAGES.gridManage}?id=${q(id)}`,
  org: `/${PAGES.org}`,
  /** 我的组织 opened by an organisation's poster code: the organisation, to ask to join. */
  orgFromCode: (orgId: string) => `/${PAGES.org}?orgId=${q(orgId)}`,
  /** 我的组织 opened by a member invite (its link or QR): joins at once. */
  orgInvite: (code: string) => `/${PAGES.org}?invite=${q(code)}`,
  orgPoster: (orgId: string) => `/${PAGES.orgPoster}?orgId=${q(orgId)}`,
  orgMembers: (orgId: string) => `/${PAGES.orgMembers}?orgId=${q(orgId)}`,
  orgReceipt: (orgId: string, openid?: string) =>
    `/${PAGES.orgReceipt}?orgId=${q(orgId)}${openid ? `&openid=${q(openid)}` : ''}`,
  checkin: `/${PAGES.checkin}`,
  checkins: `/${PAGES.checkins}`,
  poster: (gridId: string) => `/${PAGES.poster}?gridId=${q(gridId)}`,
  /** A grid's members and check-in history, for its leaders. */
  gridPeople: (gridId: string) => `/${PAGES.gridPeople}?gridId=${q(gridId)}`,
  /** Where an unknown address lands (the app's onPageNotFound). */
  notFound: (path: string) => `/${PAGES.notFound}?path=${q(path)}`,
  liveCode: (summonId: string, phase?: 'in' | 'out') =>
    `/${PAGES.liveCode}?summonId=${q(summonId)}${phase === 'out' ? '&phase=out' : ''}`,
  summonPublish: `/${PAGES.summonPublish}`,
  /** The summon publish page, prefilled to carry out a finalized plan. */
  summonFromPlan: (plan: { id: string; gridId: string; title: string }) =>
    `/${PAGES.summonPublish}?planId=${q(plan.id)}&gridId=${q(plan.gridId)}&title=${q(plan.title)}`,
  roster: (id: string) => `/${PAGES.roster}?id=${q(id)}`,
  planPublish: (gridId?: string) => `/${PAGES.planEdit}${gridId ? `?gridId=${q(gridId)}` : ''}`,
  planEdit: (id: string) => `/${PAGES.planEdit}?id=${q(id)}`,
  /** 志愿时长 (issue 15): the member's hours of a year, the certificate, and its public check. */
  hoursMine: `/${PAGES.hoursMine}`,
  certificate: (year?: number) => `/${PAGES.certificate}${year ? `?year=${year}` : ''}`,
  verify: (number?: string) => `/${PAGES.verify}${number ? `?number=${q(number)}` : ''}`,
  /** Admins: every 补录 (make-up) of volunteer hours. */
  hoursAudit: `/${PAGES.hoursAudit}`,
}

/** The verify page without a leading slash, as a mini program path. */
export const verifyPath = (number: string) => `${PAGES.verify}?number=${q(number)}`

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
export const invitePath = (code: string) => `${PAGES.invite}?code=${q(code)}`

/** `a/b/c` as a regular expression source matching it literally. */
const literal = (path: string) => path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/** The invite page under its path today or before the move to the member subpackage. */
const INVITE_IN_TEXT = new RegExp(
  `(?:^|[/#])(?:${literal(PAGES.invite)}|${literal(OLD_INVITE_PAGE)})\\?(?:.*&)?code=([^&#\\s]+)`,
)

/** The invite code in a scanned or pasted invite link or path, or null when the text is no invite. */
export function inviteCodeIn(text: string): string | null {
  // The scene of an invite's mini-program code (`I.<code>`), as the local server draws it in a plain QR.
  const scene = /^I\.([0-9a-z]{6,32})$/.exec(text.trim())
  if (scene) return scene[1]
  const hit = INVITE_IN_TEXT.exec(text.trim())
  if (!hit) return null
  try {
    return decodeURIComponent(hit[1])
  } catch {
    return hit[1]
  }
}

/**
 * The invite as something that opens it: in H5 an absolute link to this app's invite page (the hash
 * router's `#/member/pages/invite/index?code=…`); in the mini program the in-app path (its QR is drawn from it).
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
