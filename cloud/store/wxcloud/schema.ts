/**
 * The cloud database's schema as code: every collection the adapter uses and the indexes its queries
 * need. The adapter, the test stand-in (which warns on a query no index here serves) and the deployment
 * steps (`npm run schema:wx`, README) all read this one file. `_id` is indexed by the platform.
 */

export type IndexField = [field: string, order: 'asc' | 'desc']

export interface CollectionSpec {
  /** What one record is, for the README table. */
  holds: string
  indexes: { name: string; fields: IndexField[]; unique?: boolean }[]
}

export const SCHEMA = {
  users: {
    holds:
      'one profile per member, with their organisation standing; `_id` is the openid; a minor (under 14) with the guardian’s consent and no phone',
    indexes: [
      {
        name: 'org_status',
        fields: [
          ['orgId', 'asc'],
          ['orgStatus', 'asc'],
        ],
      },
    ],
  },
  orgs: {
    holds: 'an organisation (团委、团支部、非公企业团组织、青年社会组织) with its listed secretaries',
    indexes: [
      { name: 'name', fields: [['name', 'asc']] },
      {
        name: 'town_name',
        fields: [
          ['townId', 'asc'],
          ['name', 'asc'],
        ],
      },
    ],
  },
  org_invites: {
    holds: 'an organisation invite (member: reusable until it expires; secretary: once); `_id` is the code',
    indexes: [],
  },
  admins: { holds: 'district admins; `_id` is the openid', indexes: [] },
  grids: {
    holds: 'a grid with its leaders (openids and copied names) and its base',
    indexes: [
      {
        name: 'town_name',
        fields: [
          ['townId', 'asc'],
          ['name', 'asc'],
        ],
      },
      { name: 'leaders', fields: [['leaders', 'asc']] },
      // The member-total fold (cloud/jobs/memberTotals.ts): grids counted up to a time (issue 16).
      { name: 'counted', fields: [['countedAt', 'asc']] },
    ],
  },
  grid_members: {
    holds: 'a member of a grid (`gridId_openid`), with the poster check-in window',
    indexes: [
      {
        name: 'openid_joined',
        fields: [
          ['openid', 'asc'],
          ['joinedAt', 'asc'],
        ],
      },
      { name: 'grid', fields: [['gridId', 'asc']] },
      // grids.members: a grid's members newest first (issue 12).
      {
        name: 'grid_joined',
        fields: [
          ['gridId', 'asc'],
          ['joinedAt', 'desc'],
        ],
      },
      // The member-total fold: the district's joins of a time window, grouped by grid (issue 16).
      { name: 'joined', fields: [['joinedAt', 'asc']] },
    ],
  },
  invites: {
    holds: 'a single-use leader invite (revocable by admins: `revokedAt`); `_id` is the code',
    indexes: [
      // grids.invites: a grid's open invites, latest expiry first (issue 12).
      {
        name: 'grid_expires',
        fields: [
          ['gridId', 'asc'],
          ['expiresAt', 'desc'],
        ],
      },
    ],
  },
  grid_names: {
    holds: 'a grid name taken in a town (`_id` derives from town and name), so two grids cannot share it',
    indexes: [],
  },
  summons: {
    holds:
      'a summon; its places (`seats`), waitlist (`waiting`) and walk-ins live in the record itself, and its share card (`card`, as in share_cards)',
    indexes: [
      {
        name: 'open',
        fields: [
          ['withdrawnAt', 'asc'],
          ['endAt', 'asc'],
        ],
      },
      { name: 'start', fields: [['startAt', 'asc']] },
      {
        name: 'open_start',
        fields: [
          ['withdrawnAt', 'asc'],
          ['startAt', 'asc'],
        ],
      },
      {
        name: 'span',
        fields: [
          ['withdrawnAt', 'asc'],
          ['spanMs', 'desc'],
        ],
      },
      {
        name: 'plan',
        fields: [
          ['planId', 'asc'],
          ['createdAt', 'asc'],
        ],
      },
      {
        name: 'grid_start',
        fields: [
          ['gridId', 'asc'],
          ['startAt', 'desc'],
        ],
      },
      { name: 'created', fields: [['createdAt', 'desc']] },
      { name: 'ended', fields: [['endAt', 'desc']] },
      {
        name: 'org_start',
        fields: [
          ['orgId', 'asc'],
          ['startAt', 'desc'],
        ],
      },
      {
        name: 'makeups',
        fields: [
          ['makeupCount', 'asc'],
          ['lastMakeupAt', 'desc'],
        ],
      },
    ],
  },
  signups: {
    holds: "a member's sign-up (`summonId_openid`): the index of 我的报名, repaired from the summon record",
    indexes: [
      {
        name: 'openid_status',
        fields: [
          ['openid', 'asc'],
          ['status', 'asc'],
        ],
      },
      { name: 'summon', fields: [['summonId', 'asc']] },
      // The sign-up export, newest summons first (stats.export signups).
      { name: 'start', fields: [['startAt', 'desc']] },
      {
        name: 'openid_start',
        fields: [
          ['openid', 'asc'],
          ['status', 'asc'],
          ['startAt', 'desc'],
          ['summonId', 'desc'],
        ],
      },
    ],
  },
  checkins: {
    holds: 'a check-in; `_id` derives from (openid, requestId)',
    indexes: [
      {
        name: 'openid_at',
        fields: [
          ['openid', 'asc'],
          ['at', 'desc'],
        ],
      },
      { name: 'at', fields: [['at', 'desc']] },
      {
        name: 'org_at',
        fields: [
          ['orgId', 'asc'],
          ['at', 'desc'],
        ],
      },
      {
        name: 'grid_at',
        fields: [
          ['gridId', 'asc'],
          ['at', 'desc'],
        ],
      },
    ],
  },
  plans: {
    holds: 'a plan (方案) with its idea and adoption counts',
    indexes: [
      {
        name: 'grid_created',
        fields: [
          ['gridId', 'asc'],
          ['createdAt', 'desc'],
        ],
      },
      { name: 'created', fields: [['createdAt', 'desc']] },
    ],
  },
  plan_versions: {
    holds: 'an earlier text of a plan (`planId_version`)',
    indexes: [
      {
        name: 'plan_version',
        fields: [
          ['planId', 'asc'],
          ['version', 'desc'],
        ],
      },
    ],
  },
  ideas: {
    holds: 'an idea on a plan',
    indexes: [
      {
        name: 'plan_created',
        fields: [
          ['planId', 'asc'],
          ['createdAt', 'desc'],
        ],
      },
      { name: 'openid', fields: [['openid', 'asc']] },
      { name: 'status', fields: [['status', 'asc']] },
    ],
  },
  idea_likes: {
    holds: 'one like (`ideaId_openid`)',
    indexes: [
      {
        name: 'openid_plan',
        fields: [
          ['openid', 'asc'],
          ['planId', 'asc'],
        ],
      },
    ],
  },
  idea_rates: { holds: "a member's recent idea times (the rate limit); `_id` is the openid", indexes: [] },
  summon_credits: {
    holds: 'a member credited on a summon for an adopted idea',
    indexes: [{ name: 'summon', fields: [['summonId', 'asc']] }],
  },
  outbox: {
    holds: 'a copy of every message sent',
    indexes: [
      {
        name: 'openid_created',
        fields: [
          ['openid', 'asc'],
          ['createdAt', 'desc'],
        ],
      },
    ],
  },
  grid_follows: {
    holds: 'a member following a grid (`gridId_openid`) with the one-time subscriptions banked',
    indexes: [
      {
        name: 'grid_openid',
        fields: [
          ['gridId', 'asc'],
          ['openid', 'asc'],
        ],
      },
    ],
  },
  summon_announcements: {
    holds: 'a new summon waiting to be sent to its grid’s followers; `_id` is the summon',
    indexes: [
      {
        name: 'waiting',
        fields: [
          ['claimedAt', 'asc'],
          ['createdAt', 'asc'],
        ],
      },
    ],
  },
  share_cards: {
    holds: 'a summon’s updatable share card: its activity id, expiry and the state last pushed; `_id` is the summon',
    indexes: [{ name: 'expiry', fields: [['expiresAt', 'asc']] }],
  },
  poster_codes: { holds: 'a rendered poster code image; `_id` is the scene', indexes: [] },
  job_marks: {
    holds:
      "a scheduled job's progress (`_id` is the job: `member_totals` keeps `foldedTo`, the time every grid's member total has been folded up to)",
    indexes: [],
  },
  stats_snapshots: {
    holds: 'the territory overview the job keeps, with the time it was taken',
    indexes: [{ name: 'taken', fields: [['takenAt', 'desc']] }],
  },
  stats_grids: {
    holds:
      'issue 16: one grid’s kept figures in one of two slots (`slot_gridId`), with the keys of each `stats.grids` order and filter; the slot `stats_heads` names is read',
    indexes: [
      {
        name: 'incompleteFirst',
        fields: [
          ['slot', 'asc'],
          ['negMissing', 'asc'],
          ['score', 'asc'],
          ['name', 'asc'],
          ['gridId', 'asc'],
        ],
      },
      {
        name: 'incompleteFirst_incomplete',
        fields: [
          ['slot', 'asc'],
          ['incomplete', 'asc'],
          ['negMissing', 'asc'],
          ['score', 'asc'],
          ['name', 'asc'],
          ['gridId', 'asc'],
        ],
      },
      {
        name: 'incompleteFirst_quiet',
        fields: [
          ['slot', 'asc'],
          ['quiet', 'asc'],
          ['negMissing', 'asc'],
          ['score', 'asc'],
          ['name', 'asc'],
          ['gridId', 'asc'],
        ],
      },
      {
        name: 'incompleteFirst_town',
        fields: [
          ['slot', 'asc'],
          ['townId', 'asc'],
          ['negMissing', 'asc'],
          ['score', 'asc'],
          ['name', 'asc'],
          ['gridId', 'asc'],
        ],
      },
      {
        name: 'incompleteFirst_town_incomplete',
        fields: [
          ['slot', 'asc'],
          ['townId', 'asc'],
          ['incomplete', 'asc'],
          ['negMissing', 'asc'],
          ['score', 'asc'],
          ['name', 'asc'],
          ['gridId', 'asc'],
        ],
      },
      {
        name: 'incompleteFirst_town_quiet',
        fields: [
          ['slot', 'asc'],
          ['townId', 'asc'],
          ['quiet', 'asc'],
          ['negMissing', 'asc'],
          ['score', 'asc'],
          ['name', 'asc'],
          ['gridId', 'asc'],
        ],
      },
      {
        name: 'score',
        fields: [
          ['slot', 'asc'],
          ['negScore', 'asc'],
          ['name', 'asc'],
          ['gridId', 'asc'],
        ],
      },
      {
        name: 'score_incomplete',
        fields: [
          ['slot', 'asc'],
          ['incomplete', 'asc'],
          ['negScore', 'asc'],
          ['name', 'asc'],
          ['gridId', 'asc'],
        ],
      },
      {
        name: 'score_quiet',
        fields: [
          ['slot', 'asc'],
          ['quiet', 'asc'],
          ['negScore', 'asc'],
          ['name', 'asc'],
          ['gridId', 'asc'],
        ],
      },
      {
        name: 'score_town',
        fields: [
          ['slot', 'asc'],
          ['townId', 'asc'],
          ['negScore', 'asc'],
          ['name', 'asc'],
          ['gridId', 'asc'],
        ],
      },
      {
        name: 'score_town_incomplete',
        fields: [
          ['slot', 'asc'],
          ['townId', 'asc'],
          ['incomplete', 'asc'],
          ['negScore', 'asc'],
          ['name', 'asc'],
          ['gridId', 'asc'],
        ],
      },
      {
        name: 'score_town_quiet',
        fields: [
          ['slot', 'asc'],
          ['townId', 'asc'],
          ['quiet', 'asc'],
          ['negScore', 'asc'],
          ['name', 'asc'],
          ['gridId', 'asc'],
        ],
      },
      {
        name: 'activity',
        fields: [
          ['slot', 'asc'],
          ['negActivity', 'asc'],
          ['name', 'asc'],
          ['gridId', 'asc'],
        ],
      },
      {
        name: 'activity_incomplete',
        fields: [
          ['slot', 'asc'],
          ['incomplete', 'asc'],
          ['negActivity', 'asc'],
          ['name', 'asc'],
          ['gridId', 'asc'],
        ],
      },
      {
        name: 'activity_quiet',
        fields: [
          ['slot', 'asc'],
          ['quiet', 'asc'],
          ['negActivity', 'asc'],
          ['name', 'asc'],
          ['gridId', 'asc'],
        ],
      },
      {
        name: 'activity_town',
        fields: [
          ['slot', 'asc'],
          ['townId', 'asc'],
          ['negActivity', 'asc'],
          ['name', 'asc'],
          ['gridId', 'asc'],
        ],
      },
      {
        name: 'activity_town_incomplete',
        fields: [
          ['slot', 'asc'],
          ['townId', 'asc'],
          ['incomplete', 'asc'],
          ['negActivity', 'asc'],
          ['name', 'asc'],
          ['gridId', 'asc'],
        ],
      },
      {
        name: 'activity_town_quiet',
        fields: [
          ['slot', 'asc'],
          ['townId', 'asc'],
          ['quiet', 'asc'],
          ['negActivity', 'asc'],
          ['name', 'asc'],
          ['gridId', 'asc'],
        ],
      },
    ],
  },
  stats_heads: {
    holds: 'issue 16: which slot of `stats_grids` is read and the time its figures were taken (`_id` grids)',
    indexes: [],
  },
  stats_summaries: {
    holds: 'issue 16: the kept totals, weeks and towns of the district or a town (`_id` the scope)',
    indexes: [],
  },
  service_hours: {
    holds:
      "a member's volunteer hours on one summon (`summonId_openid`): the index of 我的志愿时长, written after the summon record and rewritten from it by the confirmation",
    indexes: [
      {
        name: 'openid_start',
        fields: [
          ['openid', 'asc'],
          ['startAt', 'desc'],
        ],
      },
      { name: 'summon', fields: [['summonId', 'asc']] },
      {
        name: 'start_confirmed',
        fields: [
          ['startAt', 'asc'],
          ['confirmedAt', 'asc'],
        ],
      },
    ],
  },
  hours_certificates: {
    holds: 'a 志愿服务记录证明 as first issued (member, year, total, name); `_id` is its number',
    indexes: [],
  },
  code_guesses: {
    holds: "a member's wrong typed live codes for one summon (`summonId_openid`) in the current window",
    indexes: [],
  },
} satisfies Record<string, CollectionSpec>

export type CollectionName = keyof typeof SCHEMA

export const COLLECTIONS = Object.keys(SCHEMA) as CollectionName[]
