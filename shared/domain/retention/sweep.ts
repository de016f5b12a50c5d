import * as z from 'zod';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { addDays, addYears } from '../../core/calendar';
import { londonDate } from '../../core/calendar/london';
import { getConfig } from '../../core/config';
import { appendAuditEvent } from '../../adapters/data/audit';
import type { Db } from '../../adapters/data/db';
import { claimLease, releaseLease } from '../../adapters/data/lease';
import { caseKey, casesByLocalityStatus, tasksByCase } from '../../adapters/data/keys';
import { FINAL_CASE_STATUSES } from '../../core/schemas/case';

// The retention sweep (DESIGN.md: personal data kept 6 years after closure, configurable). A case
// past its `retainUntil` goes whole: its tasks and their drafts first, then its own partition (the
// record and its audit trail), so a sweep cut off half-way finds the case again next time. The
// quarter's counters and the stored reports hold no personal data and stay. Each deletion leaves
// one audit event under `retention#<day>` naming the case id and reference only.

const BATCH = 25;

export interface SweepResult {
  deleted: number;
  /** More cases were due than this call's limit: run again. */
  more: boolean;
}

interface DueCase {
  id: string;
  reference: string;
}

/**
 * Cases whose retention ended by `today`, found per locality and final status by the day they ended
 * (the index's sort key), so the cost follows what is due, not the size of the table.
 */
async function dueCases(db: Db, today: string, limit: number): Promise<DueCase[]> {
  const years = getConfig().timescales.retentionYearsAfterClosure;
  // Ended on or before this day (in London, plus a day for the UTC offset) may be due; `retainUntil`
  // (stored when the case ended) decides.
  const endedBefore = addDays(addYears(today, -years), 2);
  const due: DueCase[] = [];
  for (const locality of getConfig().localities) {
    for (const status of FINAL_CASE_STATUSES) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.client.send(
          new QueryCommand({
            TableName: db.tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :before',
            FilterExpression: 'retainUntil <= :today',
            ProjectionExpression: 'id, #reference',
            ExpressionAttributeNames: { '#reference': 'reference' },
            ExpressionAttributeValues: {
              ':pk': casesByLocalityStatus(locality.id, status),
              ':before': endedBefore,
              ':today': today,
            },
            ExclusiveStartKey: start,
          }),
        );
        due.push(...((page.Items ?? []) as DueCase[]));
        if (due.length >= limit) return due;
        start = page.LastEvaluatedKey;
      } while (start);
    }
  }
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

async function deleteKeys(db: Db, keys: readonly Record<string, string>[]): Promise<void> {
  for (let offset = 0; offset < keys.length; offset += BATCH) {
    let pending = keys
      .slice(offset, offset + BATCH)
      .map((key) => ({ DeleteRequest: { Key: { pk: key.pk, sk: key.sk } } }));
    // BatchWrite may hand some back under load; deleting is idempotent, so they are sent again.
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt === 8) throw new Error('DynamoDB kept returning unprocessed deletes');
      const result = await db.client.send(
        new BatchWriteCommand({ RequestItems: { [db.tableName]: pending } }),
      );
      pending = (result.UnprocessedItems?.[db.tableName] ?? []) as typeof pending;
      if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  }
}

/** Deletes one case whole; safe to repeat. */
export async function deleteCaseData(db: Db, caseId: string): Promise<void> {
  const taskKeys = await keysUnder(db, tasksByCase(caseId), 'gsi2');
  for (const task of taskKeys) await deleteKeys(db, await keysUnder(db, task.pk!));
  await deleteKeys(db, await keysUnder(db, caseKey(caseId).pk));
}

export async function sweepRetention(
  db: Db,
  now: Date,
  options: { limit?: number } = {},
): Promise<SweepResult> {
  const limit = options.limit ?? 100;
  const today = londonDate(now);
  const due = await dueCases(db, today, limit + 1);
  const batch = due.slice(0, limit);
  for (const record of batch) {
    await deleteCaseData(db, record.id);
    await appendAuditEvent(db, {
      subject: `retention#${today}`,
      caseId: record.id,
      at: now.toISOString(),
      actor: { type: 'system', id: 'retention-sweep' },
      action: 'retention.case-deleted',
      details: { reference: record.reference },
    });
  }
  return { deleted: batch.length, more: due.length > limit };
}

/**
 * How long a sweep holds its lease without renewing it: longer than one step with every retry the
 * workflow allows (7 attempts of at most 300 s, plus back-off, about 38 minutes).
 */
export const SWEEP_LEASE_MS = 60 * 60 * 1000;
const SWEEP_LEASE = 'retention-sweep';

/**
 * One step of the sweep run by `execution`, serialised across executions: a second sweep started
 * while one runs (a retried schedule, a start by hand) finds the lease taken and ends at once, so
 * no case is deleted, or its deletion recorded, twice. The holder renews the lease on each step and
 * gives it back when nothing more is due; a holder that dies blocks others only until it lapses.
 */
export async function sweepRetentionStep(
  db: Db,
  step: { execution: string; at: Date; now: Date; limit?: number },
): Promise<SweepResult & { skipped?: true }> {
  const claimed = await claimLease(db, {
    name: SWEEP_LEASE,
    holder: step.execution,
    now: step.now,
    forMs: SWEEP_LEASE_MS,
  });
  if (!claimed) return { deleted: 0, more: false, skipped: true };
  const result = await sweepRetention(db, step.at, { limit: step.limit });
  if (!result.more) await releaseLease(db, SWEEP_LEASE, step.execution);
  return result;
}

/** What the retention workflow hands its Lambda (versioned like every workflow payload). */
export const sweepRetentionPayloadSchema = z.object({
  schemaVersion: z.literal(1),
  /** The schedule's fire time (EventBridge Scheduler's scheduled-time), or the execution's start. */
  at: z.iso.datetime({ offset: true }),
  /** The execution's name: the lease's holder. */
  execution: z.string().min(1).max(80),
  /** When this step started (the state's entered time), for the lease. */
  now: z.iso.datetime({ offset: true }),
  limit: z.number().int().min(1).max(500).optional(),
});
