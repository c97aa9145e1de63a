/**
 * Versioned schema migrations. `PRAGMA user_version` records the last one applied; each runs in a
 * transaction with the version bump, so a crash never leaves a half-migrated database.
 */
/**
 * The tables `stats.overview` reads (cloud/store/sqlite/stats.ts, and the hours credited), with the
 * columns whose update changes a figure where not every column does (an idea's likes change none).
 */
const STATS_TABLES: [string, string | null][] = [
  ['grids', null],
  ['grid_leaders', null],
  ['grid_members', null],
  ['checkins', null],
  ['summons', null],
  ['signups', null],
  ['plans', 'grid_id, created_at'],
  ['ideas', 'status, decision, plan_id, created_at'],
  ['hours_signouts', null],
  ['hours_makeups', null],
]

/** The key columns of each `stats.grids` order in stats_grid_rows (the store pages with the same lists). */
export const GRID_ROW_ORDERS = {
  incompleteFirst: 'neg_missing, score, name, grid_id',
  score: 'neg_score, name, grid_id',
  activity: 'neg_activity, name, grid_id',
} as const

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
  // 12 (issue 16, growth): reads that cost one page whatever the history.
  // - grids.member_count, kept by triggers in the transaction of every membership write (a first poster
  //   report, an invite), so grids.get and grids.list count nothing;
  // - signups.start_at, the summon's start (never edited after publishing), written with the sign-up, so a
  //   member's 我的报名 pages through their own index newest first;
  // - summons_grid_page (grid, start, id): the per-grid seeks of the grid scope's merge;
  // - summons_span: the longest open summon, so the open scope seeks from now minus that span;
  // - ideas_plan_likes / ideas_plan_page: a plan's ideas most liked or newest, without sorting them all;
  // - plans.idea_count / adopted_count (the plan's 建议: visible ideas, and those adopted in full or in
  //   part), kept by triggers in the transaction of every idea write, so plans.get and plans.list count
  //   nothing;
  // - checkins_summon and checkins_org hold only the check-ins that have a summon or an organisation (every
  //   query of them names one), so a poster check-in writes two index entries fewer.
  `
  ALTER TABLE grids ADD COLUMN member_count INTEGER NOT NULL DEFAULT 0;
  UPDATE grids SET member_count = (SELECT count(*) FROM grid_members m WHERE m.grid_id = grids.id);
  CREATE TRIGGER grid_members_counted AFTER INSERT ON grid_members BEGIN
    UPDATE grids SET member_count = member_count + 1 WHERE id = NEW.grid_id;
  END;
  CREATE TRIGGER grid_members_uncounted AFTER DELETE ON grid_members BEGIN
    UPDATE grids SET member_count = member_count - 1 WHERE id = OLD.grid_id;
  END;
  ALTER TABLE signups ADD COLUMN start_at TEXT;
  UPDATE signups SET start_at = (SELECT s.start_at FROM summons s WHERE s.id = signups.summon_id);
  CREATE INDEX signups_mine ON signups(openid, start_at, summon_id) WHERE status <> 'cancelled';
  CREATE INDEX summons_grid_page ON summons(grid_id, start_at, id);
  CREATE INDEX summons_span ON summons(julianday(end_at) - julianday(start_at)) WHERE withdrawn_at IS NULL;
  CREATE INDEX ideas_plan_likes ON ideas(plan_id, likes, created_at, id);
  CREATE INDEX ideas_plan_page ON ideas(plan_id, created_at, id);
  ALTER TABLE plans ADD COLUMN idea_count INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE plans ADD COLUMN adopted_count INTEGER NOT NULL DEFAULT 0;
  UPDATE plans SET
    idea_count = (SELECT count(*) FROM ideas i WHERE i.plan_id = plans.id AND i.status = 'visible'),
    adopted_count = (SELECT count(*) FROM ideas i WHERE i.plan_id = plans.id AND i.status = 'visible'
      AND i.decision IN ('adopted', 'partial'));
  CREATE TRIGGER ideas_counted AFTER INSERT ON ideas BEGIN
    UPDATE plans SET idea_count = idea_count + (NEW.status = 'visible'),
      adopted_count = adopted_count + CASE WHEN NEW.status = 'visible' AND NEW.decision IN ('adopted', 'partial') THEN 1 ELSE 0 END WHERE id = NEW.plan_id;
  END;
  CREATE TRIGGER ideas_recounted AFTER UPDATE OF status, decision, plan_id ON ideas BEGIN
    UPDATE plans SET idea_count = idea_count - (OLD.status = 'visible'),
      adopted_count = adopted_count - CASE WHEN OLD.status = 'visible' AND OLD.decision IN ('adopted', 'partial') THEN 1 ELSE 0 END WHERE id = OLD.plan_id;
    UPDATE plans SET idea_count = idea_count + (NEW.status = 'visible'),
      adopted_count = adopted_count + CASE WHEN NEW.status = 'visible' AND NEW.decision IN ('adopted', 'partial') THEN 1 ELSE 0 END WHERE id = NEW.plan_id;
  END;
  CREATE TRIGGER ideas_uncounted AFTER DELETE ON ideas BEGIN
    UPDATE plans SET idea_count = idea_count - (OLD.status = 'visible'),
      adopted_count = adopted_count - CASE WHEN OLD.status = 'visible' AND OLD.decision IN ('adopted', 'partial') THEN 1 ELSE 0 END WHERE id = OLD.plan_id;
  END;
  DROP INDEX checkins_summon;
  CREATE INDEX checkins_summon ON checkins(summon_id, openid) WHERE summon_id IS NOT NULL;
  DROP INDEX checkins_org;
  CREATE INDEX checkins_org ON checkins(org_id, at) WHERE org_id IS NOT NULL;
  `,
  // 13 (issue 15, 志愿时长): sign-outs, the leader's confirmation, make-ups with their audit, certificates,
  // and wrong typed live codes (issue 12's short code, rate limited per member and summon)
  `
  ALTER TABLE summons ADD COLUMN hours_confirmed_at TEXT;
  CREATE TABLE hours_signouts (
    summon_id TEXT NOT NULL REFERENCES summons(id),
    openid TEXT NOT NULL,
    at TEXT NOT NULL,
    request_id TEXT NOT NULL,
    PRIMARY KEY (summon_id, openid)
  );
  CREATE TABLE hours_makeups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    summon_id TEXT NOT NULL REFERENCES summons(id),
    openid TEXT NOT NULL,
    from_hours REAL NOT NULL,
    to_hours REAL NOT NULL,
    reason TEXT NOT NULL,
    by_openid TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX hours_makeups_summon ON hours_makeups(summon_id, openid, id);
  CREATE INDEX hours_makeups_member ON hours_makeups(openid);
  CREATE TABLE hours_certificates (
    number TEXT PRIMARY KEY,
    openid TEXT NOT NULL,
    year INTEGER NOT NULL,
    total_hours REAL NOT NULL,
    name TEXT NOT NULL,
    issued_at TEXT NOT NULL
  );
  CREATE TABLE code_guesses (
    summon_id TEXT NOT NULL,
    openid TEXT NOT NULL,
    window_start TEXT NOT NULL,
    failures INTEGER NOT NULL,
    PRIMARY KEY (summon_id, openid)
  );
  `,
  // 14 (issue 12, everyday features): a grid's members newest first, for its leaders (grids.members).
  `
  CREATE INDEX grid_members_joined ON grid_members(grid_id, joined_at);
  ALTER TABLE grids ADD COLUMN archived_at TEXT;
  `,
  // 15 (issue 16, stats.overview on SQLite): the overview's figures are kept as a snapshot per scope
  // (the district, each town), answered while nothing they count has changed and for at most a minute
  // (30-day windows slide). Every write to a table the figures read bumps stats_version in its own
  // transaction (one row update); a snapshot holds the version it was computed at and is void once it moves.
  `
  CREATE TABLE stats_version (id INTEGER PRIMARY KEY CHECK (id = 1), v INTEGER NOT NULL);
  INSERT INTO stats_version (id, v) VALUES (1, 0);
  CREATE TABLE stats_snapshots (
    scope TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    taken_at TEXT NOT NULL,
    body TEXT NOT NULL
  );
  ${STATS_TABLES.flatMap(([table, columns]) =>
    ['INSERT', columns ? `UPDATE OF ${columns}` : 'UPDATE', 'DELETE'].map(
      (event) =>
        `CREATE TRIGGER stats_${table}_${event.split(' ')[0].toLowerCase()} AFTER ${event} ON ${table} BEGIN
    UPDATE stats_version SET v = v + 1 WHERE id = 1;
  END;`,
    ),
  ).join('\n  ')}
  `,
  // 16 (issue 12, moderation): the reason a leader gives when an idea held for review is not approved.
  `
  ALTER TABLE ideas ADD COLUMN review_reason TEXT;
  `,
  // 17 (issue 12, admins): revoked leader invites, and a grid's open invites without scanning them all.
  `
  ALTER TABLE invites ADD COLUMN revoked_at TEXT;
  CREATE INDEX invites_grid ON invites(grid_id, expires_at);
  `,
  // 18 (issue 16, stats.grids): the kept figures as rows: every grid's figures of the district's current
  // generation (body) with its sort and filter keys as columns (descending keys negated), an index per
  // order, with and without the town, and partial ones for each filter; and each scope's summary. Valid
  // while stats_version holds the version the district's summary was computed at (as stats_snapshots).
  `
  CREATE TABLE stats_grid_rows (
    grid_id TEXT PRIMARY KEY,
    town_id TEXT NOT NULL,
    name TEXT NOT NULL,
    incomplete INTEGER NOT NULL,
    quiet INTEGER NOT NULL,
    neg_missing INTEGER NOT NULL,
    score REAL NOT NULL,
    neg_score REAL NOT NULL,
    neg_activity INTEGER NOT NULL,
    body TEXT NOT NULL
  );
  CREATE TABLE stats_summaries (
    scope TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    taken_at TEXT NOT NULL,
    body TEXT NOT NULL
  );
  ${Object.entries(GRID_ROW_ORDERS)
    .flatMap(([sort, keys]) =>
      ['', 'town_id, '].flatMap((town) =>
        ['all', 'incomplete', 'quiet'].map(
          (filter) =>
            `CREATE INDEX stats_grid_rows_${sort}${town ? '_town' : ''}_${filter} ON stats_grid_rows(${town}${keys})${
              filter === 'all' ? '' : ` WHERE ${filter} = 1`
            };`,
        ),
      ),
    )
    .join('\n  ')}
  `,
]
