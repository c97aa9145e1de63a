import type { Profile } from '../../../types'
import type { UserStore } from '../port'
import { getAll, getDoc, retryOnce, type Doc, type WxDb } from './db'
import { gridNames } from './names'
import { orgCaches } from './orgcache'
import { creditOf, type OrgStandingFields } from './orgs'

type UserDoc = Doc & Profile & { ideaSeq?: number; ideaTimes?: string } & OrgStandingFields

/** How long this instance trusts what it read of the admins collection (the copy policy in `../port.ts`). */
export const ADMIN_TTL_MS = 60_000

const profileOf = (u: UserDoc): Profile => {
  const profile: Profile = { name: u.name, affiliation: u.affiliation }
  if (u.phone) profile.phone = u.phone
  if (u.org) profile.org = u.org
  if (u.minor) profile.minor = true
  if (u.guardian) profile.guardian = { name: u.guardian.name, consentAt: u.guardian.consentAt }
  if (u.phone && u.phoneConsentAt) profile.phoneConsentAt = u.phoneConsentAt
  return profile
}

export function wxUsers(db: WxDb, clock: () => number = Date.now): UserStore {
  const names = gridNames(db)
  const orgs = orgCaches(db)
  // The admin set is small (a district's League committee): one read answers every member for a minute.
  let admins: { set: Set<string>; at: number } | null = null
  async function adminSet(): Promise<Set<string>> {
    if (admins && clock() - admins.at < ADMIN_TTL_MS) return admins.set
    const docs = await getAll(db.collection('admins'))
    admins = { set: new Set(docs.map((d) => d._id)), at: clock() }
    return admins.set
  }

  /** Reads the member's record, remembering the organisation their scans are credited to. */
  async function read(openid: string): Promise<UserDoc | null> {
    const user = await getDoc<UserDoc>(db, 'users', openid)
    orgs.credit.set(openid, creditOf(user))
    return user
  }

  return {
    async getProfile(openid) {
      const user = await read(openid)
      return user ? profileOf(user) : null
    },
    async getAccount(openid) {
      const user = await read(openid)
      return {
        profile: user ? profileOf(user) : null,
        org:
          user?.orgId && user.orgStatus
            ? { orgId: user.orgId, status: user.orgStatus, since: user.orgSince ?? '' }
            : null,
        secretaryOf: Object.entries(user?.secretaryOf ?? {})
          .sort(([a, x], [b, y]) => x.localeCompare(y) || a.localeCompare(b))
          .map(([orgId]) => orgId),
      }
    },
    async saveProfile(openid, profile, now) {
      const existing = await getDoc<UserDoc>(db, 'users', openid)
      const fields = {
        name: profile.name,
        phone: profile.phone ?? null,
        org: profile.org ?? null,
        affiliation: profile.affiliation,
        // PIPL art. 31: a minor's record says so, with the guardian's consent (written on every save, so a
        // member who is no longer marked a minor keeps neither).
        minor: profile.minor === true,
        guardian: profile.guardian ? { name: profile.guardian.name, consentAt: profile.guardian.consentAt } : null,
        phoneConsentAt: profile.phone ? (profile.phoneConsentAt ?? null) : null,
        updatedAt: now.toISOString(),
      }
      // An existing record is updated field by field: the idea rate window (wxcloud/plans.ts) and the
      // organisation standing (wxcloud/orgs.ts) live in it too, and a join racing with this save stays.
      const data = { ...fields, createdAt: (existing?.createdAt as string | undefined) ?? now.toISOString() }
      if (existing) await retryOnce(() => db.collection('users').doc(openid).update({ data: fields }))
      else await retryOnce(() => db.collection('users').doc(openid).set({ data }))
      if (existing?.name !== profile.name) {
        // The name is copied into every grid this member leads; `update` merges `leaderNames` field by
        // field, so only this leader's entry changes.
        await retryOnce(() =>
          db
            .collection('grids')
            .where({ leaders: openid })
            .update({ data: { leaderNames: { [openid]: profile.name } } }),
        )
        // Ideas keep a copy of their author's name (wxcloud/plans.ts): every idea of this member follows.
        await retryOnce(() =>
          db
            .collection('ideas')
            .where({ openid })
            .update({ data: { authorName: profile.name } }),
        )
      }
      return profileOf({ _id: openid, ...data } as UserDoc)
    },
    async isAdmin(openid) {
      return (await adminSet()).has(openid)
    },
    async addAdmin(openid) {
      await retryOnce(() => db.collection('admins').doc(openid).set({ data: {} }))
      admins = null
    },
    async leaderOf(openid) {
      const grids = await getAll(db.collection('grids').where({ leaders: openid }).orderBy('createdAt', 'asc'))
      for (const g of grids) names.remember(g._id, { name: g.name as string, townId: g.townId as string })
      return grids.map((g) => ({ id: g._id, name: g.name as string }))
    },
    /** The memberships (one query) named through the instance's grid-name cache (one more on a miss). */
    async memberOf(openid) {
      const memberships = await getAll(db.collection('grid_members').where({ openid }).orderBy('joinedAt', 'asc'))
      const known = await names.get(memberships.map((m) => m.gridId as string))
      return memberships.flatMap((m) => {
        const grid = known.get(m.gridId as string)
        return grid ? [{ id: m.gridId as string, name: grid.name }] : []
      })
    },
  }
}
