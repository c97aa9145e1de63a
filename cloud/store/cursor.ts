/** Opaque keyset cursors: base64url of a JSON array of the last row's sort keys. */
export function encodeCursor(keys: (string | number)[]): string {
  return Buffer.from(JSON.stringify(keys)).toString('base64url')
}

export function decodeCursor(cursor: string | undefined): (string | number)[] | null {
  if (!cursor) return null
  try {
    const keys: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    return Array.isArray(keys) && keys.every((k) => typeof k === 'string' || typeof k === 'number') ? keys : null
  } catch {
    return null
  }
}

/**
 * One keyset page from `rows` fetched with `limit + 1`: the first `limit` rows as items and, when the extra
 * row shows that more follow, a cursor of the last item's sort keys (what the next page seeks after).
 */
export function keysetPage<R, T>(
  rows: R[],
  limit: number,
  keysOf: (last: R) => (string | number)[],
  itemsOf: (page: R[]) => T[],
): { items: T[]; nextCursor?: string } {
  const page = rows.slice(0, limit)
  const items = itemsOf(page)
  const last = page[page.length - 1]
  return rows.length > limit && last !== undefined ? { items, nextCursor: encodeCursor(keysOf(last)) } : { items }
}
