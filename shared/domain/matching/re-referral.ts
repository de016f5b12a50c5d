import { findPossibleMatches, getCase } from '../../adapters/data/cases';
import type { Db } from '../../adapters/data/db';
import type { MatchFound } from '../../adapters/data/matches';
import { addMonths, londonDate } from '../../core/calendar';
import type { Referral } from '../../core/schemas/referral';

// A re-referral (issue 17's report figure): a referral for a family whose earlier record ended (any
// ending: closed, stepped up, redirected, no further action, withdrawn) in the twelve months before
// it was received. Judged at intake by a strong match (the same child, or adult, by name and date of
// birth after folding), so the figure is known when the referral is counted and never moves after;
// the duty officer's later link or dismissal is the single view's business, not the figure's.

export const RE_REFERRAL_MONTHS = 12;

/** Whether a record that ended on `endedAt` makes a referral received at `receivedAt` a re-referral. */
export function endedWithinWindow(endedAt: string | undefined, receivedAt: string): boolean {
  if (!endedAt || endedAt > receivedAt) return false;
  return londonDate(endedAt) >= addMonths(londonDate(receivedAt), -RE_REFERRAL_MONTHS);
}

/**
 * The most recently ended record this referral re-refers, if any (strong matches only), and every
 * possible match found on the way (for the case's own list).
 */
export async function reReferredRecord(
  db: Db,
  referral: Pick<Referral, 'family'>,
  receivedAt: string,
  /** The new record's own id, when its match keys may already be written (it is not its own match). */
  excludeId?: string,
): Promise<{ reReferralOf?: string; matches: MatchFound[] }> {
  const matches = await findPossibleMatches(db, referral, excludeId);
  const strong = matches.filter((match) => match.strength === 'strong');
  let latest: { id: string; endedAt: string } | undefined;
  const records = await Promise.all(strong.map((match) => getCase(db, match.caseId)));
  for (const record of records) {
    if (!record?.endedAt || !endedWithinWindow(record.endedAt, receivedAt)) continue;
    if (!latest || record.endedAt > latest.endedAt) latest = { id: record.id, endedAt: record.endedAt };
  }
  return { ...(latest ? { reReferralOf: latest.id } : {}), matches };
}
