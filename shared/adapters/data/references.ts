import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';
import { referenceCounterKey } from './keys';

// Human case references, `SLF-2027-00042`: one atomic counter per prefix and year (ADD returns the
// new value, so concurrent callers always get distinct numbers). A reference taken by a request
// that then fails is simply never used: gaps are allowed, repeats are not.

export const REFERENCE_PREFIX = 'SLF';

export async function nextNumber(db: Db, prefix: string, year: number): Promise<number> {
  const result = await db.client.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: referenceCounterKey(prefix, year),
      UpdateExpression: 'ADD #value :one SET itemType = :type',
      ExpressionAttributeNames: { '#value': 'value' },
      ExpressionAttributeValues: { ':one': 1, ':type': 'counter' },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(result.Attributes?.value);
}

export function formatReference(prefix: string, year: number, number: number): string {
  return `${prefix}-${year}-${String(number).padStart(5, '0')}`;
}

/** The next case reference for a calendar year (the year the referral arrived, in London). */
export async function nextCaseReference(db: Db, year: number): Promise<string> {
  return formatReference(REFERENCE_PREFIX, year, await nextNumber(db, REFERENCE_PREFIX, year));
}
