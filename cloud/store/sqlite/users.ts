import type { GridRef, Profile } from '../../../types'
import type { UserStore } from '../port'
import type { Db } from './db'

interface UserRow {
  name: string
  phone: string | null
  org: string | null
  affiliation: Profile['affiliation']
  minor: number
  guardian_name: string | null
  guardian_consent_at: string | null
  phone_consent_at: string | null
}

export function profileOf(row: UserRow): Profile {
  const profile: Profile = { name: row.name, affiliation: row.affiliation }
  if (row.phone) profile.phone = row.phone
  if (row.org) profile.org = row.org
  if (row.minor) profile.minor = true
  if (row.guardian_name && row.guardian_consent_at)
    profile.guardian = { name: row.guardian_name, consentAt: row.guardian_consent_at }
  if (row.phone && row.phone_consent_at) profile.phoneConsentAt = row.phone_consent_at
  return profile
}

export function sqliteUsers(db: Db): UserStore {
  const getProfile = db.prepare<[string], UserRow>(`
    SELECT name, phone, org, affiliation, minor, guardian_name, guardian_consent_at, phone_consent_at
    FROM users WHERE openid = ?`)
  const upsert = db.prepare(`
    INSERT INTO users (openid, name, phone, org, affiliation, minor, guardian_name, guardian_consent_at,
      phone_consent_at, created_at, updated_at)
    VALUES (@openid, @name, @phone, @org, @affiliation, @minor, @guardianName, @guardianConsentAt,
      @phoneConsentAt, @now, @now)
    ON CONFLICT(openid) DO UPDATE SET name = excluded.name, phone = excluded.phone, org = excluded.org,
      affiliation = excluded.affiliation, minor = excluded.minor, guardian_name = excluded.guardian_name,
      guardian_consent_at = excluded.guardian_consent_at, phone_consent_at = excluded.phone_consent_at,
      updated_at = excluded.updated_at`)
  const isAdmin = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM admins WHERE openid = ?')
  const addAdmin = db.prepare('INSERT OR IGNORE INTO admins (openid) VALUES (?)')
  const leaderOf = db.prepare<[string], GridRef>(`
    SELECT g.id, g.name FROM grid_leaders l JOIN grids g ON g.id = l.grid_id WHERE l.openid = ? ORDER BY l.since`)
  const memberOf = db.prepare<[string], GridRef>(`
    SELECT g.id, g.name FROM grid_members m JOIN grids g ON g.id = m.grid_id
    WHERE m.openid = ? ORDER BY m.joined_at`)

  const membership = db.prepare<[string], { org_id: string; status: 'member' | 'pending'; since: string }>(
    'SELECT org_id, status, since FROM org_members WHERE openid = ?',
  )
  const secretaryOf = db.prepare<[string], { org_id: string }>(
    'SELECT org_id FROM org_secretaries WHERE openid = ? ORDER BY since, org_id',
  )

  return {
    async getAccount(openid) {
      const row = getProfile.get(openid)
      const m = membership.get(openid)
      return {
        profile: row ? profileOf(row) : null,
        org: m ? { orgId: m.org_id, status: m.status, since: m.since } : null,
        secretaryOf: secretaryOf.all(openid).map((r) => r.org_id),
      }
    },
    async getProfile(openid) {
      const row = getProfile.get(openid)
      return row ? profileOf(row) : null
    },
    async saveProfile(openid, profile, now) {
      upsert.run({
        openid,
        name: profile.name,
        phone: profile.phone ?? null,
        org: profile.org ?? null,
        affiliation: profile.affiliation,
        minor: profile.minor ? 1 : 0,
        guardianName: profile.guardian?.name ?? null,
        guardianConsentAt: profile.guardian?.consentAt ?? null,
        phoneConsentAt: profile.phone ? (profile.phoneConsentAt ?? null) : null,
        now: now.toISOString(),
      })
      return profileOf(getProfile.get(openid)!)
    },
    async isAdmin(openid) {
      return isAdmin.get(openid) !== undefined
    },
    async addAdmin(openid) {
      addAdmin.run(openid)
    },
    async leaderOf(openid) {
      return leaderOf.all(openid)
    },
    async memberOf(openid) {
      return memberOf.all(openid)
    },
  }
}
