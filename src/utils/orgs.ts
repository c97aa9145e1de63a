import type { OrgKind } from '../../types'

/** Organisation kinds, as people call them. */
export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  committee: '团委',
  branch: '团支部',
  company: '非公企业团组织',
  social: '青年社会组织',
}

/** A share as a percentage, or 「—」 without a base. */
export const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`)
