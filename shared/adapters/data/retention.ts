import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { addDays } from '../../core/calendar';
import { batchWrite, type Db, isConditionalCheckFailed } from './db';
import {
  CASES_BY_RETENTION,
  caseKey,
  casesByLocalityStatus,
  migrationKey,
  retentionIndexKeys,
  tasksByCase,
} from './keys';
import { forgetMatches } from './matches';
import { listConsents, sharedCaseKeysOf } from './sharing-consents';
import { FINAL_CASE_STATUSES } from '../../core/vocabulary/cases';

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

/** The migration that gives cases which ended before the retention index their keys in it. */
export const RETENTION_INDEX_MIGRATION = 'retention-gsi4';

export interface RetentionReindexResult {
  /** Ended cases given their retention index keys by this call. */
  indexed: number;
  /** Ended cases left alone because they changed (reopened, deleted, re-saved) since they were read. */
  skipped: number;
  /** Every locality and final status was walked to its end with nothing left over. */
  complete: boolean;
}

export interface UnindexedCase {
  id: string;
  status: string;
  retainUntil: string;
  version: number;
}

/**
 * Gives ended cases that carry no retention index keys (those that ended before the index) their
 * keys: the old way, per locality and final status on `gsi1`, paginated, reading only the cases
 * without `gsi4pk`. Each write is conditional on the case being as read (same version, so still
 * ended, not deleted, not reopened) and still without the keys, so it is idempotent and safe beside
 * a reopen, a deletion or another pass. Stops after `limit` writes (`complete: false`): a later pass
 * starts again and reads past what is done.
 */
export async function reindexEndedCasesForRetention(
  db: Db,
  options: { localities: readonly string[]; limit: number },
): Promise<RetentionReindexResult> {
  let indexed = 0;
  let skipped = 0;
  for (const locality of options.localities) {
    for (const status of FINAL_CASE_STATUSES) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.client.send(
          new QueryCommand({
            TableName: db.tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk',
            FilterExpression: 'attribute_not_exists(gsi4pk) AND attribute_exists(retainUntil)',
            ProjectionExpression: 'id, #status, retainUntil, #version',
            ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
            ExpressionAttributeValues: { ':pk': casesByLocalityStatus(locality, status) },
            ExclusiveStartKey: start,
          }),
        );
        for (const record of (page.Items ?? []) as UnindexedCase[]) {
          if (indexed >= options.limit) return { indexed, skipped, complete: false };
          if (await indexForRetention(db, record)) indexed += 1;
          else skipped += 1;
        }
        start = page.LastEvaluatedKey;
      } while (start);
    }
  }
  return { indexed, skipped, complete: true };
}

/** One case's retention index keys, written only if it is unchanged since read and has none yet. */
export async function indexForRetention(db: Db, record: UnindexedCase): Promise<boolean> {
  const keys = retentionIndexKeys(record);
  if (!keys) return false;
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: caseKey(record.id),
        UpdateExpression: 'SET gsi4pk = :gsi4pk, gsi4sk = :gsi4sk',
        ConditionExpression:
          'attribute_exists(pk) AND attribute_not_exists(gsi4pk) AND #version = :version AND #status = :status',
        ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
        ExpressionAttributeValues: {
          ':gsi4pk': keys.gsi4pk,
          ':gsi4sk': keys.gsi4sk,
          ':version': record.version,
          ':status': record.status,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

/** Whether a one-off migration's pass has been completed on this table. */
export async function migrationDone(db: Db, name: string): Promise<boolean> {
  const result = await db.client.send(
    new GetCommand({ TableName: db.tableName, Key: migrationKey(name), ConsistentRead: true }),
  );
  return result.Item !== undefined;
}

/** Records a migration's complete pass (once: a second writer leaves the first record as it is). */
export async function markMigrationDone(db: Db, name: string, at: string): Promise<void> {
  try {
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...migrationKey(name), itemType: 'migration', name, doneAt: at },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
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
