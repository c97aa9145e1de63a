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
