/**
 * The storage port. Every adapter (SQLite locally, the WeChat cloud database in production) implements
 * these operations; each one is atomic on its own, so handlers never need a transaction of their own.
 */

/*
 * COPY POLICY: which facts are copied from one record into another, and how each copy stays true.
 *
 * SQLite copies nothing: names, towns and counts are joined or counted at read time.
 *
 * The cloud adapter (no joins) keeps these copies, and only these:
 * - `grids.leaderNames[openid]`: a leader's display name, written when the leader is added (in the same
 *   transaction that adds them to `leaders`) and rewritten in every grid they lead when they change their
 *   name (`users.saveProfile`, right after the profile). A rename racing with being made a leader of that
 *   very grid can leave the old name until the next rename; `grids.get` falls back to the users records for
 *   a leader the map does not know (records written before the map existed).
 * - `grid_members.lastPosterAt` / `lastPoster`: the member's poster window, written by check-ins.
 * - `ideas.authorName`: the author's display name, written with the idea and rewritten on all their ideas
 *   by `users.saveProfile` when they rename themselves (`where({ openid }).update`); ideas written before
 *   the copy fall back to the users records. `plans.gridName` is still copied at `plans.create`.
 * - `ideas.likedBy[openid]` / `likes`: who likes an idea and how many, changed together by one conditional
 *   update (the like is its own truth; `idea_likes` records of older ideas are not read any more).
 * - `plans.versions`: a plan's earlier texts, in the plan record, appended by the edit that replaced them.
 * - `users.ideaSeq` / `ideaTimes`: the member's idea rate window, carried over by `saveProfile`.
 * Not kept as counters: a plan's idea and adoption counts, aggregated from the ideas by `plans.list`.
 * Not copied any more: a grid's name and town. Summons, check-ins, plans and memberships keep `gridId` only;
 * readers resolve names and towns through `wxcloud/names.ts`, a per-instance cache with a 60 s TTL that
 * `grids.update` invalidates on its own instance. So a rename shows at once on the instance that made it
 * and within 60 s on every other one.
 * Not kept as a counter beside the join: a grid's member count (an increment after the membership's insert
 * is lost when an instance dies between the two, or doubled by a retry). `grid_members` records are the
 * truth; `grids.memberTotal` is how many joined at or before `grids.countedAt`, an absolute count that the
 * scheduled fold (cloud/jobs/memberTotals.ts) sets 10 minutes behind the clock, when every such join is
 * written. `grids.get`, `grids.list` and stats answer it plus the joins after `countedAt` (all of them for
 * a grid never folded), so they cost the joins since the last fold, not the grid's size.
 * Per-instance caches (not copies in the database): grid names (above) and admins (`users.isAdmin`, 60 s;
 * `addAdmin` on the same instance clears it, so a removed admin keeps access at most 60 s elsewhere); a
 * grid's place for check-ins (`grids.place`, 60 s); a summon's times (`wxcloud/summons.ts`, 60 s: a
 * withdrawal is never read from it — the writes' conditions refuse it at once; a leader's edit neither: the
 * sign-up writes pin the times and capacity they decided on, so a stale copy fails and is read again); a plan page's idea counts
 * (`plans.counts`, 10 s; the plan list counts afresh, and the instance that took an idea forgets them).
 * Organisations (wxcloud/orgs.ts): a member's standing (`orgId`, `orgStatus`, `orgSince`, `secretaryOf`) lives
 * in their own `users` record, so it is not a copy and every change is one conditional update of it;
 * `users.saveProfile` updates an existing record field by field so a join racing with it stays. Member
 * counts are counted from those records, never kept. Copies:
 * - `orgs.secretaries[openid]`: the organisation's list of its secretaries, written after the member's own
 *   `secretaryOf` by the join that used the secretary invite (a re-sent join by the invite's taker completes
 *   it) and removed after it by `leave`; readers keep only the listed members whose records still name the
 *   role, and authorization reads the member's record, never this list.
 * - `checkins.orgId`: the organisation credited, the member's at scan time — history, never rewritten.
 *   The handler reads it through `orgs.creditOrg`, a per-instance cache of 60 s that every read or write of
 *   the member's record on the instance refreshes: a scan within 60 s of joining or leaving on ANOTHER
 *   instance can still credit the previous organisation (or none).
 * - `checkins.summonTitle` / `hours`: a live scan's summon title and hours, which never change after
 *   publishing, so receipts and member figures read no summons.
 * Per-instance cache: organisations by id (`orgs.record`, 60 s; `orgs.update` clears it on its instance).
 * Snapshots: `stats_snapshots` holds the overview figures the scheduled job computed, with `takenAt`;
 * `stats.overview` answers that time as `asOf`. `grids.create`/`grids.update` drop the snapshots, so a
 * new, renamed or moved grid is counted in its new town at the next overview. (SQLite keeps its own
 * snapshots, void at any write the figures read: see `StatsStore.readSnapshot`.)
 */
import { AppError } from '../core/errors'
import type { OrgFigureInput } from '../domain/orgs'
import type { GridsQuery } from '../domain/stats'
import type {
  CheckIn,
  Decision,
  IdeaStatus,
  PlanVersion,
  CheckInRecord,
  FourOnes,
  GeoPoint,
  Grid,
  GridCheckInRow,
  GridInput,
  GridMemberRow,
  GridRef,
  GridStats,
  GridSummary,
  StatsTotals,
  TownStats,
  Id,
  MySignUp,
  Page,
  Profile,
  RosterEntry,
  SignUpStatus,
  SummonScope,
  Town,
  Verification,
  WeekCount,
  OrgKind,
  OrgMemberFilter,
  OrgMemberRow,
  OrgMemberStatus,
  OrgPendingRequest,
  OrgSummary,
} from '../../types'

/** Grid names are unique within a town (API.md v2). */
export const nameTaken = () => {
  const message = '这个镇街已经有同名的网格了，换个名字吧'
  return new AppError('CONFLICT', message, { name: message })
}

/** A grid's leader as stored: the handlers answer `GridLeader` (an opaque `userId`, never the openid). */
export interface LeaderRecord {
  openid: string
  name: string
}

/** A grid as stored, without the viewer-specific flags; its leaders with their openids (see LeaderRecord). */
export type GridRecord = Omit<Grid, 'isMember' | 'isLeader' | 'canManage' | 'leaders'> & { leaders: LeaderRecord[] }

/** What a check-in needs of its grid: the name to answer, and the fence to check. */
export type GridPlace = Pick<GridRecord, 'id' | 'name' | 'townId' | 'base' | 'requireLocation' | 'archivedAt'>

/** Where a member stands with a grid (an admin's rights are the handlers' business). */
export interface GridViewer {
  isMember: boolean
  isLeader: boolean
}

/** A leader invite as its page shows it before it is accepted. */
export interface InviteRecord {
  gridId: Id
  createdBy: string
  expiresAt: string
  usedBy: string | null
  /** When an admin revoked it (beyond v2); null while it stands. */
  revokedAt: string | null
}

export type InviteOutcome = { ok: true; gridId: Id } | { ok: false; reason: 'missing' | 'used' | 'expired' | 'revoked' }

/** An open leader invite of a grid, with its maker's name. */
export interface OpenInvite {
  code: string
  createdBy: string
  createdByName: string | null
  expiresAt: string
}

/** `missing`: no such invite of that grid; `used`: someone accepted it first. A repeat answers `ok`. */
export type RevokeOutcome = 'ok' | 'missing' | 'used'

/** A member's standing with the organisations: the one they belong to (or asked to join), and whom they serve. */
export interface OrgStanding {
  org: { orgId: Id; status: OrgMemberStatus; since: string } | null
  secretaryOf: Id[]
}

export interface UserStore {
  getProfile(openid: string): Promise<Profile | null>
  /** The profile and the organisation standing, read in one step (`account.me`). */
  getAccount(openid: string): Promise<{ profile: Profile | null } & OrgStanding>
  saveProfile(openid: string, profile: Profile, now: Date): Promise<Profile>
  isAdmin(openid: string): Promise<boolean>
  addAdmin(openid: string): Promise<void>
  /** The grids the member leads, oldest first. */
  leaderOf(openid: string): Promise<GridRef[]>
  memberOf(openid: string): Promise<GridRef[]>
}

export interface GridStore {
  towns(): Promise<Town[]>
  townExists(townId: Id): Promise<boolean>
  list(filter: { townId?: Id; q?: string }): Promise<GridSummary[]>
  /** The grid; with a viewer, also whether they are a member and a leader of it, read in the same step. */
  get(gridId: Id, viewer?: string): Promise<(GridRecord & { viewer?: GridViewer }) | null>
  /** Throws `nameTaken()` when the town has a grid of that name already (checked atomically with the write). */
  create(input: GridInput, now: Date): Promise<GridRecord>
  /** Throws `nameTaken()` when the new name (or town) meets another grid's. */
  update(gridId: Id, patch: Partial<GridInput>, now: Date): Promise<GridRecord>
  /**
   * Archives the grid (`archivedAt` now) or brings it back; null for a missing grid. `list` leaves archived
   * grids out; `get` and `place` still answer them, with `archivedAt`.
   */
  archive(gridId: Id, archived: boolean, now: Date): Promise<GridRecord | null>
  /** Whether the member is one of the grid's leaders (admins are not, unless invited as one). */
  /**
   * The grid's name and base, for a check-in. The cloud adapter answers it from a per-instance cache of
   * 60 s (a renamed grid or a moved base shows within that time elsewhere; at once on the instance that
   * changed it), so a warm scan reads nothing for its grid.
   */
  place(gridId: Id): Promise<GridPlace | null>
  isLeader(gridId: Id, openid: string): Promise<boolean>
  isMember(gridId: Id, openid: string): Promise<boolean>
  addLeader(gridId: Id, openid: string, now: Date): Promise<void>
  /** Adds a member; answers false when they were one already. */
  addMember(gridId: Id, openid: string, now: Date): Promise<boolean>
  createInvite(gridId: Id, code: string, createdBy: string, expiresAt: Date): Promise<void>
  /** One page of the grid's members, newest first, with their names. */
  members(gridId: Id, cursor: string | undefined, limit: number): Promise<Page<GridMemberRow>>
  /** The invite as it stands (one read), or null for an unknown code. */
  getInvite(code: string): Promise<InviteRecord | null>
  /** Consumes a single-use invite and makes the caller a leader, in one step (a revoked one is refused). */
  acceptInvite(code: string, openid: string, now: Date): Promise<InviteOutcome>
  /**
   * Beyond v2: ends a leadership; the person stays (or becomes) a member of the grid. Idempotent: removing
   * someone who leads it no more changes nothing.
   */
  removeLeader(gridId: Id, openid: string, now: Date): Promise<void>
  /** The grid's invites neither used, revoked nor expired at `now`, latest expiry first. */
  openInvites(gridId: Id, now: Date): Promise<OpenInvite[]>
  /** Revokes an invite of the grid unless it was used, in one conditional write; a repeat answers `ok`. */
  revokeInvite(gridId: Id, code: string, now: Date): Promise<RevokeOutcome>
}

/** A summon as stored, with its counts; `state` is derived by the domain from the times. */
export interface SummonRecord {
  id: Id
  gridId: Id | null
  gridName: string
  title: string
  body: string
  place: string
  startAt: string
  endAt: string
  signUpDeadline: string | null
  capacity: number | null
  tags: string[]
  hours: number
  planId: Id | null
  /** The organisation whose 二维召集令 this is, and its name (joined, or from the instance's cache). */
  orgId: Id | null
  orgName: string | null
  publishedBy: string
  confirmed: number
  waitlisted: number
  attended: number
  /** Members who checked in with the live code without a confirmed place (walk-ins), counted apart. */
  walkins: number
  withdrawnAt: string | null
  withdrawReason: string | null
  createdAt: string
  /** When the leader confirmed the summon's volunteer hours (确认时长); null or absent while pending. */
  hoursConfirmedAt?: string | null
}

export type NewSummon = Pick<
  SummonRecord,
  | 'gridId'
  | 'title'
  | 'body'
  | 'place'
  | 'startAt'
  | 'endAt'
  | 'signUpDeadline'
  | 'capacity'
  | 'tags'
  | 'hours'
  | 'planId'
  | 'publishedBy'
> & { orgId?: Id | null }

export interface SummonQuery {
  scope: SummonScope
  openid: string
  gridId?: Id
  /** For `scope: 'org'`: the caller's organisation. */
  orgId?: Id
  cursor?: string
  limit: number
  now: Date
}

/**
 * Set on a sign-up or cancellation that may have moved the confirmed count of a summon with a live share
 * card, from what the adapter read anyway (no extra operation): the card's activity — as this instance last
 * read the summon, so up to a minute old — and the confirmed count right after the change when the adapter
 * knows it. The function pushes 「已报名 x/y」 from it (cloud/jobs/shareCards.ts `pushCountChange`).
 */
export interface CardChange {
  activityId: string
  expiresAt: string
  capacity: number
  /** Absent when the adapter did not read the count (the cloud adapter's plain confirmed sign-up). */
  confirmed?: number
}

export type SignUpOutcome =
  | { ok: true; status: 'confirmed' | 'waitlisted'; position?: number; card?: CardChange }
  | { ok: false; reason: 'missing' | 'withdrawn' | 'ended' | 'deadline' }

export type CancelOutcome =
  { ok: true; promoted: boolean; card?: CardChange } | { ok: false; reason: 'missing' | 'not_signed_up' | 'started' }

/** `first`: this call withdrew it (a repeat finds it withdrawn already and changes nothing). */
export type WithdrawOutcome =
  { ok: true; summon: SummonRecord; first: boolean } | { ok: false; reason: 'missing' | 'ended' }

/** What a leader may change of a published summon (`summons.update`); `null` clears the deadline or the cap. */
export interface SummonPatch {
  place?: string
  startAt?: string
  endAt?: string
  signUpDeadline?: string | null
  capacity?: number | null
}

/**
 * `promoted`: members moved from the waitlist to a place by a raised capacity, in waitlist order (told by
 * the notices job, as any promotion). `changed`: whether the time or the place differs from before this
 * call (a repeat of the same edit changes nothing and tells nobody again). `times`: the merged times break
 * a rule (by field); `below_confirmed`: the new capacity is under the places already taken.
 */
export type UpdateSummonOutcome =
  | { ok: true; summon: SummonRecord; promoted: string[]; changed: { time: boolean; place: boolean } }
  | { ok: false; reason: 'missing' | 'withdrawn' | 'ended' }
  | { ok: false; reason: 'below_confirmed'; confirmed: number }
  | { ok: false; reason: 'times'; errors: Partial<Record<'startAt' | 'endAt' | 'signUpDeadline', string>> }

/** A notification the scheduled job claimed (marked as sent) and must now deliver. */
export interface DueNotice {
  kind: 'reminder' | 'promotion'
  openid: string
  summon: SummonRecord
}

export interface SummonStore {
  create(input: NewSummon, now: Date): Promise<SummonRecord>
  /** The summon; with a viewer, also where that member stands (`mine`), read in the same step. */
  get(summonId: Id, viewer?: string): Promise<(SummonRecord & { mine?: MySignUp }) | null>
  list(query: SummonQuery): Promise<Page<SummonRecord & { mine?: MySignUp['status'] }>>
  /** Takes a place atomically (a conditional update, never count-then-insert), else joins the waitlist. */
  signUp(summonId: Id, openid: string, now: Date): Promise<SignUpOutcome>
  /** Cancels; a freed place goes at once to the first on the waitlist. */
  cancel(summonId: Id, openid: string, now: Date): Promise<CancelOutcome>
  mine(summonId: Id, openid: string): Promise<MySignUp | null>
  /** Confirmed (in order), walk-ins (by first check-in), waitlisted (in order), cancelled. */
  roster(summonId: Id): Promise<RosterEntry[]>
  /** Withdraws once: the first call's reason stays. */
  withdraw(summonId: Id, reason: string, now: Date): Promise<WithdrawOutcome>
  /**
   * Applies a leader's edit in one atomic step that checks the summon is neither withdrawn nor ended, the
   * merged times keep their rules and the capacity is not under the places taken; a raised capacity hands
   * the free places to the head of the waitlist in the same step.
   */
  update(summonId: Id, patch: SummonPatch, now: Date): Promise<UpdateSummonOutcome>
  /** The summons published from a plan, oldest first (titles only). */
  byPlan(planId: Id): Promise<{ id: Id; title: string }[]>
  /** Claims reminders due for summons starting within `leadMinutes`, and promotion notices not yet sent. */
  claimDueNotices(now: Date, leadMinutes: number): Promise<DueNotice[]>
}

export interface NewCheckIn {
  openid: string
  requestId: string
  gridId: Id | null
  summonId: Id | null
  /** The member's organisation at the time of the scan (`OrgStore.creditOrg`), credited with it. */
  orgId?: Id | null
  /**
   * What the handler read of a live scan's summon. A summon's title and hours never change after it is
   * published, so the cloud adapter keeps them with the check-in (receipts read no summons); SQLite joins.
   */
  summon?: { title: string; hours: number }
  method: CheckIn['method']
  verifiedBy: Verification[]
  location?: GeoPoint & { distanceM?: number }
}

export interface CheckInOutcome {
  checkIn: CheckIn
  firstReport: boolean
  duplicate: boolean
}

export interface CheckInStore {
  /** The check-in an earlier request with this id made, if any. */
  byRequest(openid: string, requestId: string): Promise<CheckInOutcome | null>
  /**
   * Records a check-in exactly once: a repeated request id, or a scan of the same target within
   * `dedupeMinutes`, answers the first one. A poster check-in reports the member to the grid; a live one
   * marks their sign-up attended. All in one transaction.
   */
  record(input: NewCheckIn, now: Date, dedupeMinutes: number): Promise<CheckInOutcome>
  mine(openid: string, cursor: string | undefined, limit: number): Promise<Page<CheckInRecord>>
  /** One page of the check-ins at a grid (posters and its summons), newest first, with names and titles. */
  byGrid(gridId: Id, cursor: string | undefined, limit: number): Promise<Page<GridCheckInRow>>
}

export interface PlanRecord {
  id: Id
  gridId: Id
  gridName: string
  title: string
  draft: string
  ideasUntil: string | null
  version: number
  publishedBy: string
  finalizedAt: string | null
  createdAt: string
}

/**
 * Visible ideas, and of those the ones adopted in full or in part: counted from the ideas when plans are
 * listed, never kept as counters beside them (a counter next to a decision cannot stay exact when two
 * leaders reply at once or an instance dies between the two writes).
 */
export interface PlanCounts {
  ideaCount: number
  adoptedCount: number
}

export interface IdeaRecord {
  id: Id
  planId: Id
  openid: string
  authorName: string
  content: string
  status: IdeaStatus
  likes: number
  decision: Decision | null
  reply: string | null
  decidedAt: string | null
  /** Why a leader rejected it (不通过), given with the rejection; absent or null otherwise. */
  reviewReason?: string | null
  createdAt: string
}

/** A review as stored; `applied` is false when the idea was no longer held (another leader came first). */
export interface ReviewOutcome {
  idea: IdeaRecord
  applied: boolean
}

export type NewPlan = Pick<PlanRecord, 'gridId' | 'title' | 'draft' | 'ideasUntil' | 'publishedBy'>
export type PlanPatch = Partial<Pick<PlanRecord, 'title' | 'draft' | 'ideasUntil'>>

/** A new idea; `gridId` is the plan's grid when the caller has read the plan (it saves the cloud adapter a read). */
export type NewIdea = Pick<IdeaRecord, 'planId' | 'openid' | 'content' | 'status'> & { gridId?: Id }

/**
 * `closed`: the plan was finalized or its deadline passed (checked in the same atomic step as the insert);
 * `no_profile`: the author has no profile (checked with the rate window, in the same read).
 */
export type AddIdeaOutcome =
  { ok: true; idea: IdeaRecord } | { ok: false; reason: 'rate_limited' | 'closed' | 'missing' | 'no_profile' }

/** `closed`: the plan was finalized, checked in the same atomic step as the edit. */
export type UpdatePlanOutcome = { ok: true; plan: PlanRecord } | { ok: false; reason: 'closed' | 'missing' }

/** One page of the ideas a viewer may see, in the order `plans.get` shows them. */
export interface IdeaPageQuery {
  viewer: string
  /** A leader of the plan's grid or an admin: also sees ideas held for review, and the waiting ones first. */
  manager: boolean
  sort: 'newest' | 'likes'
  cursor?: string
  limit: number
}

export type IdeaPage = Page<IdeaRecord & { likedByMe: boolean }> & {
  /** For managers: ideas waiting for a review or a decision (0 for others). */
  awaiting: number
}

export interface PlanStore {
  create(input: NewPlan, now: Date): Promise<PlanRecord>
  /** The plan with its earlier versions, newest first. */
  get(planId: Id): Promise<(PlanRecord & { versions: PlanVersion[] }) | null>
  /** Plans of the viewer's grids first, then the district's, newest first; or one grid's. */
  list(query: { openid: string; gridId?: Id; cursor?: string; limit: number }): Promise<Page<PlanRecord & PlanCounts>>
  /**
   * Saves the current text as a version and applies the patch, as one atomic step that also checks the
   * plan is not finalized: concurrent edits each save the text they replaced, versions without gaps.
   */
  update(planId: Id, patch: PlanPatch, now: Date): Promise<UpdatePlanOutcome>
  finalize(planId: Id, now: Date): Promise<PlanRecord>
  versions(planId: Id): Promise<PlanVersion[]>
  /** Every idea of the plan, newest first (seeds and tests; `plans.get` pages with `ideaPage`). */
  ideas(planId: Id, viewer: string): Promise<(IdeaRecord & { likedByMe: boolean })[]>
  ideaPage(planId: Id, query: IdeaPageQuery): Promise<IdeaPage>
  /** The plan's public ideas and adopted ones, counted as `list` counts them. */
  counts(planId: Id): Promise<PlanCounts>
  getIdea(ideaId: Id): Promise<IdeaRecord | null>
  /**
   * Adds an idea unless the author has no profile, reached the rate limit, or the plan stopped collecting
   * ideas; the rate count, the plan check and the insert are one step.
   */
  addIdea(input: NewIdea, now: Date, rate: { max: number; windowMinutes: number }): Promise<AddIdeaOutcome>
  /** One like per member per idea; answers the new count. */
  like(ideaId: Id, openid: string, like: boolean, now: Date): Promise<{ likes: number; likedByMe: boolean }>
  decide(ideaId: Id, decision: Decision, reply: string, now: Date): Promise<IdeaRecord>
  /**
   * Approves or rejects an idea held for review, with the reason of a rejection, in one conditional write
   * (only a held idea changes).
   */
  review(ideaId: Id, approve: boolean, reason?: string | null): Promise<ReviewOutcome>
  /** Credits the authors of the plan's adopted ideas on a summon that carries it out. */
  creditAdopted(planId: Id, summonId: Id): Promise<number>
  /** The names of the members credited on a summon, in the order their ideas were written. */
  creditsOf(summonId: Id): Promise<string[]>
}

/** Per-grid figures the store aggregates (SQL locally, aggregation pipelines in the cloud). */
export interface GridActivity {
  gridId: Id
  name: string
  townId: Id
  fourOnes: FourOnes
  members: number
  checkIns30d: number
  summons30d: number
  /** Over summons published in the last 30 days that have a capacity. */
  capacityTotal: number
  confirmedOfCapacity: number
  /** Over ended, not withdrawn summons. */
  endedConfirmed: number
  endedAttended: number
  /**
   * 现场签到 at those ended summons: members who checked in with the live code without a confirmed place
   * (as the roster lists them). Absent on snapshots taken before it.
   */
  endedWalkins?: number
  ideas: number
  decided: number
  adopted: number
  lastActivityAt: string | null
}

/** A check-in as the export lists it, newest first: plain data (headers and labels are `domain/csv.ts`'s). */
export interface CheckInExportRow {
  at: string
  /** The district's name for a check-in to a district-wide summon. */
  gridName: string
  townName: string | null
  summonTitle: string | null
  method: CheckIn['method']
  verifiedBy: Verification[]
  /** Null for a member without a profile. */
  memberName: string | null
  org: string | null
}

/** A sign-up as the export lists it, latest summon first, then in sign-up order. */
export interface SignUpExportRow {
  summonTitle: string
  gridName: string
  /** Null when the summon record is missing. */
  summonStartAt: string | null
  memberName: string | null
  org: string | null
  status: SignUpStatus
  /** The summon was withdrawn: its places and waitlist read 已撤回. */
  summonWithdrawn: boolean
  signedUpAt: string
  attendedAt: string | null
}

/** The overview figures of the district (`scope: 'district'`) or of one town (`scope` = its id). */
export interface OverviewSnapshot {
  scope: string
  takenAt: string
  activity: GridActivity[]
  members: number
  weeks: WeekCount[]
  /** 志愿时长: this year's confirmed hours credited per grid (absent on snapshots taken before it). */
  gridHours?: Record<Id, number>
  /** The store's change mark (`StatsStore.mark`) read before the figures were computed, where it keeps one. */
  mark?: number
  /** The towns (id and name) when it was taken, for `stats.overview`'s `towns` (absent on older snapshots). */
  townNames?: { id: Id; name: string }[]
}

/**
 * Issue 16: the small part of the kept figures of one scope (the district or a town): what
 * `stats.overview {summary: true}` answers, a constant size whatever the number of grids.
 */
export interface StatsSummary {
  scope: string
  takenAt: string
  totals: StatsTotals
  weeks: WeekCount[]
  towns: TownStats[]
}

/**
 * One generation of kept figures (issue 16): every grid's figures (quiet as of `takenAt`) and the summary
 * of the district and of each town, all taken at `takenAt`; `mark` as in `OverviewSnapshot`.
 */
export interface FiguresGeneration {
  takenAt: string
  mark?: number
  grids: GridStats[]
  summaries: StatsSummary[]
}

/** A page read from the kept figures: the generation it was read from (`takenAt`) and the rows. */
export interface KeptGridsPage {
  takenAt: string
  items: GridStats[]
  more: boolean
}

export interface StatsStore {
  /**
   * The snapshot a scheduled job (or an earlier overview) stored, or null. The cloud answers the job's
   * snapshot whatever its age (`asOf` says it). SQLite answers one only while nothing it counts has
   * changed since (`mark`) and for at most a minute after `now` (its 30-day windows slide), else null.
   */
  readSnapshot(scope: string, now?: Date): Promise<OverviewSnapshot | null>
  /**
   * A number that changes with every write the figures read (SQLite: `stats_version`, kept by triggers);
   * read before computing, it is stored with the snapshot. The cloud keeps none.
   */
  mark?(): Promise<number>
  saveSnapshots(snapshots: OverviewSnapshot[]): Promise<void>
  /**
   * Issue 16: the kept summary of `scope`, or null when there is none (SQLite: none valid, the same rule as
   * `readSnapshot`). 1 operation on the cloud.
   */
  readSummary(scope: string, now?: Date): Promise<StatsSummary | null>
  /**
   * Issue 16: one page of the kept grid figures through an index (`domain/stats.ts` `pageOfGrids` is the
   * reference), all rows of one generation; null when none is kept (or valid, on SQLite). The cloud: 2
   * operations (the generation's head, the page).
   */
  gridsPage(query: GridsQuery, now?: Date): Promise<KeptGridsPage | null>
  /**
   * Issue 16: keeps a generation. SQLite: replaces the rows and summaries in one transaction. The cloud:
   * writes the rows whose figures changed into the slot not being read, then the summaries, then flips the
   * head: a kill at any point leaves the previous generation answered, and a rerun completes the next.
   */
  saveFigures(generation: FiguresGeneration): Promise<void>
  gridActivity(now: Date, townId?: Id): Promise<GridActivity[]>
  distinctMembers(townId?: Id): Promise<number>
  /** Check-ins per week (Monday, Beijing time) for the last `weeks` weeks, oldest first. */
  weeklyCheckIns(now: Date, weeks: number, townId?: Id): Promise<WeekCount[]>
  checkinRows(limit: number): Promise<CheckInExportRow[]>
  signupRows(limit: number): Promise<SignUpExportRow[]>
  /** Grids quiet since `since` whose leaders were not told in that time; marks them told. */
  claimQuietGrids(since: Date, now: Date): Promise<{ gridId: Id; name: string; leaders: string[] }[]>
}

export interface OutboxMessage {
  id: number
  openid: string
  template: string
  page: string
  data: Record<string, string>
  createdAt: string
}

/** A poster code image made once per scene: the platform's file id and the page it opens. */
export interface PosterCode {
  fileID: string
  page: string
}

/** The cache of rendered poster codes, so a grid's permanent code is drawn (and uploaded) once. */
export interface PosterCodeStore {
  get(scene: string): Promise<PosterCode | null>
  /** Saves (or replaces) the code of a scene. */
  save(scene: string, code: PosterCode, now: Date): Promise<void>
}

export interface OutboxStore {
  add(message: Omit<OutboxMessage, 'id' | 'createdAt'>, now: Date): Promise<void>
  list(filter: { openid?: string; limit?: number }): Promise<OutboxMessage[]>
}

/** A follower of a grid (关注网格动态) and the one-time subscriptions they banked. */
export interface Follower {
  openid: string
  banked: number
}

/** Most one-time subscriptions banked per member and grid (each accepted prompt allows one message). */
export const MAX_BANKED = 20

export interface FollowStore {
  get(gridId: Id, openid: string): Promise<Follower | null>
  /** Follows (or keeps following) a grid; a repeat keeps what was banked. */
  follow(gridId: Id, openid: string, now: Date): Promise<Follower>
  /** Stops following and forgets what was banked. */
  unfollow(gridId: Id, openid: string): Promise<void>
  /** Banks one one-time subscription (up to MAX_BANKED) for a follower; null for a non-follower. */
  bank(gridId: Id, openid: string): Promise<Follower | null>
  /** Spends one banked subscription; false when none was left (then nothing may be sent). */
  spend(gridId: Id, openid: string): Promise<boolean>
  /** Followers of a grid after `after` (openid order), `limit` at a time. */
  followers(gridId: Id, after: string | null, limit: number): Promise<Follower[]>
  /** Queues the announcement of a new summon to its grid's followers (sent by the job). */
  announce(summonId: Id, gridId: Id, now: Date): Promise<void>
  /** Claims up to `limit` queued announcements, each for one job run only. */
  claimAnnouncements(now: Date, limit: number): Promise<{ summonId: Id; gridId: Id }[]>
}

/** The current activity of a summon's updatable share card, and the state last pushed to it. */
export interface ShareCardRecord {
  summonId: Id
  activityId: string
  expiresAt: string
  pushed: { memberCount: number; roomLimit: number; targetState: 0 | 1 } | null
}

export interface ShareCardStore {
  get(summonId: Id): Promise<ShareCardRecord | null>
  /**
   * Saves a summon's new activity (replacing an older one), nothing pushed yet; sign-ups and cancellations
   * answer it from then on (`CardChange`).
   */
  save(summonId: Id, activity: { activityId: string; expiresAt: string }): Promise<void>
  /** Cards whose activity has not expired at `now`, at most `limit`. */
  live(now: Date, limit: number): Promise<ShareCardRecord[]>
  /** Records what was pushed to an activity (unless the card moved on to a newer one). */
  markPushed(summonId: Id, activityId: string, pushed: NonNullable<ShareCardRecord['pushed']>): Promise<void>
}

export type OrgRecord = Omit<OrgSummary, 'memberCount'>

export interface OrgFields {
  name: string
  kind: OrgKind
  townId?: Id
  parentId?: Id
}

export type OrgJoinOutcome =
  | { ok: true; orgId: Id; status: 'member' | 'pending' }
  | { ok: false; reason: 'missing' | 'used' | 'expired' | 'no_profile' }

export type OrgDecideOutcome = { ok: true; status: 'member' | 'declined' } | { ok: false; reason: 'missing' }

export interface OrgMemberQuery {
  orgId: Id
  /** The quarter's instants, `start` inclusive and `end` exclusive. */
  start: string
  end: string
  filter: OrgMemberFilter
  cursor?: string
  limit: number
}

/** A check-in credited to an organisation, as a receipt lists it. */
export interface CreditedCheckInRow {
  id: Id
  at: string
  gridId: Id | null
  gridName: string | null
  summonId: Id | null
  summonTitle: string | null
  hours: number | null
  verifiedBy: Verification[]
}

export interface OrgStore {
  /** The records `stats.orgs` is computed from (`domain/orgs.ts`), for one town's organisations or all. */
  figureInput(range: { start: string; end: string }, townId?: Id): Promise<OrgFigureInput>
  list(filter: { townId?: Id; q?: string; cursor?: string; limit: number }): Promise<Page<OrgSummary>>
  /** The organisation with its member count (counted, never a counter). */
  get(orgId: Id): Promise<OrgSummary | null>
  /** The organisation without its count (names); the cloud adapter answers it from a 60 s instance cache. */
  record(orgId: Id): Promise<OrgRecord | null>
  create(input: OrgFields, now: Date): Promise<OrgRecord>
  update(orgId: Id, patch: Partial<OrgFields>, now: Date): Promise<OrgRecord | null>
  /**
   * The organisation a scan now credits: the member's, when they are a member (not a pending request).
   * The cloud adapter answers it from a per-instance cache of 60 s (the copy policy above).
   */
  creditOrg(openid: string): Promise<Id | null>
  isSecretary(orgId: Id, openid: string): Promise<boolean>
  secretaries(orgId: Id): Promise<{ openid: string; name: string }[]>
  pending(orgId: Id): Promise<OrgPendingRequest[]>
  createInvite(orgId: Id, role: 'member' | 'secretary', code: string, createdBy: string, expiresAt: Date): Promise<void>
  /**
   * Joins by an invite: a member invite as often as it is used until it expires; a secretary invite once
   * (the caller also becomes a member). Joining moves the member out of any other organisation.
   */
  joinByInvite(code: string, openid: string, now: Date): Promise<OrgJoinOutcome>
  /** Asks to join; a member of that organisation already stays a member. */
  request(orgId: Id, openid: string, now: Date): Promise<OrgJoinOutcome>
  /**
   * Accepts or declines a request still waiting; a repeated decision that already took effect answers the
   * same; `missing` otherwise.
   */
  decide(orgId: Id, openid: string, accept: boolean, now: Date): Promise<OrgDecideOutcome>
  /** Leaves the organisation (and gives up its secretary role). */
  leave(openid: string, now: Date): Promise<void>
  /** One page of members by openid, with their grids and their quarter, filtered. */
  members(query: OrgMemberQuery): Promise<Page<OrgMemberRow>>
  /** The member's name and grids, and the check-ins credited to the organisation in [start, end). */
  receipt(
    orgId: Id,
    openid: string,
    range: { start: string; end: string },
  ): Promise<{ name: string | null; grids: (GridRef & { reportedAt: string })[]; checkIns: CreditedCheckInRow[] }>
}

/** A leader's 补录 as stored: from → to hours, why, who (openid and, where known, name) and when. */
export interface MakeupRecord {
  from: number
  to: number
  reason: string
  by: string
  byName: string | null
  at: string
}

/** A member on a summon's hours roster: a confirmed sign-up or a walk-in, with their scans. */
export interface HoursMember {
  openid: string
  name: string | null
  status: 'confirmed' | 'walkin'
  signInAt: string | null
  signOutAt: string | null
  /** The latest make-up (it replaces the scans' credit). */
  makeup: MakeupRecord | null
  /** The organisation the sign-in credited. */
  orgId: Id | null
}

export interface SummonHoursRecord {
  summon: SummonRecord
  members: HoursMember[]
}

/** One service activity of a member (a sign-in, or a make-up), as `hours.mine` lists it. */
export interface ServiceRow {
  summonId: Id
  title: string
  gridName: string | null
  orgName: string | null
  startAt: string
  /** Null when only the sign-in is known (no sign-out yet, not confirmed): the summon is not read. */
  endAt: string | null
  planned: number
  hoursConfirmedAt: string | null
  signInAt: string | null
  signOutAt: string | null
  makeup: { to: number; reason: string } | null
}

export type SignOutOutcome =
  | { ok: true; summon: SummonRecord; signInAt: string; signOutAt: string; duplicate: boolean; orgId: Id | null }
  | { ok: false; reason: 'missing' | 'withdrawn' | 'not_service' | 'no_sign_in' | 'confirmed' }

export type ConfirmOutcome =
  | { ok: true; confirmedAt: string; first: boolean; hours: SummonHoursRecord }
  | { ok: false; reason: 'missing' | 'withdrawn' | 'not_ended' | 'not_service' }

export type MakeupOutcome =
  { ok: true; member: HoursMember; summon: SummonRecord } | { ok: false; reason: 'missing' | 'not_on_roster' }

export interface HoursAuditRow {
  summonId: Id
  title: string
  openid: string
  name: string | null
  byName: string | null
  by: string
  at: string
  from: number
  to: number
  reason: string
}

/** A certificate as issued: its number, whose, the year and total it states, and when it was first issued. */
export interface CertificateRecord {
  number: string
  openid: string
  year: number
  totalHours: number
  name: string
  issuedAt: string
}

/** Confirmed hours credited in a period, per member and the organisation their sign-in credited. */
export interface CreditedHoursRow {
  openid: string
  orgId: Id | null
  gridId: Id | null
  summonId: Id
  hours: number
}

export interface HoursStore {
  /**
   * Records (or moves later) the member's sign-out in the same seat or walk-in entry their sign-in marked,
   * refused without a sign-in or once the hours are confirmed (checked in the same atomic step). A repeated
   * request id answers the sign-out it made.
   */
  signOut(input: { summonId: Id; openid: string; requestId: string }, now: Date): Promise<SignOutOutcome>
  /** The summon with each confirmed sign-up and walk-in, their scans and make-ups, read in one step. */
  summonHours(summonId: Id): Promise<SummonHoursRecord | null>
  /** Confirms the summon's hours once it has ended; a repeat changes nothing (`first: false`). */
  confirm(summonId: Id, now: Date): Promise<ConfirmOutcome>
  /** Records a make-up for a member on the roster (and its audit entry, in the same atomic step). */
  makeup(
    input: {
      summonId: Id
      openid: string
      from: number
      to: number
      reason: string
      by: string
      byName: string | null
    },
    now: Date,
  ): Promise<MakeupOutcome>
  /** Every service activity of the member, all years, newest first. */
  mine(openid: string): Promise<ServiceRow[]>
  /** Make-ups, newest first. */
  audit(cursor: string | undefined, limit: number): Promise<Page<HoursAuditRow>>
  /** Saves a certificate unless its number exists (then the first one is answered). */
  issueCertificate(record: CertificateRecord): Promise<CertificateRecord>
  certificate(number: string): Promise<CertificateRecord | null>
  /** Wrong typed codes of the member for the summon since `since`. */
  wrongGuesses(summonId: Id, openid: string, since: Date): Promise<number>
  addWrongGuess(summonId: Id, openid: string, now: Date, windowMs: number): Promise<void>
  /** Confirmed, credited hours of summons starting in [start, end), for the organisation figures. */
  credited(
    range: { start: string; end: string },
    filter: { orgId?: Id; openids?: string[] },
  ): Promise<CreditedHoursRow[]>
}

export interface Store {
  hours: HoursStore
  users: UserStore
  shareCards: ShareCardStore
  follows: FollowStore
  orgs: OrgStore
  grids: GridStore
  summons: SummonStore
  checkins: CheckInStore
  plans: PlanStore
  stats: StatsStore
  outbox: OutboxStore
  codes: PosterCodeStore
  close(): void
}

export function fourOnesOf(grid: {
  leaderCount: number
  baseAddress: string
  onlineCount: number
  hasProject: boolean
}): FourOnes {
  return {
    leader: grid.leaderCount > 0,
    physicalBase: grid.baseAddress.trim().length > 0,
    onlineBase: grid.onlineCount > 0,
    project: grid.hasProject,
  }
}
