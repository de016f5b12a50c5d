// Opaque pagination cursors: DynamoDB's LastEvaluatedKey, tagged with the query it belongs to and
// base64url-encoded. A cursor from another query, or edited by hand, is refused rather than obeyed.

export class InvalidCursorError extends Error {
  constructor() {
    super('invalid cursor');
    this.name = 'InvalidCursorError';
  }
}

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; absent on the last page. */
  nextCursor?: string;
}

export function encodeCursor(
  query: string,
  lastKey: Record<string, unknown> | undefined,
): string | undefined {
  if (!lastKey) return undefined;
  return Buffer.from(JSON.stringify({ q: query, k: lastKey }), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by `encodeCursor(query, ...)`. `partition` names the index partition key and
 * the value this query uses, so a forged cursor cannot start a page in another partition.
 */
export function decodeCursor(
  query: string,
  cursor: string | undefined,
  partition?: [attribute: string, value: string],
): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  if (cursor.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursorError();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const { q, k } = (parsed ?? {}) as { q?: unknown; k?: unknown };
  if (q !== query || !k || typeof k !== 'object' || Array.isArray(k)) throw new InvalidCursorError();
  const entries = Object.entries(k as Record<string, unknown>);
  if (entries.length === 0 || entries.length > 6 || entries.some(([, value]) => typeof value !== 'string')) {
    throw new InvalidCursorError();
  }
  if (partition && (k as Record<string, unknown>)[partition[0]] !== partition[1])
    throw new InvalidCursorError();
  return k as Record<string, string>;
}

export function pageLimit(limit: number | undefined, fallback = 25, max = 100): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a whole number from 1');
  return Math.min(limit, max);
}
