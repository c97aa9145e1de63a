/**
 * Look and feel (issue 12): status colours mean one thing each — green done, orange needs attention, grey
 * missing — and come from the one map in src/utils/status-colours.ts that every page uses.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import {
  ACTIVITY_TONE,
  ATTENDANCE_TONE,
  CHECKIN_TONE,
  DECISION_TONE,
  FOUR_ONES_TONE,
  HOURS_TONE,
  IDEA_STATUS_TONE,
  MEMBERSHIP_TONE,
  PLAN_STATE_TONE,
  SIGN_UP_TONE,
  SUMMON_STATE_TONE,
  tagColours,
  TONES,
} from '../../src/utils/status-colours'

const ROOT = join(__dirname, '..', '..')
const SRC = join(ROOT, 'src')

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : /\.(tsx?|scss)$/.test(name) ? [path] : []
  })
}

describe('status colours', () => {
  it('gives each status meaning its own colour', () => {
    expect(TONES.done.colour).toBe('#15803d')
    expect(TONES.attention.colour).toBe('#b45309')
    expect(TONES.missing.colour).toBe('#666666')
    const statusColours = (['done', 'attention', 'missing', 'open'] as const).map((t) => TONES[t].colour)
    expect(new Set(statusColours).size).toBe(statusColours.length)
    // A label (a grid's kind, 书记, 补录) is outlined in the brand red and never filled like a status.
    expect(tagColours('label')).toEqual({ plain: true, background: '#c8161d', color: '#c8161d' })
    expect(tagColours('done')).toEqual({ plain: false, background: '#15803d', color: '#ffffff' })
    expect(tagColours('missing')).toEqual({ plain: true, background: '#666666', color: '#666666' })
  })

  it('colours what is done green, what needs attention orange and what is missing grey', () => {
    const done = [
      SIGN_UP_TONE.confirmed,
      ATTENDANCE_TONE.attended,
      PLAN_STATE_TONE.finalized,
      DECISION_TONE.adopted,
      DECISION_TONE.partial,
      HOURS_TONE.confirmed,
      MEMBERSHIP_TONE.member,
      CHECKIN_TONE,
      FOUR_ONES_TONE.present,
      ACTIVITY_TONE.active,
    ]
    const attention = [
      SUMMON_STATE_TONE.full,
      SIGN_UP_TONE.waitlisted,
      ATTENDANCE_TONE.waitlisted,
      IDEA_STATUS_TONE.pending_review,
      HOURS_TONE.pending,
      MEMBERSHIP_TONE.pending,
      ACTIVITY_TONE.quiet,
    ]
    const missing = [
      SUMMON_STATE_TONE.closed,
      SUMMON_STATE_TONE.ended,
      SUMMON_STATE_TONE.withdrawn,
      SIGN_UP_TONE.withdrawn,
      ATTENDANCE_TONE.absent,
      PLAN_STATE_TONE.closed,
      DECISION_TONE.declined,
      IDEA_STATUS_TONE.rejected,
      HOURS_TONE.not_eligible,
      FOUR_ONES_TONE.missing,
      ACTIVITY_TONE.inactive,
    ]
    expect(new Set(done)).toEqual(new Set(['done']))
    expect(new Set(attention)).toEqual(new Set(['attention']))
    expect(new Set(missing)).toEqual(new Set(['missing']))
    // Open to take part in now: League red, never green (green says "done").
    expect([SUMMON_STATE_TONE.open, SUMMON_STATE_TONE.live, PLAN_STATE_TONE.collecting]).toEqual([
      'open',
      'open',
      'open',
    ])
  })

  it('holds the CSS status variables of app.scss to the map', () => {
    const scss = readFileSync(join(SRC, 'app.scss'), 'utf8')
    const variable = (name: string) => new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(scss)?.[1]?.toLowerCase()
    expect(variable('app-ok')).toBe(TONES.done.colour)
    expect(variable('app-warn')).toBe(TONES.attention.colour)
    expect(variable('app-missing')).toBe(TONES.missing.colour)
    expect(variable('nutui-tag-success-background-color')).toBe(TONES.done.colour)
    expect(variable('nutui-tag-warning-background-color')).toBe(TONES.attention.colour)
  })

  it('is the only place a page colours a status tag', () => {
    const own = new Set(['src/utils/status-colours.ts', 'src/components/StatusTag.tsx', 'src/app.scss'])
    const offenders: string[] = []
    for (const file of filesUnder(SRC)) {
      const name = relative(ROOT, file)
      if (own.has(name)) continue
      const text = readFileSync(file, 'utf8')
      // NutUI's own status types, or the status colours written out.
      const hits = text.match(/<Tag\b[^>]*\btype=['"{](success|warning|danger)|#15803d|#b45309|background=\{OK\}/gi)
      if (hits) offenders.push(`${name}: ${hits.join(', ')}`)
    }
    expect(offenders).toEqual([])
  })
})
