/**
 * Content checks. The local checker is rule-based over a word list kept in data; the production verdict
 * comes from `security.msgSecCheck` version 2, whose answer is mapped here too, so both share one shape.
 */
import words from './data/moderation-words.json'
import type { ContentVerdict } from './port'

/** Folds full-width characters and case, and drops spaces and punctuation, so "赌 博" still matches. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '')
}

export function createWordChecker(list: { risky: string[]; review: string[] } = words) {
  const risky = list.risky.map(normalizeText)
  const review = list.review.map(normalizeText)
  return (content: string): ContentVerdict => {
    const text = normalizeText(content)
    if (risky.some((w) => text.includes(w))) return 'risky'
    if (review.some((w) => text.includes(w))) return 'review'
    return 'pass'
  }
}

/** The answer of `security.msgSecCheck` v2 (the fields we read). */
export interface MsgSecCheckResponse {
  errcode?: number
  errmsg?: string
  result?: { suggest?: string; label?: number }
}

/**
 * Maps a msgSecCheck v2 answer to our verdict. An error or an unknown suggestion holds the text for
 * review: a person decides rather than the check failing open.
 */
export function verdictOfMsgSecCheck(response: MsgSecCheckResponse): ContentVerdict {
  if (response.errcode && response.errcode !== 0) return 'review'
  const suggest = response.result?.suggest
  return suggest === 'pass' || suggest === 'risky' || suggest === 'review' ? suggest : 'review'
}
