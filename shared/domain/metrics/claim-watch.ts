import { claimWatches, type Db, type MetricChange } from '../../adapters/data';
import { duplicateKey } from '../../adapters/data/keys';
import { addMonths, londonDate } from '../../core/calendar';
import { outcomeFramework } from '../../core/config/outcome-framework';
import type { Case } from '../../core/schemas/case';
import type { Referral } from '../../core/schemas/referral';
import { recordClaimLapse } from './case-events';
import { COUNTERS } from './definitions';
import { childrenOf } from '../../core/vocabulary/referrals';

// A claim needs the family's outcomes sustained for six months after closure. A family that closed
// meeting the criteria (a claim candidate) is watched for six months by the hashed keys of its
// children (the same keys duplicate detection uses, so nothing personal is stored); a new referral
// for one of those children within the six months is a lapse, counted once per closed case against
// the quarter it closed in. The watch items expire by the table's TTL after the six months.

function childKeys(referral: Pick<Referral, 'family'>): string[] {
  return [
    ...new Set(
      childrenOf(referral).map((child) =>
        duplicateKey('child', child.givenName, child.familyName, child.dateOfBirth),
      ),
    ),
  ];
}

/**
 * The watch a case's ending starts, if the ending made it a claim candidate (its counters say so); what
 * a case write passes as `claimWatch`, so the watch is written in the closing transaction.
 */
export function claimWatchOnEnding(endedAt: string) {
  return (ended: Case, changes: readonly MetricChange[]): claimWatches.ClaimWatch | undefined => {
    if (!changes.some((change) => (change.increments[COUNTERS.claimCandidates] ?? 0) > 0)) return undefined;
    return {
      caseId: ended.id,
      locality: ended.locality,
      endedAt,
      watchUntil: addMonths(londonDate(endedAt), outcomeFramework().claimTerms.sustainMonthsAfterClosure),
      childKeys: childKeys(ended.referral),
    };
  };
}

/**
 * Records a lapse for every claim candidate a new referral's children were watched for, still within
 * its six months on `now`. Idempotent: one lapse per closed case, however often it is re-referred.
 */
export async function recordClaimLapses(
  db: Db,
  referral: Pick<Referral, 'family'>,
  now: Date | string,
): Promise<string[]> {
  const today = londonDate(now);
  const lapsed = new Map<string, { locality: Case['locality']; endedAt: string }>();
  for (const watch of await claimWatches.findClaimWatches(db, childKeys(referral))) {
    if (watch.watchUntil < today) continue;
    lapsed.set(watch.caseId, { locality: watch.locality, endedAt: watch.endedAt });
  }
  for (const [caseId, closed] of lapsed) {
    await recordClaimLapse(db, `claim-lapse#${caseId}`, closed);
  }
  return [...lapsed.keys()];
}
