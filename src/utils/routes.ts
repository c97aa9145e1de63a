/**
 * 选择身份: a page of the H5 build only (the mini program's identity is the WeChat OPENID); the weapp
 * ships no such page, so only H5-guarded code may refer to it (check-weapp asserts no weapp file does).
 */
export const LOGIN_ROUTE = '/pages/login/index'

/** Page paths, in one place. */
export const ROUTES = {
  profile: '/pages/profile/index',
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
  liveCode: (summonId: string) => `/leader/pages/live-code/index?summonId=${encodeURIComponent(summonId)}`,
}

/** The invite page without a leading slash, as a mini program path to paste into a chat. */
export const invitePath = (code: string) => `pages/invite/index?code=${encodeURIComponent(code)}`
