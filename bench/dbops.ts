/**
 * Database operations per action on the WeChat cloud-database adapter, measured on a warm instance by the
 * same scenario the budget test holds (test/support/ops-world.ts): the real handlers through `dispatch`
 * over the stand-in, which counts every read, write, count and aggregation. The basic cloud plan allows
 * about 30 database operations a second for the whole environment, so these counts say how many actions a
 * second a deployment can take, and how long a 300-person entrance (one scan each) takes. Exact counts.
 */
import { measureActions } from '../test/support/ops-world'
import { round, type Row } from './lib'

const QUOTA_PER_SECOND = 30
const RUSH = 300

export async function dbOpsRows(): Promise<Row[]> {
  const measured = await measureActions()
  const rows: Row[] = measured.map(({ action, ops, budget }) => ({
    section: 'cloud db ops',
    name: `${action}: ops per action`,
    value: ops,
    unit: 'ops',
    against: {
      name: budget === undefined ? `quota ${QUOTA_PER_SECOND} ops/s` : `budget ${budget}`,
      value: budget ?? QUOTA_PER_SECOND,
    },
    ratio: round(ops / (budget ?? QUOTA_PER_SECOND), 3),
    note: `≈ ${round(QUOTA_PER_SECOND / Math.max(ops, 1), 1)} actions/s on the basic plan`,
  }))
  // Operations per scan before issue 11's rework, measured on the same scenario.
  const before: Record<string, number> = {
    'checkin.scan poster, first report': 11,
    'checkin.scan live, signed-up member': 13,
  }
  for (const [action, was] of Object.entries(before)) {
    const m = measured.find((x) => x.action === action)!
    rows.push({
      section: 'cloud db ops',
      name: `${RUSH}-person entrance (${action}) at ${QUOTA_PER_SECOND} ops/s`,
      value: round((RUSH * m.ops) / QUOTA_PER_SECOND, 1),
      unit: 's',
      against: { name: `at ${was} ops per scan (before)`, value: round((RUSH * was) / QUOTA_PER_SECOND, 1) },
      ratio: round(m.ops / was, 3),
      note: 'the whole environment shares the quota',
    })
  }
  return rows
}
