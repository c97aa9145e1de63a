import type { Profile } from '../../../types'
import type { UserStore } from '../port'
import { getAll, getDoc, type Doc, type WxDb } from './db'

type UserDoc = Doc & Profile

const profileOf = (u: UserDoc): Profile => {
  const profile: Profile = { name: u.name, affiliation: u.affiliation }
  if (u.phone) profile.phone = u.phone
  if (u.org) profile.org = u.org
  return profile
}

export function wxUsers(db: WxDb): UserStore {
  return {
    async getProfile(openid) {
      const user = await getDoc<UserDoc>(db, 'users', openid)
      return user ? profileOf(user) : null
    },
    async saveProfile(openid, profile, now) {
      const existing = await getDoc<UserDoc>(db, 'users', openid)
      const data = {
        name: profile.name,
        phone: profile.phone ?? null,
        org: profile.org ?? null,
        affiliation: profile.affiliation,
        createdAt: (existing?.createdAt as string | undefined) ?? now.toISOString(),
        updatedAt: now.toISOString(),
      }
      await db.collection('users').doc(openid).set({ data })
      return profileOf({ _id: openid, ...data } as UserDoc)
    },
    async isAdmin(openid) {
      return (await getDoc(db, 'admins', openid)) !== null
    },
    async addAdmin(openid) {
      await db.collection('admins').doc(openid).set({ data: {} })
    },
    async leaderOf(openid) {
      const grids = await getAll(db.collection('grids').where({ leaders: openid }).orderBy('createdAt', 'asc'))
      return grids.map((g) => ({ id: g._id, name: g.name as string }))
    },
    async memberOf(openid) {
      const memberships = await getAll(db.collection('grid_members').where({ openid }).orderBy('joinedAt', 'asc'))
      return memberships.map((m) => ({ id: m.gridId as string, name: m.gridName as string }))
    },
  }
}
