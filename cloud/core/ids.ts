import { randomInt } from 'node:crypto'

const ALPHABET = '0123456789abcdefghijkmnopqrstuvwxyz'

/** A short random id (lower-case letters and digits, no look-alike `l`); 10 characters ≈ 51 bits. */
export function newId(length = 10): string {
  let out = ''
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)]
  return out
}

/** Milliseconds in base 36 stay 9 characters until the year 5188: ids of later times sort after. */
const TIME_DIGITS = 9

/**
 * An id that sorts by its creation time (9 characters of milliseconds, then `random` random ones, ≈ 41
 * bits at 6). For rows written many at a time: a new id lands at the end of the primary-key index, so a
 * commit of many rows dirties one index page there instead of one random page per row.
 */
export function timeOrderedId(at: Date, random = 8): string {
  return at.getTime().toString(36).padStart(TIME_DIGITS, '0') + newId(random)
}
