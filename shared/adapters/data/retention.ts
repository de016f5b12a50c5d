import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { addDays } from '../../core/calendar';
import { batchWrite, type Db } from './db';
import { CASES_BY_RETENTION, caseKey, tasksByCase } from './keys';
import { forgetMatches } from './matches';
import { listConsents, sharedCaseKeysOf } from './sharing-consents';

// How the retention sweep finds and deletes a case's data (the rule, which cases and when, is
// shared/domain/retention/sweep.ts): its tasks and their drafts first, then its own partition (the
// record and its audit trail), so a sweep cut off half-way finds the case again next time.

export interface DueCase {
  id: string;
  reference: string;
}

/**
 * Ended cases whose `retainUntil` is on or before `today`, soonest due first, from the retention index
 * (`gsi4`: one partition, sorted by `<retainUntil>#<id>`, written only by ended cases): one query a
 * day whatever the localities and statuses, so the cost follows what is due, not the size of the
 * table. Stops once `limit` are found.
 */
export async function findCasesPastRetention(
  db: Db,
  query: { today: string; limit: number },
): Promise<DueCase[]> {
  const due: DueCase[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: 'gsi4',
        // `<day>#<id>` sorts before the next day: everything due by the end of `today`.
        KeyConditionExpression: 'gsi4pk = :pk AND gsi4sk < :after',
        ProjectionExpression: 'id, #reference',
        ExpressionAttributeNames: { '#reference': 'reference' },
        ExpressionAttributeValues: { ':pk': CASES_BY_RETENTION, ':after': addDays(query.today, 1) },
        Limit: query.limit,
        ExclusiveStartKey: start,
      }),
    );
    due.push(...((page.Items ?? []) as DueCase[]));
    if (due.length >= query.limit) return due.slice(0, query.limit);
    start = page.LastEvaluatedKey;
  } while (start);
  return due;
}

async function keysUnder(db: Db, partition: string, index?: 'gsi2'): Promise<Record<string, string>[]> {
  const keys: Record<string, string>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        ...(index ? { IndexName: index } : {}),
        KeyConditionExpression: `${index ? `${index}pk` : 'pk'} = :pk`,
        ProjectionExpression: 'pk, sk',
        ExpressionAttributeValues: { ':pk': partition },
        ExclusiveStartKey: start,
      }),
    );
    keys.push(...((page.Items ?? []) as Record<string, string>[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return keys;
}

function deleteKeys(db: Db, keys: readonly Record<string, string>[]): Promise<void> {
  return batchWrite(
    db,
    keys.map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } })),
  );
}

/**
 * Deletes one case whole; safe to repeat. Its entries in the family-match index, the other side of
 * its match decisions and the agencies' side of its sharing consents go first, while the record they are computed from still exists.
 */
export async function deleteCaseData(db: Db, caseId: string): Promise<void> {
  await forgetMatches(db, caseId);
  await deleteKeys(db, sharedCaseKeysOf(await listConsents(db, caseId)));
  const taskKeys = await keysUnder(db, tasksByCase(caseId), 'gsi2');
  for (const task of taskKeys) await deleteKeys(db, await keysUnder(db, task.pk!));
  await deleteKeys(db, await keysUnder(db, caseKey(caseId).pk));
}
