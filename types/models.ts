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
  /** The organisation's assessment score, 0–100, from its rates and `ORG_SCORE_WEIGHTS` (beyond the table). */
  score: number
}

/** What an organisation's assessment score weighs (they add up to 100). */
export interface OrgScoreWeights {
  reportRate: number
  participationRate: number
  /** Beyond v2 (志愿时长): the quarter's confirmed hours per member against a quarter of the 20-hour mark. */
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

/**
 * A leader as a grid shows them. `userId` (beyond v2) names them for an admin's 移除网格长: an opaque id
 * derived from the member with the server's key, the same in every grid, never their openid.
 */
export interface GridLeader {
  name: string
  userId: Id
}

/** Beyond v2: an open leader invite (not used, revoked or expired) as the district admins see it. */
export interface LeaderInvite {
  inviteCode: string
  /** The admin who made it, by their profile's name (区团委 when they have none). */
  invitedBy: string
  /** Made by the caller. */
  mine: boolean
  expiresAt: IsoTime
}

export interface Grid extends GridSummary {
  townName: string
  base: GridBase
  online: OnlineBase[]
  project: GridProject | null
  requireLocation: boolean
  leaders: GridLeader[]
  /** Whether the caller is a member of / a leader of this grid (an admin is a leader only where invited). */
  isMember: boolean
  isLeader: boolean
  /** Whether the caller may manage this grid: one of its leaders, or a district admin. */
  canManage: boolean
  createdAt: IsoTime
  /**
   * Beyond v2: when an admin archived (停用) the grid. An archived grid leaves the lists, its poster stops
   * taking check-ins, and its history stays.
   */
  archivedAt?: IsoTime
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

/** Beyond v2: a member of a grid as its leaders see them (newest first). */
export interface GridMemberRow {
  name: string
  /** When they first reported to the grid (their first poster check-in). */
  joinedAt: IsoTime
}

/** Beyond v2: a check-in at a grid as its leaders see it (newest first). */
export interface GridCheckInRow {
  id: Id
  at: IsoTime
  name: string
  method: CheckInMethod
  verifiedBy: Verification[]
  summonTitle?: string
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
  /**
   * Beyond v2: volunteer service (志愿服务 · 计入志愿时长), i.e. `hours > 0`; always set by the server. Meetings
   * and 团建 are published without hours and credit none.
   */
  service?: boolean
  /** Beyond v2: when the leader confirmed the summon's hours (确认时长). */
  hoursConfirmedAt?: IsoTime
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
  /** Beyond v2: members (sign-ups and walk-ins) who signed out (签退) of a service summon. */
  signedOut?: number
}

export interface MySignUp {
  status: SignUpStatus
  position?: number
  attendedAt?: IsoTime
  /** Beyond v2: the member's latest sign-out (签退) of a service summon. */
  signedOutAt?: IsoTime
}

export interface SummonDetail extends Summon {
  counts: SummonCounts
  /** For a summon carrying out a plan: the members whose ideas were adopted. */
  credits?: { name: string }[]
  /** For a summon carrying out a plan: that plan, to link back to. */
  plan?: { id: Id; title: string }
  mine?: MySignUp
  /**
   * Beyond v2: the grid's base with its point (GCJ-02), when the base has one, for 「网格阵地在地图中」. A
   * summon keeps no point of its own: its place may be elsewhere, so the page names this as the grid's.
   */
  gridBase?: { address: string; lat: number; lng: number }
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
  /** Beyond v2: the summon's planned volunteer hours (0 for a meeting); volunteer service when > 0. */
  hours?: number
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
  /**
   * Beyond v2 (issue 12): why a leader did not approve it (不通过), on a rejected idea; only its author and the
   * grid's managers ever see a rejected idea.
   */
  reviewReason?: string
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
  /** `revoked` (beyond v2): an admin withdrew it before it was used. */
  state: 'open' | 'used' | 'expired' | 'revoked'
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
  /** Beyond v2 (志愿时长): this year's confirmed volunteer hours credited at the grid's summons. */
  hours?: number
  /**
   * Beyond v2 (现场签到): members who checked in at the grid's ended summons without a confirmed place
   * (walk-ins), over the same summons as `attendanceRate`, counted apart: they are in neither rate.
   */
  walkins?: number
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
  /** Beyond v2 (志愿时长): this year's confirmed hours per member against the 20-hour mark. */
  hours: number
}

export interface StatsTotals {
  grids: number
  members: number
  checkIns30d: number
  summons30d: number
  ideas: number
  fourOnesComplete: number
  quiet: number
  /** Beyond v2 (志愿时长): this year's confirmed volunteer hours in the district (or town). */
  hours?: number
  /** Beyond v2 (现场签到): the grids' walk-ins (`GridStats.walkins`) added up. */
  walkins?: number
}

/**
 * Beyond v2 (issue 16): a town with the sums of its grids, as the 镇街 tab shows it; computed once when the
 * figures are taken (`stats.overview` answers them as `towns`), towns with grids first, best mean score first.
 */
export interface TownStats {
  townId: Id
  name: string
  grids: number
  complete: number
  members: number
  checkIns30d: number
  summons30d: number
  quiet: number
  /** The mean score of its grids; null for a town without grids. */
  score: number | null
}

/** Beyond v2 (`stats.grids`): which grids a page lists. */
export type GridsFilter = 'all' | 'incomplete' | 'quiet'
/** Beyond v2 (`stats.grids`): the order (ties by name in code-point order, then by id). */
export type GridsSort = 'incompleteFirst' | 'score' | 'activity'

/** A grid's figures on a `stats.grids` page with its position (1-based) in the order asked for. */
export type RankedGridStats = GridStats & { rank: number }

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

// ---------- volunteer hours (志愿时长, issue 15) ----------

/**
 * Which live code a leader shows: `in` (签到, the default) or `out` (签退). A summon with `hours > 0` is
 * volunteer service (志愿服务); only its scans credit hours.
 */
export type LivePhase = 'in' | 'out'

/**
 * - `pending`: awaiting the leader's 确认时长 (the hours may still change with a later sign-out);
 * - `confirmed`: confirmed by the leader, credited, no longer changed by scanning;
 * - `not_eligible`: nothing credited — present less than 60 % of the summon (不足 60%), or no sign-out.
 */
export type HoursStatus = 'pending' | 'confirmed' | 'not_eligible'
export type HoursSource = 'scan' | 'makeup'

/** A leader's 补录 of one member's hours on one summon: who, when, from → to, why. */
export interface HoursMakeup {
  /** The hours before (the scans' or an earlier make-up's) and after. */
  from: number
  to: number
  reason: string
  /** The leader's display name. */
  by: string
  at: IsoTime
}

/** Hours in a calendar year (Beijing time). `hours = fromScans + makeup`; confirmed ones only. */
export interface HoursTotals {
  hours: number
  /** Confirmed hours credited by scans. */
  fromScans: number
  /** Confirmed hours of activities with a make-up (补录). */
  makeup: number
  /** Beyond the table: hours computed but not yet confirmed by the leader (not in `hours`). */
  pending: number
  /** Beyond the table: confirmed hours of every year, for the star level (`hoursStars` in types/rules.ts). */
  allTime: number
}

/** One service activity in the member's 志愿时长. */
export interface HoursItem {
  summonId: Id
  title: string
  gridName?: string
  orgName?: string
  /** The summon's start. */
  date: IsoTime
  signInAt?: IsoTime
  signOutAt?: IsoTime
  /** Hours credited (or, while pending, that would be credited): a make-up's `to` when there is one. */
  hours: number
  source: HoursSource
  status: HoursStatus
  /** Why: 不足 60% · 未签退 · 补录：<reason>. */
  note?: string
}

/** A row of a summon's hours roster: a confirmed sign-up or a walk-in. */
export interface HoursRosterItem {
  openid: string
  name: string
  signInAt?: IsoTime
  signOutAt?: IsoTime
  /** What the scans give, by the rules (0 under 60 % or without a sign-out). */
  computed: number
  makeup?: HoursMakeup
  /** Beyond the table: what is credited, `makeup.to` when there is one, else `computed`. */
  hours: number
  status: HoursStatus
  /** Beyond the table: 不足 60% · 未签退 · 未签到. */
  note?: string
}

export interface HoursRoster {
  /** The summon's planned hours (the cap). */
  planned: number
  items: HoursRosterItem[]
  /** Beyond the table: when the leader confirmed the hours; absent while pending. */
  confirmedAt?: IsoTime
  /** Beyond the table: the summon has ended, so 确认时长 may be tapped. */
  ended: boolean
}

export interface HoursAuditItem {
  summonId: Id
  title: string
  openid: string
  name: string
  /** The leader's name. */
  by: string
  at: IsoTime
  from: number
  to: number
  reason: string
}

/** A year of Beijing time as the certificate states it, e.g. `{ year: 2026, from: '2026-01-01', to: '2026-12-31' }`. */
export interface HoursPeriod {
  year: number
  from: string
  to: string
}

/** One activity on the certificate (confirmed hours only). */
export interface CertificateItem {
  summonId: Id
  /** The activity's content: its title. */
  title: string
  date: IsoTime
  hours: number
  /** The recording grid or organisation. */
  recordedBy: string
  source: HoursSource
}

/** 志愿服务记录证明. */
export interface HoursCertificate {
  /** The certificate number, checked by `hours.verify` (signed by the server; a changed number is refused). */
  number: string
  name: string
  period: HoursPeriod
  totalHours: number
  items: CertificateItem[]
  issuer: { name: string }
  issuedAt: IsoTime
}

export type HoursVerification =
  | {
      valid: true
      /** Masked: 陈*青. */
      name: string
      totalHours: number
      period: HoursPeriod
      issuedAt: IsoTime
    }
  | { valid: false }
