/** The action map of the cloud API contract (v1): `'function.action': { req, res }`. */
import type {
  Affiliation,
  CheckIn,
  CheckInRecord,
  Decision,
  ExportKind,
  FollowState,
  ShareCard,
  GeoPoint,
  Grid,
  GridBase,
  GridKind,
  GridProject,
  GridCheckInRow,
  GridMemberRow,
  GridStats,
  GridSummary,
  HoursAuditItem,
  HoursCertificate,
  HoursItem,
  HoursRoster,
  HoursRosterItem,
  HoursTotals,
  HoursVerification,
  InviteInfo,
  LeaderInvite,
  Id,
  Idea,
  IsoTime,
  LivePhase,
  Me,
  OrgDetail,
  OrgKind,
  OrgMemberFilter,
  OrgMemberRow,
  OrgReceipt,
  OrgScoreWeights,
  OrgStatsItem,
  OrgSummary,
  Quarter,
  MySignUp,
  OnlineBase,
  Page,
  Plan,
  PlanDetail,
  PlanListItem,
  ScoreWeights,
  Profile,
  RosterEntry,
  StatsTotals,
  TownStats,
  GridsFilter,
  GridsSort,
  RankedGridStats,
  Summon,
  SummonDetail,
  SummonListItem,
  Town,
  WeekCount,
} from './models'

type Empty = Record<string, never>

/**
 * What an export answers (`filename`, `csv` as in API.md v2). A small file comes inline in `csv`; a large one
 * (more than 256 KB: a cloud function's answer must stay small) is written whole to cloud storage and
 * handed back as a link: then `csv` is empty and `url` (valid until `expiresAt`) downloads it. On the cloud
 * `fileID` names the stored file too (the mini program downloads it with `wx.cloud.downloadFile`).
 */
export interface ExportFile {
  filename: string
  csv: string
  url?: string
  expiresAt?: IsoTime
  fileID?: string
}

export interface UpdateProfileReq {
  name: string
  phone?: string
  org?: string
  affiliation: Affiliation
  /** Beyond v2: the member is under 14 (then `guardian` is required and `phone` refused). */
  minor?: boolean
  /** Beyond v2: a guardian's consent, required for a minor; recorded with the time it was given. */
  guardian?: { name: string; consent: true }
  /** Beyond v2: the member agreed to the phone's own consent text; recorded as `phoneConsentAt`. */
  phoneConsent?: boolean
}

export interface GridInput {
  name: string
  townId: Id
  kind: GridKind
  base: GridBase
  online?: OnlineBase[]
  project?: GridProject | null
  requireLocation?: boolean
}

export type GridUpdateReq = { gridId: Id } & Partial<GridInput>

export interface PublishSummonReq {
  gridId?: Id
  title: string
  body: string
  place: string
  startAt: IsoTime
  endAt: IsoTime
  signUpDeadline?: IsoTime
  capacity?: number
  tags?: string[]
  hours?: number
  /** The finalized plan this summon carries out (its adopted authors are credited). */
  planId?: Id
  /** A 二维召集令 of this organisation, published by its secretary (with a grid, or district-wide without). */
  orgId?: Id
}

/**
 * Beyond v2: a leader's edit of a published summon. `null` clears the sign-up deadline or the capacity
 * (no limit); at least one field besides `summonId`.
 */
export interface UpdateSummonReq {
  summonId: Id
  place?: string
  startAt?: IsoTime
  endAt?: IsoTime
  signUpDeadline?: IsoTime | null
  capacity?: number | null
}

export interface OrgInput {
  name: string
  kind: OrgKind
  townId?: Id
  parentId?: Id
}

export type OrgUpdateReq = { orgId: Id } & Partial<OrgInput>

export type OrgJoinReq = { inviteCode: string } | { orgId: Id }

/** `org`: the 二维召集令 of the caller's organisation. */
export type SummonScope = 'open' | 'mine' | 'grid' | 'org'

export interface ActionMap {
  'account.me': { req: Empty; res: Me }
  'account.updateProfile': { req: UpdateProfileReq; res: Profile }
  /**
   * Beyond v2: the number behind a `getPhoneNumber` button's code (WeChat's fast verification), for the
   * profile form to fill in; nothing is saved until the member saves the profile with the phone's consent.
   */
  'account.verifyPhone': { req: { code: string }; res: { phone: string } }

  'grids.towns': { req: Empty; res: Town[] }
  'grids.list': { req: { townId?: Id; q?: string }; res: GridSummary[] }
  'grids.get': { req: { gridId: Id }; res: Grid }
  'grids.create': { req: GridInput; res: Grid }
  'grids.update': { req: GridUpdateReq; res: Grid }
  /** Beyond v2: an admin archives (停用) a grid, or brings it back (`archived: false`). */
  'grids.archive': { req: { gridId: Id; archived: boolean }; res: Grid }
  /**
   * `scene` opens the invite page from a mini-program code (`I.<inviteCode>`); `image` is that code
   * (`wxacode.getUnlimited`: a cloud file id in production, a data URL locally), drawn with `withImage`
   * (the mini program asks for it), absent when it failed.
   */
  'grids.invite': {
    req: { gridId: Id; withImage?: boolean }
    res: { inviteCode: string; expiresAt: IsoTime; scene: string; image?: string }
  }
  /** What the invite page shows before it is accepted: the grid, who invites, and whether it still works. */
  'grids.inviteInfo': { req: { inviteCode: string }; res: InviteInfo }
  'grids.acceptInvite': { req: { inviteCode: string }; res: { gridId: Id } }
  /**
   * Beyond v2 (issue 12), district admins: removes a leader (named by `Grid.leaders[].userId`); the person
   * stays a member of the grid. The last leader may be removed (the grid then has none). A `userId` that
   * leads the grid no more changes nothing (a repeat answers the grid as it stands).
   */
  'grids.removeLeader': { req: { gridId: Id; userId: Id }; res: Grid }
  /** Beyond v2, district admins: the grid's open leader invites, newest expiry first. */
  'grids.invites': { req: { gridId: Id }; res: { items: LeaderInvite[] } }
  /**
   * Beyond v2, district admins (any of them, not only its maker): withdraws an open invite; it then fails
   * `inviteInfo` (state `revoked`) and `acceptInvite` (CLOSED). A used one is refused (CONFLICT); a repeat
   * answers the same.
   */
  'grids.revokeInvite': { req: { gridId: Id; inviteCode: string }; res: { inviteCode: string; revoked: true } }
  /**
   * Beyond v2 (关注网格动态): follows or stops following a grid. `subscribed: true` says the member accepted
   * the one-time subscription prompt of this very tap: one more message is banked.
   */
  'grids.follow': { req: { gridId: Id; follow: boolean; subscribed?: boolean }; res: FollowState }
  /** Beyond v2: whether the caller follows the grid and will be told of its next summon. */
  'grids.following': { req: { gridId: Id }; res: FollowState }
  /** Beyond v2: the grid's members for its leaders, newest first, a page at a time. */
  'grids.members': { req: { gridId: Id; cursor?: string }; res: Page<GridMemberRow> }
  /** Beyond v2: the grid's check-in history for its leaders (posters and its summons), newest first. */
  'grids.checkins': { req: { gridId: Id; cursor?: string }; res: Page<GridCheckInRow> }
  'grids.posterCode': {
    req: { gridId: Id }
    /** `image` is a data URL (PNG) locally, a cloud file id in production. */
    res: { scene: string; page: string; image?: string }
  }

  /**
   * A scanned code, or (beyond v2, issue 12) the 6-digit code typed from the summon's page: then `summonId`
   * names the summon and `code` is the short code shown under its live code (valid for the same rotation).
   * Wrong typed codes are limited per member and summon (RATE_LIMITED, with a wait in the message).
   * A code of the `out` phase signs the member out (签退) of a service summon: refused (CONFLICT) without a
   * sign-in; a second sign-out moves it later; after the leader confirmed the hours, CLOSED.
   */
  'checkin.scan': {
    req: { code: string; requestId: string; location?: GeoPoint; summonId?: Id }
    res: {
      /** The check-in; for a sign-out, one standing for it (`at` is the sign-out's time). */
      checkIn: CheckIn
      /** The grid credited; `id` is null for a district-wide summon. */
      grid: { id: Id | null; name: string }
      summon?: { id: Id; title: string }
      firstReport: boolean
      duplicate: boolean
      /** Beyond v2: `out` for a sign-out; absent (or `in`) for a check-in. */
      phase?: LivePhase
      /**
       * Beyond v2, for a sign-out: its time and the hours the scans give so far (pending the leader's
       * confirmation); `note` says why nothing counts (不足 60%).
       */
      signOut?: { signInAt: IsoTime; signOutAt: IsoTime; hours: number; note?: string }
    }
  }
  'checkin.liveCode': {
    /** `phase` (beyond v2): `out` shows the sign-out code (签退) of a service summon; `in` by default. */
    req: { summonId: Id; phase?: LivePhase }
    res: {
      code: string
      expiresAt: IsoTime
      rotateSeconds: number
      /** Beyond v1: the codes of the next rotations, so the leader's phone rotates without a call each time. */
      upcoming: { code: string; validFrom: IsoTime; shortCode: string }[]
      /** Beyond v2: the phase these codes are for. */
      phase: LivePhase
      /** Beyond v2 (issue 12): 6 digits a member can type on the summon's page, valid as long as `code`. */
      shortCode: string
    }
  }
  'checkin.mine': { req: { cursor?: string }; res: Page<CheckInRecord> }

  'summons.publish': { req: PublishSummonReq; res: Summon }
  'summons.list': {
    req: { scope?: SummonScope; gridId?: Id; cursor?: string; limit?: number }
    res: Page<SummonListItem>
  }
  'summons.get': { req: { summonId: Id }; res: SummonDetail }
  'summons.signUp': { req: { summonId: Id }; res: MySignUp & { status: 'confirmed' | 'waitlisted' } }
  'summons.cancel': { req: { summonId: Id }; res: { status: 'cancelled'; promoted: boolean } }
  'summons.roster': { req: { summonId: Id }; res: { items: RosterEntry[] } }
  'summons.withdraw': { req: { summonId: Id; reason: string }; res: Summon }
  /**
   * Beyond v2: edits the time, place or capacity. A raised capacity promotes from the waitlist at once
   * (`promoted` members, told as any promotion); a capacity under the places taken is refused (CONFLICT);
   * a new time or place is told to every confirmed and waitlisted member (`notified`).
   */
  'summons.update': { req: UpdateSummonReq; res: Summon & { promoted: number; notified: number } }
  /**
   * Beyond v2 (动态消息): the updatable share card of a summon with a capacity, its activity renewed when
   * it is about to expire; null for a summon without a capacity, withdrawn or ended.
   */
  'summons.shareCard': { req: { summonId: Id }; res: ShareCard | null }
  /** Beyond v1: the roster as a CSV file (UTF-8 with BOM) for the leader. */
  'summons.exportRoster': { req: { summonId: Id }; res: ExportFile }

  'plans.publish': { req: { gridId: Id; title: string; draft: string; ideasUntil?: IsoTime }; res: Plan }
  'plans.list': { req: { gridId?: Id; cursor?: string }; res: Page<PlanListItem> }
  'plans.get': { req: { planId: Id; sort?: 'newest' | 'likes'; cursor?: string }; res: PlanDetail }
  /** Beyond v1: edit the draft (a new version; earlier ones stay readable). */
  'plans.update': { req: { planId: Id; title?: string; draft?: string; ideasUntil?: IsoTime | null }; res: Plan }
  /** Beyond v1: mark the plan final (已定稿); ideas are closed. */
  'plans.finalize': { req: { planId: Id }; res: Plan }
  /**
   * Beyond v1: approve or reject an idea held for review. Beyond v2 (issue 12): a rejection needs `reason`
   * (1–100 characters, an emoji counting one), stored on the idea and shown to its author; the author is
   * told of either outcome through the notification port.
   */
  'plans.reviewIdea': { req: { ideaId: Id; approve: boolean; reason?: string }; res: Idea }
  'plans.addIdea': { req: { planId: Id; content: string }; res: Idea }
  'plans.likeIdea': { req: { ideaId: Id; like: boolean }; res: { likes: number; likedByMe: boolean } }
  'plans.replyIdea': { req: { ideaId: Id; decision: Decision; reply: string }; res: Idea }

  'stats.overview': {
    /** `fresh: true` recomputes the figures now instead of answering the latest snapshot (costs more). */
    /**
     * `summary: true` (beyond v2, issue 16) answers `grids: []`: the totals, weeks and towns only, a constant
     * size whatever the number of grids (page the grids with `stats.grids`).
     */
    req: { townId?: Id; fresh?: boolean; summary?: true }
    /**
     * `weeks` (check-ins per week, last 12) and `weights` go beyond v1. `asOf`: when the figures were
     * computed (the cloud answers the scheduled job's snapshot; locally a snapshot is answered while
     * nothing it counts has changed, for at most a minute). `GridStats.walkins` and `totals.walkins`
     * (现场签到) go beyond v2. `towns` (beyond v2): each town with its grids summed (the district's
     * towns, or the one asked for).
     */
    res: {
      totals: StatsTotals
      grids: GridStats[]
      weeks: WeekCount[]
      weights: ScoreWeights
      asOf: IsoTime
      towns?: TownStats[]
    }
  }
  /**
   * Beyond v2 (issue 16): one page (20) of the grids' figures, filtered and in the order asked for
   * (`filter` 'all' and `sort` 'incompleteFirst' by default), read from the kept figures through an index:
   * a page costs the same whatever the number of grids. `quiet` is as of `asOf` (when the figures were
   * taken; a later page may come from newer figures and says so). `rank` is the position in that order.
   */
  'stats.grids': {
    req: { townId?: Id; filter?: GridsFilter; sort?: GridsSort; cursor?: string }
    res: Page<RankedGridStats> & { asOf: IsoTime }
  }
  /** Organisations' report and participation rates in a quarter (the current one by default), weakest first. */
  'stats.orgs': {
    req: { townId?: Id; quarter?: Quarter }
    /**
     * `weights` (of each item's `score`) goes beyond the table. `matrix[].townId` (beyond v2, issue
     * 16): the town the grid is in, absent for a grid no longer listed.
     */
    res: {
      items: OrgStatsItem[]
      matrix: { orgId: Id; gridId: Id; members: number; townId?: Id }[]
      weights: OrgScoreWeights
    }
  }
  'stats.export': { req: { kind: ExportKind }; res: ExportFile }

  'orgs.list': { req: { townId?: Id; q?: string; cursor?: string }; res: Page<OrgSummary> }
  'orgs.get': { req: { orgId: Id }; res: OrgDetail }
  'orgs.create': { req: OrgInput; res: OrgSummary }
  'orgs.update': { req: OrgUpdateReq; res: OrgSummary }
  /** A member invite may be used by many until it expires; a secretary invite once. */
  'orgs.invite': { req: { orgId: Id; role: 'member' | 'secretary' }; res: { inviteCode: string; expiresAt: IsoTime } }
  /** An invite joins at once; a request by id waits for a secretary. */
  'orgs.join': { req: OrgJoinReq; res: { orgId: Id; status: 'member' | 'pending' } }
  'orgs.decide': { req: { orgId: Id; openid: string; accept: boolean }; res: { status: 'member' | 'declined' } }
  'orgs.leave': { req: Empty; res: { orgId: null } }
  'orgs.members': {
    req: { orgId: Id; quarter?: Quarter; filter?: OrgMemberFilter; cursor?: string }
    res: Page<OrgMemberRow>
  }
  'orgs.receipt': { req: { orgId: Id; openid?: string; quarter: Quarter }; res: OrgReceipt }
  'orgs.export': { req: { orgId: Id; quarter: Quarter }; res: ExportFile }
  /**
   * Beyond the table: the organisation's permanent code for its poster (`O.<orgId>`, opening the
   * check-in page as a grid poster's does); scanning it opens the organisation to ask to join (待审核).
   * `image` is a data URL (PNG) locally, a cloud file id in production.
   */
  'orgs.posterCode': { req: { orgId: Id }; res: { scene: string; page: string; image?: string } }

  /** 志愿时长 (issue 15): the caller's service activities in a year (this one by default), newest first. */
  'hours.mine': {
    req: { year?: number; cursor?: string }
    res: { totals: HoursTotals; items: HoursItem[]; nextCursor?: string; year: number }
  }
  /** Leader of the summon's grid (secretary for a 二维召集令; admins): each member's scans and hours. */
  'hours.roster': { req: { summonId: Id }; res: HoursRoster }
  /**
   * 确认时长, after the end only (CLOSED before): locks each member's hours as computed (or made up).
   * `confirmed`: members credited with hours; a repeat answers the same and changes nothing.
   */
  'hours.confirm': { req: { summonId: Id }; res: { confirmed: number; confirmedAt: IsoTime } }
  /**
   * 补录 by the summon's leader, for a member on its roster (a confirmed sign-up or a walk-in), after the
   * start; `hours` in half hours from 0 to the summon's hours (more is refused); reason 2–100 characters.
   */
  'hours.makeup': {
    req: { summonId: Id; openid: string; hours: number; reason: string }
    res: HoursRosterItem
  }
  /** Admins: every make-up, newest first. */
  'hours.audit': { req: { cursor?: string }; res: { items: HoursAuditItem[]; nextCursor?: string } }
  /** The caller's 志愿服务记录证明 for a year (this one by default): confirmed hours only. */
  'hours.certificate': { req: { year?: number }; res: HoursCertificate }
  /** Checks a certificate number (any signed-in caller); a changed or unknown number is `{ valid: false }`. */
  'hours.verify': { req: { number: string }; res: HoursVerification }
  /** The summon's hours roster as a CSV file (UTF-8 with BOM, Excel-safe), for its leader. */
  'hours.export': { req: { summonId: Id }; res: ExportFile }
}

export type ActionName = keyof ActionMap
export type ReqOf<A extends ActionName> = ActionMap[A]['req']
export type ResOf<A extends ActionName> = ActionMap[A]['res']

/** `'summons.signUp'` → `'summons'`. */
export type FunctionOf<A extends ActionName> = A extends `${infer F}.${string}` ? F : never
export type FunctionName = FunctionOf<ActionName>
