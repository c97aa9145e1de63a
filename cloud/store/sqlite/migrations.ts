/**
 * Versioned schema migrations. `PRAGMA user_version` records the last one applied; each runs in a
 * transaction with the version bump, so a crash never leaves a half-migrated database.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: accounts and grids
  `
  CREATE TABLE towns (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    sort INTEGER NOT NULL
  );
  CREATE TABLE users (
    openid TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    phone TEXT,
    org TEXT,
    affiliation TEXT NOT NULL CHECK (affiliation IN ('league', 'social', 'none')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE admins (
    openid TEXT PRIMARY KEY
  );
  CREATE TABLE grids (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    town_id TEXT NOT NULL REFERENCES towns(id),
    kind TEXT NOT NULL CHECK (kind IN ('community', 'building', 'park', 'rural', 'circle')),
    base_address TEXT NOT NULL DEFAULT '',
    base_lat REAL,
    base_lng REAL,
    base_radius_m INTEGER,
    online_json TEXT NOT NULL DEFAULT '[]',
    project_name TEXT,
    project_summary TEXT,
    require_location INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX grids_town ON grids(town_id);
  CREATE TABLE grid_leaders (
    grid_id TEXT NOT NULL REFERENCES grids(id) ON DELETE CASCADE,
    openid TEXT NOT NULL,
    since TEXT NOT NULL,
    PRIMARY KEY (grid_id, openid)
  );
  CREATE INDEX grid_leaders_openid ON grid_leaders(openid);
  CREATE TABLE grid_members (
    grid_id TEXT NOT NULL REFERENCES grids(id) ON DELETE CASCADE,
    openid TEXT NOT NULL,
    joined_at TEXT NOT NULL,
    PRIMARY KEY (grid_id, openid)
  );
  CREATE INDEX grid_members_openid ON grid_members(openid);
  CREATE TABLE invites (
    code TEXT PRIMARY KEY,
    grid_id TEXT NOT NULL REFERENCES grids(id) ON DELETE CASCADE,
    created_by TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_by TEXT,
    used_at TEXT
  );
  `,
  // 2: summons, sign-ups and the notification outbox
  `
  CREATE TABLE summons (
    id TEXT PRIMARY KEY,
    grid_id TEXT REFERENCES grids(id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    place TEXT NOT NULL,
    start_at TEXT NOT NULL,
    end_at TEXT NOT NULL,
    sign_up_deadline TEXT,
    capacity INTEGER,
    tags_json TEXT NOT NULL DEFAULT '[]',
    hours REAL NOT NULL DEFAULT 0,
    plan_id TEXT,
    published_by TEXT NOT NULL,
    confirmed INTEGER NOT NULL DEFAULT 0,
    waitlisted INTEGER NOT NULL DEFAULT 0,
    wait_seq INTEGER NOT NULL DEFAULT 0,
    withdrawn_at TEXT,
    withdraw_reason TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (capacity IS NULL OR confirmed <= capacity),
    CHECK (confirmed >= 0 AND waitlisted >= 0)
  );
  CREATE INDEX summons_start ON summons(start_at, id);
  CREATE INDEX summons_grid ON summons(grid_id, start_at);
  CREATE TABLE signups (
    summon_id TEXT NOT NULL REFERENCES summons(id),
    openid TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
    wait_seq INTEGER,
    signed_up_at TEXT NOT NULL,
    confirmed_at TEXT,
    promoted_at TEXT,
    promotion_notified_at TEXT,
    reminded_at TEXT,
    cancelled_at TEXT,
    attended_at TEXT,
    PRIMARY KEY (summon_id, openid)
  );
  CREATE INDEX signups_openid ON signups(openid, status);
  CREATE INDEX signups_waitlist ON signups(summon_id, status, wait_seq);
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    openid TEXT NOT NULL,
    template TEXT NOT NULL,
    page TEXT NOT NULL,
    data_json TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  `,
  // 3: check-ins
  `
  CREATE TABLE checkins (
    id TEXT PRIMARY KEY,
    openid TEXT NOT NULL,
    request_id TEXT NOT NULL,
    grid_id TEXT REFERENCES grids(id),
    summon_id TEXT REFERENCES summons(id),
    method TEXT NOT NULL CHECK (method IN ('poster', 'live')),
    verified_json TEXT NOT NULL,
    lat REAL,
    lng REAL,
    accuracy REAL,
    distance_m REAL,
    first_report INTEGER NOT NULL DEFAULT 0,
    at TEXT NOT NULL,
    UNIQUE (openid, request_id),
    CHECK (grid_id IS NOT NULL OR summon_id IS NOT NULL)
  );
  CREATE INDEX checkins_member ON checkins(openid, at);
  CREATE INDEX checkins_grid ON checkins(grid_id, at);
  CREATE INDEX checkins_summon ON checkins(summon_id, openid);
  CREATE INDEX checkins_at ON checkins(at);
  `,
  // 4: plans, ideas, likes and the credits of adopted ideas
  `
  CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    grid_id TEXT NOT NULL REFERENCES grids(id),
    title TEXT NOT NULL,
    draft TEXT NOT NULL,
    ideas_until TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    published_by TEXT NOT NULL,
    finalized_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX plans_grid ON plans(grid_id, created_at);
  CREATE INDEX plans_created ON plans(created_at, id);
  CREATE TABLE plan_versions (
    plan_id TEXT NOT NULL REFERENCES plans(id),
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    draft TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (plan_id, version)
  );
  CREATE TABLE ideas (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id),
    openid TEXT NOT NULL,
    content TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('visible', 'pending_review', 'rejected')),
    likes INTEGER NOT NULL DEFAULT 0 CHECK (likes >= 0),
    decision TEXT CHECK (decision IN ('adopted', 'partial', 'declined')),
    reply TEXT,
    decided_at TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX ideas_plan ON ideas(plan_id, created_at);
  CREATE INDEX ideas_author ON ideas(openid, created_at);
  CREATE TABLE idea_likes (
    idea_id TEXT NOT NULL REFERENCES ideas(id),
    openid TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (idea_id, openid)
  );
  CREATE TABLE summon_credits (
    summon_id TEXT NOT NULL REFERENCES summons(id),
    idea_id TEXT NOT NULL REFERENCES ideas(id),
    openid TEXT NOT NULL,
    PRIMARY KEY (summon_id, idea_id)
  );
  `,
  // 5: quiet-grid notices
  `
  CREATE TABLE grid_notices (
    grid_id TEXT PRIMARY KEY REFERENCES grids(id),
    quiet_notified_at TEXT NOT NULL
  );
  CREATE INDEX summons_created ON summons(created_at);
  CREATE INDEX ideas_created ON ideas(created_at);
  `,
  // 6: the attended members of a summon, counted without walking every confirmed sign-up
  `
  CREATE INDEX signups_attended ON signups(summon_id) WHERE status = 'confirmed' AND attended_at IS NOT NULL;
  `,
  // 7: rendered poster codes, one per scene (the WeChat platform caches its uploads here)
  `
  CREATE TABLE poster_codes (
    scene TEXT PRIMARY KEY,
    file_id TEXT NOT NULL,
    page TEXT NOT NULL,
    saved_at TEXT NOT NULL
  );
  `,
  // 8: minors (PIPL art. 31) and the phone's own consent
  `
  ALTER TABLE users ADD COLUMN minor INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE users ADD COLUMN guardian_name TEXT;
  ALTER TABLE users ADD COLUMN guardian_consent_at TEXT;
  ALTER TABLE users ADD COLUMN phone_consent_at TEXT;
  `,
  // 9: following a grid (关注网格动态) and the queue of new summons to announce to its followers
  `
  CREATE TABLE grid_follows (
    grid_id TEXT NOT NULL REFERENCES grids(id),
    openid TEXT NOT NULL,
    banked INTEGER NOT NULL DEFAULT 0 CHECK (banked >= 0),
    since TEXT NOT NULL,
    PRIMARY KEY (grid_id, openid)
  );
  CREATE TABLE summon_announcements (
    summon_id TEXT PRIMARY KEY REFERENCES summons(id),
    grid_id TEXT NOT NULL REFERENCES grids(id),
    created_at TEXT NOT NULL,
    claimed_at TEXT
  );
  CREATE INDEX announcements_waiting ON summon_announcements(created_at) WHERE claimed_at IS NULL;
  `,
  // 10: updatable share cards of summons (动态消息): the current activity and what was last pushed to it
  `
  CREATE TABLE share_cards (
    summon_id TEXT PRIMARY KEY REFERENCES summons(id),
    activity_id TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    member_count INTEGER,
    room_limit INTEGER,
    target_state INTEGER
  );
  CREATE INDEX share_cards_expiry ON share_cards(expires_at);
  `,
  // 11: organisations (the second dimension): members (one organisation each), secretaries, invites, and
  // the organisation a check-in is credited to, fixed at scan time
  `
  CREATE TABLE orgs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('committee', 'branch', 'company', 'social')),
    town_id TEXT REFERENCES towns(id),
    parent_id TEXT REFERENCES orgs(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX orgs_town ON orgs(town_id, name);
  CREATE TABLE org_members (
    openid TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    status TEXT NOT NULL CHECK (status IN ('member', 'pending')),
    since TEXT NOT NULL
  );
  CREATE INDEX org_members_org ON org_members(org_id, status, openid);
  CREATE TABLE org_secretaries (
    org_id TEXT NOT NULL REFERENCES orgs(id),
    openid TEXT NOT NULL,
    since TEXT NOT NULL,
    PRIMARY KEY (org_id, openid)
  );
  CREATE INDEX org_secretaries_openid ON org_secretaries(openid);
  CREATE TABLE org_invites (
    code TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    role TEXT NOT NULL CHECK (role IN ('member', 'secretary')),
    created_by TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_by TEXT,
    used_at TEXT
  );
  ALTER TABLE summons ADD COLUMN org_id TEXT REFERENCES orgs(id);
  CREATE INDEX summons_org ON summons(org_id, start_at);
  ALTER TABLE checkins ADD COLUMN org_id TEXT REFERENCES orgs(id);
  CREATE INDEX checkins_org ON checkins(org_id, at);
  `,
  // issue 12 (flows-features): a grid's members newest first, for its leaders (grids.members).
  `
  CREATE INDEX grid_members_joined ON grid_members(grid_id, joined_at);
  ALTER TABLE grids ADD COLUMN archived_at TEXT;
  `,
]
