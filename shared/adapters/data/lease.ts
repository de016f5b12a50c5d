import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, isConditionalCheckFailed } from './db';
import { leaseKey } from './keys';

// A lease: one holder at a time for work that must not overlap (the retention sweep), taken with one
// conditional write. The holder renews it on each step; a holder that dies holds it until it lapses.

export interface LeaseClaim {
  /** What the lease guards, e.g. `retention-sweep`. */
  name: string;
  /** Who asks: the same holder renews, anyone else waits for it to end or lapse. */
  holder: string;
  now: Date;
  /** How long the lease holds from `now` without a renewal. */
  forMs: number;
}

/** Takes or renews the lease; false while someone else holds it. */
export async function claimLease(db: Db, claim: LeaseClaim): Promise<boolean> {
  const until = new Date(claim.now.getTime() + claim.forMs);
  try {
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: {
          ...leaseKey(claim.name),
          holder: claim.holder,
          until: until.toISOString(),
          // A lapsed lease is harmless; the table's TTL clears it a day later.
          expiresAt: Math.floor(until.getTime() / 1000) + 86_400,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR holder = :holder OR #until <= :now',
        ExpressionAttributeNames: { '#until': 'until' },
        ExpressionAttributeValues: { ':holder': claim.holder, ':now': claim.now.toISOString() },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

/** Ends the lease if `holder` still holds it (a lapsed and retaken lease is left to its new holder). */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  try {
    await db.client.send(
      new DeleteCommand({
        TableName: db.tableName,
        Key: leaseKey(name),
        ConditionExpression: 'holder = :holder',
        ExpressionAttributeValues: { ':holder': holder },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
}
