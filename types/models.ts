/** Domain models shared by the mini program and the cloud functions. Types only. */

export type Id = string
/** ISO-8601 timestamp; the server always answers in UTC with a trailing `Z`. */
export type IsoTime = string

export interface Page<T> {
  items: T[]
  nextCursor?: string
}

// ---------- account ----------

export type Affiliation = 'league' | 'social' | 'none'

export interface Profile {
  name: string
  phone?: string
  org?: string
  affiliation: Affiliation
  /**
   * Beyond v2: the member said they are under 14. A minor's profile holds no phone and their check-ins no
   * location, and it exists only with a guardian's consent (PIPL art. 31).
   */
  minor?: boolean
  /** Beyond v2, for a minor: the guardian who consented and when. */
  guardian?: GuardianConsent
  /** Beyond v2: when the member agreed to give the phone number for contact (PIPL art. 29–30). */
  phoneConsentAt?: string
}

export interface GuardianConsent {
  /** The guardian's name, 1–20 characters. */
  name: string
  consentAt: string
}

export interface GridRef {
  id: Id
  name: string
}

export interface Roles {
  admin: boolean
  leaderOf: Id[]
  /** The organisations the member is a secretary of. */
  secretaryOf: Id[]
}

export interface Me {
  openid: string
  profile: Profile | null
  roles: Roles
  /** Grids the member belongs to (reported to). */
  grids: GridRef[]
  /** Beyond v1: the grids the member leads, with their names. */
  leading: GridRef[]
  /** The member's registered organisation (one at a time), or null. */
  org: MyOrg | null
}

// ---------- organisations ----------

export type OrgKind = 'committee' | 'branch' | 'company' | 'social'

/** `pending`: a join request waiting for a secretary. */
export type OrgMemberStatus = 'member' | 'pending'

export interface MyOrg {
  id: Id
  name: string
  status: OrgMemberStatus
}

export interface OrgSummary {
  id: Id
  name: string
  kind: OrgKind
  townId?: Id
  parentId?: Id
  memberCount: number
}

export interface OrgPendingRequest {
  openid: string
  name: string
  requestedAt: IsoTime
}

export interface OrgDetail extends OrgSummary {
  secretaries: { name: string }[]
  isMember: boolean
  isSecretary: boolean
  /** For the organisation's secretaries: join requests waiting, oldest first. */
  pending?: OrgPendingRequest[]
}

/** A quarter of the calendar in Beijing time, e.g. `2026Q4`. */
export type Quarter = string

export type OrgMemberFilter = 'all' | 'unreported' | 'inactive'

export interface OrgMemberRow {
  openid: string
  name: string
  grids: GridRef[]
  /** Check-ins credited to the organisation in the quarter (grid posters and activities). */
  checkIns: number
  /** Activities (summons) attended in the quarter. */
  attended: number
  hours: number
  lastActivityAt?: IsoTime
}

export interface OrgReceipt {
  org: { id: Id; name: string }
  member: { name: string }
  quarter: Quarter
  grids: { id: Id; name: string; reportedAt: IsoTime }[]
  activities: {
    summonId: Id
    title: string
    gridName?: string
    at: IsoTime
    verifiedBy: Verification[]
    hours?: number
  }[]
  totals: { checkIns: number; activities: number; hours: number }
}

export interface OrgStatsItem {
  orgId: Id
  name: string
  kind: OrgKind
  townId?: Id
  members: number
  /** Members who belong to at least one grid. */
  reported: number
  /** reported ÷ members; null without members. */
  reportRate: number | null
  /** Members with at least one attendance credited to the organisation in the quarter. */
  participated: number
  participationRate: number | null
  checkIns: number
  hours: number
}

// ---------- grids ----------

export interface Town {
  id: Id
  name: string
  gridCount: number
}

export type GridKind = 'community' | 'building' | 'park' | 'rural' | 'circle'

export interface GridBase {
  address: string
  /** The base's point in GCJ-02 (the system of WeChat's maps), as every coordinate here. */
  lat?: number
  lng?: number
  /** Check-in radius in metres (50–3000). */
  radiusM?: number
}

export type OnlineKind = 'wechat_group' | 'qq_group' | 'weibo' | 'website' | 'official_account' | 'other'

export interface OnlineBase {
  kind: OnlineKind
  value: string
}

export interface GridProject {
  name: string
  summary: string
}

/** The "四个一": one leader, one physical base, one online base, one project. */
export interface FourOnes {
  leader: boolean
  physicalBase: boolean
  onlineBase: boolean
  project: boolean
}

export interface GridSummary {
  id: Id
  name: string
  townId: Id
  kind: GridKind
  memberCount: number
  fourOnes: FourOnes
}

export interface Grid extends GridSummary {
  townName: string
  base: GridBase
  online: OnlineBase[]
  project: GridProject | null
  requireLocation: boolean
  leaders: { name: string }[]
  /** Whether the caller is a member of / a leader of this grid (an admin is a leader only where invited). */
  isMember: boolean
  isLeader: boolean
  /** Whether the caller may manage this grid: one of its leaders, or a district admin. */
  canManage: boolean
  createdAt: IsoTime
}

// ---------- check-in ----------

export type CheckInMethod = 'poster' | 'live'
/** How a check-in was verified: the code it came from, plus location when the grid requires it. */
export type Verification = 'poster' | 'live' | 'location'

/**
 * A position in GCJ-02: the mini program asks WeChat for it directly; the H5 app converts the browser's
 * WGS-84 reading (src/services/location.ts). Check-ins store and compare GCJ-02 only.
 */
export interface GeoPoint {
  lat: number
  lng: number
  /** Reported accuracy in metres. */
  accuracy: number
}

export interface CheckIn {
  id: Id
  /** null for a district-wide summon (no grid). */
  gridId: Id | null
  summonId?: Id
  method: CheckInMethod
  verifiedBy: Verification[]
  at: IsoTime
  /** The member's organisation at the time of the scan (credited with the attendance); absent without one. */
  orgId?: Id
}

export interface CheckInRecord extends CheckIn {
  gridName: string
  summonTitle?: string
}

// ---------- summons ----------

export type SummonState = 'open' | 'full' | 'closed' | 'live' | 'ended' | 'withdrawn'
export type SignUpStatus = 'confirmed' | 'waitlisted' | 'cancelled'

export interface Summon {
  id: Id
  gridId: Id | null
  gridName: string
  /** The organisation whose 二维召集令 this is (published by its secretary). */
  orgId?: Id
  orgName?: string
  title: string
  body: string
  place: string
  startAt: IsoTime
  endAt: IsoTime
  signUpDeadline: IsoTime | null
  capacity: number | null
  tags: string[]
  hours: number
  state: SummonState
  withdrawReason?: string
  planId?: Id
  createdAt: IsoTime
}

export interface SummonCounts {
  confirmed: number
  waitlisted: number
  /** Signed-up members who checked in. */
  attended: number
  /** Members who checked in with the live code without a confirmed place, counted apart from `attended`. */
  walkins: number
}

export interface MySignUp {
  status: SignUpStatus
  position?: number
  attendedAt?: IsoTime
}

export interface SummonDetail extends Summon {
  counts: SummonCounts
  /** For a summon carrying out a plan: the members whose ideas were adopted. */
  credits?: { name: string }[]
  /** For a summon carrying out a plan: that plan, to link back to. */
  plan?: { id: Id; title: string }
  mine?: MySignUp
  /** The caller may manage it (leader of its grid, or admin). */
  canManage: boolean
}

export interface SummonListItem {
  id: Id
  title: string
  /** The grid, or null for a district-wide summon (the client never guesses it from the name). */
  gridId: Id | null
  gridName: string
  orgName?: string
  place: string
  startAt: IsoTime
  endAt: IsoTime
  capacity: number | null
  confirmed: number
  waitlisted: number
  state: SummonState
  mine?: SignUpStatus
}

/** A roster row: a sign-up, or a walk-in (checked in with the live code without a confirmed place). */
export type RosterStatus = SignUpStatus | 'walkin'

export interface RosterEntry {
  openid: string
  name: string
  status: RosterStatus
  position?: number
  /** For a walk-in: their first live check-in. */
  attendedAt?: IsoTime
  /** Absent for a walk-in, who never signed up. */
  signedUpAt?: IsoTime
}

// ---------- plans ----------

export type PlanState = 'collecting' | 'finalized' | 'closed'
export type Decision = 'adopted' | 'partial' | 'declined'
export type IdeaStatus = 'visible' | 'pending_review' | 'rejected'

export interface Plan {
  id: Id
  gridId: Id
  gridName: string
  title: string
  draft: string
  ideasUntil: IsoTime | null
  state: PlanState
  /** Each edit of the draft makes a new version; earlier ones stay readable. */
  version: number
  finalizedAt: IsoTime | null
  createdAt: IsoTime
}

export interface PlanVersion {
  version: number
  title: string
  draft: string
  savedAt: IsoTime
}

export interface PlanListItem {
  id: Id
  title: string
  gridName: string
  ideaCount: number
  adoptedCount: number
  state: PlanState
}

export interface Idea {
  id: Id
  planId: Id
  author: { name: string }
  content: string
  likes: number
  likedByMe: boolean
  status: IdeaStatus
  decision?: Decision
  reply?: string
  decidedAt?: IsoTime
  /** The caller wrote it. */
  mine: boolean
  at: IsoTime
}

export interface PlanDetail extends Plan {
  ideas: Idea[]
  canManage: boolean
  /** Earlier versions of the draft, newest first (the current one is the plan itself). */
  versions: PlanVersion[]
  /** For leaders: ideas waiting for a review or a decision. */
  awaiting: number
  /**
   * The plan's 建议: its public ideas (status `visible`; held for review or rejected ones do not count) and of
   * those the ones adopted in full or in part — the same numbers as the plan list. On the first page only.
   */
  ideaCount?: number
  adoptedCount?: number
  /** For a finalized plan: the summons published from it, oldest first. */
  summons?: { id: Id; title: string }[]
  /** The ideas come a page at a time: pass this as `cursor` for the next page. */
  nextCursor?: string
}

/** A leader invite as its page shows it: `open` may be accepted; the others say why not. */
export interface InviteInfo {
  gridId: Id
  gridName: string
  /** The inviter's name from their profile (区团委 when they have none). */
  invitedBy: string
  expiresAt: IsoTime
  state: 'open' | 'used' | 'expired'
  /** Whether the caller is the one who used it (then opening the grid is all that is left). */
  usedByYou: boolean
}

// ---------- stats ----------

export interface GridStats {
  gridId: Id
  name: string
  townId: Id
  fourOnes: FourOnes
  members: number
  checkIns30d: number
  summons30d: number
  /** confirmed ÷ capacity over summons with a capacity; null when there are none. */
  fillRate: number | null
  /** attended ÷ confirmed over ended summons; null when there are none. */
  attendanceRate: number | null
  /** 1 − attendanceRate; null likewise. */
  noShowRate: number | null
  ideas: number
  /** (adopted + partial) ÷ decided ideas; null when none is decided. */
  adoptionRate: number | null
  lastActivityAt: IsoTime | null
  /** No activity in the last 30 days. */
  quiet: boolean
  /** The assessment score (0–100) with the weights the overview states. */
  score: number
}

/** One week of check-ins (weeks start on Monday, Beijing time). */
export interface WeekCount {
  weekStart: string
  total: number
  byTown: Record<Id, number>
}

/** What each part of the assessment score weighs; they add up to 100. */
export interface ScoreWeights {
  fourOnes: number
  activity: number
  fillRate: number
  attendanceRate: number
  adoptionRate: number
}

export interface StatsTotals {
  grids: number
  members: number
  checkIns30d: number
  summons30d: number
  ideas: number
  fourOnesComplete: number
  quiet: number
}

export type ExportKind = 'grids' | 'checkins' | 'signups'

// ---------- following a grid (beyond v2) ----------

/**
 * How followers are told of a grid's new summons: `long_term` subscriptions (open to 政务民生 accounts such
 * as a district League committee's) reach every follower; `one_time` ones reach a follower only while one
 * accepted prompt is banked (one per tap), and each message spends one.
 */
export type FollowMode = 'long_term' | 'one_time'

/** Whether a member follows a grid (关注网格动态) and whether the next summon will reach their phone. */
export interface FollowState {
  gridId: Id
  following: boolean
  mode: FollowMode
  /** One-time subscriptions accepted and not yet spent (`long_term` mode needs none). */
  banked: number
  /** Following, and either long-term subscriptions or at least one banked. */
  willBeTold: boolean
}

// ---------- updatable share cards (beyond v2) ----------

/**
 * What the summon page hands `Taro.updateShareMenu({ isUpdatableMessage: true, activityId, templateInfo })`:
 * the card shows 「已报名 memberCount/roomLimit」 and is kept up to date by the functions.
 */
export interface ShareCard {
  activityId: string
  /** The activity lasts 24 hours; `summons.shareCard` renews it before then. */
  expiresAt: IsoTime
  memberCount: number
  roomLimit: number
  /** 1 once the summon has started. */
  targetState: 0 | 1
}
