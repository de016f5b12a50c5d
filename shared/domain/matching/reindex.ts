import { listCasesByLocalityStatus } from '../../adapters/data/cases';
import { InvalidCursorError } from '../../adapters/data/cursor';
import type { Db } from '../../adapters/data/db';
import { indexForMatching } from '../../adapters/data/matches';
import { configuredLocalities } from '../../core/config';
import { CASE_STATUSES } from '../../core/vocabulary/cases';

// Rebuilding the family-match index from the records held: for a table that holds cases from before
// the index (their `DUP#` keys found open cases only), or after MATCH_KEY changed. Walks every
// locality's cases status by status (an index Query, never a Scan) and writes each record's keys
// again (idempotent puts), a batch at a time; the cursor says where the next batch starts.

interface Position {
  /** Which (locality, status) pair, in the order localities x CASE_STATUSES. */
  s: number;
  /** The page cursor within that pair. */
  p?: string;
}

function decode(cursor: string | undefined): Position {
  if (!cursor) return { s: 0 };
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Position;
    if (
      !Number.isInteger(parsed.s) ||
      parsed.s < 0 ||
      (parsed.p !== undefined && typeof parsed.p !== 'string')
    ) {
      throw new InvalidCursorError();
    }
    return parsed;
  } catch {
    throw new InvalidCursorError();
  }
}

const encode = (position: Position) => Buffer.from(JSON.stringify(position)).toString('base64url');

export async function reindexMatches(
  db: Db,
  options: { cursor?: string; limit?: number } = {},
): Promise<{ indexed: number; nextCursor?: string }> {
  const limit = options.limit ?? 200;
  const pairs = configuredLocalities().flatMap((locality) =>
    CASE_STATUSES.map((status) => ({ locality: locality.id, status })),
  );
  let position = decode(options.cursor);
  let indexed = 0;
  while (position.s < pairs.length) {
    const { locality, status } = pairs[position.s]!;
    const page = await listCasesByLocalityStatus(db, locality, status, {
      limit: Math.min(100, limit - indexed),
      ...(position.p ? { cursor: position.p } : {}),
    });
    for (const record of page.items) await indexForMatching(db, record.id, record.referral);
    indexed += page.items.length;
    position = page.nextCursor ? { s: position.s, p: page.nextCursor } : { s: position.s + 1 };
    if (indexed >= limit && position.s < pairs.length) return { indexed, nextCursor: encode(position) };
  }
  return { indexed };
}
