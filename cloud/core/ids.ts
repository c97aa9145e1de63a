import { randomInt } from 'node:crypto'

const ALPHABET = '0123456789abcdefghijkmnopqrstuvwxyz'

/** A short random id (lower-case letters and digits, no look-alike `l`); 10 characters ≈ 51 bits. */
export function newId(length = 10): string {
  let out = ''
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)]
  return out
}
