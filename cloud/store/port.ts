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
 * Not kept as a counter: a grid's member count. `grid_members` records are the truth and are counted
 * (`grids.get`) or aggregated per grid (`grids.list`, stats) when read: a counter beside an insert cannot
 * stay exact when an instance dies between the two.
 * Per-instance caches (not copies in the database): grid names (above) and admins (`users.isAdmin`, 60 s;
 * `addAdmin` on the same instance clears it, so a removed admin keeps access at most 60 s elsewhere).
 * Snapshots: `stats_snapshots` holds the overview figures the scheduled job computed, with `takenAt`;
 * `stats.overview` answers that time as `asOf`. `grids.create`/`grids.update` drop the snapshots, so a
 * new, renamed or moved grid is counted in its new town at the next overview.
 */
import { AppError } from '../core/errors'
import type {
  CheckIn,
  Decision,
  IdeaStatus,
  PlanVersion,
  CheckInRecord,
  FourOnes,
  GeoPoint,
  Grid,
  GridInput,
  GridRef,
  GridSummary,
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
} from '../../types'

/** Grid names are unique within a town (API.md v2). */
export const nameTaken = () => {
  const message = '这个镇街已经有同名的网格了，换个名字吧'
  return new AppError('CONFLICT', message, { name: message })
}

/** A grid as stored, without the viewer-specific flags. */
export type GridRecord = Omit<Grid, 'isMember' | 'isLeader' | 'canManage'>

/** What a check-in needs of its grid: the name to answer, and the fence to check. */
export type GridPlace = Pick<GridRecord, 'id' | 'name' | 'townId' | 'base' | 'requireLocation'>

/** Where a member stands with a grid (an admin's rights are the handlers' business). */
export interface GridViewer {
  isMember: boolean
  isLeader: boolean
}

export type InviteOutcome = { ok: true; gridId: Id } | { ok: false; reason: 'missing' | 'used' | 'expired' }

export interface UserStore {
  getProfile(openid: string): Promise<Profile | null>
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
  /** Consumes a single-use invite and makes the caller a leader, in one step. */
  acceptInvite(code: string, openid: string, now: Date): Promise<InviteOutcome>
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
  publishedBy: string
  confirmed: number
  waitlisted: number
  attended: number
  /** Members who checked in with the live code without a confirmed place (walk-ins), counted apart. */
  walkins: number
  withdrawnAt: string | null
  withdrawReason: string | null
  createdAt: string
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
>

export interface SummonQuery {
  scope: SummonScope
  openid: string
  gridId?: Id
  cursor?: string
  limit: number
  now: Date
}

export type SignUpOutcome =
  | { ok: true; status: 'confirmed' | 'waitlisted'; position?: number }
  | { ok: false; reason: 'missing' | 'withdrawn' | 'ended' | 'deadline' }

export type CancelOutcome =
  { ok: true; promoted: boolean } | { ok: false; reason: 'missing' | 'not_signed_up' | 'started' }

/** `first`: this call withdrew it (a repeat finds it withdrawn already and changes nothing). */
export type WithdrawOutcome =
  { ok: true; summon: SummonRecord; first: boolean } | { ok: false; reason: 'missing' | 'ended' }

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
  createdAt: string
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
  review(ideaId: Id, approve: boolean): Promise<IdeaRecord>
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
}

export interface StatsStore {
  /**
   * The snapshot a scheduled job (or an earlier overview) stored, or null. SQLite keeps none (its live
   * figures are cheap), so the overview is computed on every call there.
   */
  readSnapshot(scope: string): Promise<OverviewSnapshot | null>
  saveSnapshots(snapshots: OverviewSnapshot[]): Promise<void>
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

export interface Store {
  users: UserStore
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
