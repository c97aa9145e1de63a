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
]
