import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { addMonths, endOfLondonDay, londonDate } from '../../core/calendar';
import type { Db } from '../../adapters/data/db';
import { duplicateKey } from '../../adapters/data/keys';
import { TIME_TO_LIVE_ATTRIBUTE } from '../../adapters/data/table-definition';
import type { Case } from '../../core/schemas/case';
import { childrenOf, type Referral } from '../../core/schemas/referral';
import { recordClaimLapse } from './case-events';

// A claim needs the family's outcomes sustained for six months after closure. A family that closed
// meeting the criteria (a claim candidate) is watched for six months by the hashed keys of its
// children (the same keys duplicate detection uses, so nothing personal is stored); a new referral
// for one of those children within the six months is a lapse, counted once per closed case against
// the quarter it closed in. The watch items expire by the table's TTL after the six months.

export const CLAIM_SUSTAIN_MONTHS = 6;
const WATCH_PREFIX = 'CLAIM#';

function childKeys(referral: Pick<Referral, 'family'>): string[] {
  return [
    ...new Set(
      childrenOf(referral).map((child) =>
        duplicateKey('child', child.givenName, child.familyName, child.dateOfBirth),
      ),
    ),
  ];
}

/** The watch items a claim candidate's closure writes (in the closing transaction). */
export function claimWatchItems(closed: Case, endedAt: string): Record<string, unknown>[] {
  const watchUntil = addMonths(londonDate(endedAt), CLAIM_SUSTAIN_MONTHS);
  return childKeys(closed.referral).map((pk) => ({
    pk,
    sk: `${WATCH_PREFIX}${closed.id}`,
    itemType: 'claim-watch',
    caseId: closed.id,
    locality: closed.locality,
    endedAt,
    watchUntil,
    [TIME_TO_LIVE_ATTRIBUTE]: Math.floor(endOfLondonDay(watchUntil).getTime() / 1000),
  }));
}

/** Whether a duplicate-key partition item is a claim watch rather than an open case's key. */
export function isClaimWatch(item: Record<string, unknown>): boolean {
  return String(item.sk).startsWith(WATCH_PREFIX);
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
  for (const pk of childKeys(referral)) {
    const result = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :watch)',
        ExpressionAttributeValues: { ':pk': pk, ':watch': WATCH_PREFIX },
        ConsistentRead: true,
      }),
    );
    for (const item of result.Items ?? []) {
      if (String(item.watchUntil) < today) continue;
      lapsed.set(String(item.caseId), {
        locality: item.locality as Case['locality'],
        endedAt: String(item.endedAt),
      });
    }
  }
  for (const [caseId, closed] of lapsed) {
    await recordClaimLapse(db, `claim-lapse#${caseId}`, closed);
  }
  return [...lapsed.keys()];
}
