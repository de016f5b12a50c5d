import type { Case } from '../../core/schemas/case';
import { endOfLondonDay } from '../../core/calendar';
import type { Db } from './db';
import { readPartition } from './partition-reads';
import { TIME_TO_LIVE_ATTRIBUTE } from './table-definition';

// How a claim watch is stored: one item per watched child in that child's duplicate-key partition (the
// hashed key duplicate detection uses, so nothing personal is stored), expiring by the table's TTL at
// the end of the watch. Who is watched and for how long is the domain's rule
// (shared/domain/metrics/claim-watch.ts).

const WATCH_PREFIX = 'CLAIM#';

export interface ClaimWatch {
  caseId: string;
  locality: Case['locality'];
  endedAt: string;
  /** The last London date of the watch. */
  watchUntil: string;
  /** The watched children's duplicate keys. */
  childKeys: readonly string[];
}

/** A stored watch as read back, one per watched child. */
export type ClaimWatchEntry = Omit<ClaimWatch, 'childKeys'>;

/** The items a watch writes (in the closing transaction). */
export function claimWatchItems(watch: ClaimWatch): Record<string, unknown>[] {
  return watch.childKeys.map((pk) => ({
    pk,
    sk: `${WATCH_PREFIX}${watch.caseId}`,
    itemType: 'claim-watch',
    caseId: watch.caseId,
    locality: watch.locality,
    endedAt: watch.endedAt,
    watchUntil: watch.watchUntil,
    [TIME_TO_LIVE_ATTRIBUTE]: Math.floor(endOfLondonDay(watch.watchUntil).getTime() / 1000),
  }));
}

/** The watches on any of these children, read consistently (expired ones the TTL has not yet removed included). */
export async function findClaimWatches(db: Db, childKeys: readonly string[]): Promise<ClaimWatchEntry[]> {
  // Read in the children's order, in one request with any other partition read asked for meanwhile
  // (a referral's matching: partition-reads.ts).
  const answers = await Promise.all(childKeys.map((pk) => readPartition(db, pk, WATCH_PREFIX)));
  return answers.flatMap((items) =>
    items.map((item) => ({
      caseId: String(item.caseId),
      locality: item.locality as Case['locality'],
      endedAt: String(item.endedAt),
      watchUntil: String(item.watchUntil),
    })),
  );
}
