/**
 * Kept figures on the cloud database (issue 16): every grid's figures as one record per grid in each of
 * two slots (`stats_grids`, `_id` = `slot_gridId`), a head naming the slot readers page (`stats_heads`),
 * and each scope's summary (`stats_summaries`, `_id` = scope).
 *
 * The job writes into the slot nobody reads, only the records whose figures differ from what that slot
 * holds (read 1,000 at a time), removes the grids gone, then flips the head, then writes the summaries.
 * A kill before the flip leaves the previous generation answered whole; a rerun completes the next (every
 * write is a `set` or a `remove` by id: idempotent). A summary and a page each answer the time of the
 * generation they come from. Each record carries the generation that wrote it (`gen`): a page that meets a
 * record newer than the head it read was read while a later run rewrote that slot (a reader paused across
 * a whole job run), so it reads the head again and retries once.
 */
import type { GridStats } from '../../../types'
import { isCompleteGrid, negActivity, negMissing, type GridsQuery } from '../../domain/stats'
import type { FiguresGeneration, KeptGridsPage, StatsSummary } from '../port'
import { getDoc, retryOnce, type Condition, type Doc, type WxDb } from './db'

const ROWS = 'stats_grids'
const HEADS = 'stats_heads'
const SUMMARIES = 'stats_summaries'
const HEAD_ID = 'grids'

type Slot = 'a' | 'b'

interface HeadDoc extends Doc {
  slot: Slot
  generatedAt: string
}

interface RowDoc extends Doc {
  slot: Slot
  gen: string
  gridId: string
  townId: string
  name: string
  incomplete: boolean
  quiet: boolean
  negMissing: number
  score: number
  negScore: number
  negActivity: number
  figures: GridStats
}

/** The fields each order sorts by (all ascending; the record stores descending keys negated). */
export const ROW_ORDERS = {
  incompleteFirst: ['negMissing', 'score', 'name', 'gridId'],
  score: ['negScore', 'name', 'gridId'],
  activity: ['negActivity', 'name', 'gridId'],
} as const

/** Records the job reads of a slot per operation (an aggregation answers up to 10,000; 1,000 keeps it near 0.5 MB). */
export const ROWS_READ_PAGE = 1_000
/** Writes the job sends at once. */
const WRITES_AT_ONCE = 10

const rowOf = (slot: Slot, gen: string, g: GridStats): RowDoc => ({
  _id: `${slot}_${g.gridId}`,
  slot,
  gen,
  gridId: g.gridId,
  townId: g.townId,
  name: g.name,
  incomplete: !isCompleteGrid(g),
  quiet: g.quiet,
  negMissing: negMissing(g),
  score: g.score,
  negScore: -g.score,
  negActivity: negActivity(g),
  figures: g,
})

/** JSON with keys in a fixed order, to tell whether a record's figures changed. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  )

async function inBatches<T>(items: T[], size: number, each: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(each))
}

export function wxFigures(db: WxDb) {
  const _ = db.command
  const head = () => getDoc<HeadDoc>(db, HEADS, HEAD_ID)

  /** What a slot holds now: each record's figures as canonical JSON, by id. */
  async function slotContents(slot: Slot): Promise<Map<string, string>> {
    const held = new Map<string, string>()
    let after = ''
    for (;;) {
      const { list } = await retryOnce(() =>
        db
          .collection(ROWS)
          .aggregate()
          .match({ slot, _id: _.gt(after) })
          .sort({ _id: 1 })
          .limit(ROWS_READ_PAGE)
          .project({ figures: true })
          .end(),
      )
      for (const r of list) held.set(r._id as string, canonical(r.figures))
      if (list.length < ROWS_READ_PAGE) return held
      after = list[list.length - 1]._id as string
    }
  }

  async function page(q: GridsQuery, slot: Slot): Promise<RowDoc[]> {
    const fields = ROW_ORDERS[q.sort]
    const conditions: Condition[] = [
      {
        slot,
        ...(q.townId ? { townId: q.townId } : {}),
        ...(q.filter === 'incomplete' ? { incomplete: true } : {}),
        ...(q.filter === 'quiet' ? { quiet: true } : {}),
      },
    ]
    const after = q.after
    if (after) {
      // After the cursor in key order: a greater first key, or equal ones up to a greater next key.
      conditions.push(
        _.or(
          fields.map((field, i) => ({
            ...Object.fromEntries(fields.slice(0, i).map((f, j) => [f, after[j]])),
            [field]: _.gt(after[i]),
          })),
        ),
      )
    }
    let query = db.collection(ROWS).where(_.and(conditions))
    for (const field of fields) query = query.orderBy(field, 'asc')
    const { data } = await retryOnce(() => query.limit(q.limit + 1).get())
    return data as RowDoc[]
  }

  return {
    /** 1 operation. */
    async readSummary(scope: string): Promise<StatsSummary | null> {
      const doc = await getDoc<Doc & Omit<StatsSummary, 'scope'>>(db, SUMMARIES, scope)
      return doc ? { scope, takenAt: doc.takenAt, totals: doc.totals, weeks: doc.weeks, towns: doc.towns } : null
    },

    /** 2 operations (the head, the page); 4 when a later run was rewriting the slot read. */
    async gridsPage(q: GridsQuery): Promise<KeptGridsPage | null> {
      for (let attempt = 0; ; attempt++) {
        const current = await head()
        if (!current) return null
        const rows = await page(q, current.slot)
        if (attempt === 0 && rows.some((r) => r.gen > current.generatedAt)) continue
        return {
          takenAt: current.generatedAt,
          items: rows.slice(0, q.limit).map((r) => r.figures),
          more: rows.length > q.limit,
        }
      }
    },

    /**
     * The job's write: 1 (head) + ⌈grids ÷ 1,000⌉ reads, one `set` per grid whose figures changed since the
     * slot was last written (two runs ago), the removals, the flip and one `set` per summary.
     */
    async saveFigures(generation: FiguresGeneration): Promise<void> {
      const current = await head()
      const slot: Slot = current?.slot === 'a' ? 'b' : 'a'
      const held = await slotContents(slot)
      const gen = generation.takenAt
      const changed = generation.grids.filter((g) => held.get(`${slot}_${g.gridId}`) !== canonical(g))
      await inBatches(changed, WRITES_AT_ONCE, (g) => {
        const { _id, ...data } = rowOf(slot, gen, g)
        return retryOnce(() => db.collection(ROWS).doc(_id).set({ data }))
      })
      const kept = new Set(generation.grids.map((g) => `${slot}_${g.gridId}`))
      const gone = [...held.keys()].filter((id) => !kept.has(id))
      for (let i = 0; i < gone.length; i += 100) {
        const ids = gone.slice(i, i + 100)
        await retryOnce(() =>
          db
            .collection(ROWS)
            .where({ _id: _.in(ids) })
            .remove(),
        )
      }
      // Never back to an older generation (a late rerun of an earlier job).
      if (current && current.generatedAt > gen) return
      await retryOnce(() =>
        db
          .collection(HEADS)
          .doc(HEAD_ID)
          .set({ data: { slot, generatedAt: gen } }),
      )
      await inBatches(generation.summaries, WRITES_AT_ONCE, ({ scope, ...data }) =>
        retryOnce(() => db.collection(SUMMARIES).doc(scope).set({ data })),
      )
    },
  }
}
