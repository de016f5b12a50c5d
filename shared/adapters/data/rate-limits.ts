import { createHash } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, isConditionalCheckFailed } from './db';
import { TIME_TO_LIVE_ATTRIBUTE } from './table-definition';

// Fixed-window request counters for public routes (self-referrals, sign-in per caller) and for failed
// sign-ins per username: one item per bucket and window, counted up under a condition so concurrent
// requests cannot overshoot, and expired by the table's TTL. The caller or username is keyed by a
// hash, so no address or username is ever stored.

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function rateBucket(kind: string, caller: string): string {
  return `${kind}#${createHash('sha256').update(caller).digest('hex').slice(0, 32)}`;
}

export async function takeRateToken(
  db: Db,
  bucket: string,
  limit: { requests: number; windowSeconds: number },
  now: Date,
): Promise<RateDecision> {
  const windowMs = limit.windowSeconds * 1000;
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  const windowEnd = windowStart + windowMs;
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: { pk: `RATE#${bucket}`, sk: `WINDOW#${windowStart}` },
        UpdateExpression: 'ADD #count :one SET #ttl = if_not_exists(#ttl, :expires), itemType = :type',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: { '#count': 'requests', '#ttl': TIME_TO_LIVE_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':one': 1,
          ':limit': limit.requests,
          ':expires': Math.ceil(windowEnd / 1000) + 3600,
          ':type': 'rate-window',
        },
      }),
    );
    return { allowed: true };
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000)) };
  }
}

function windowOf(limit: { windowSeconds: number }, now: Date) {
  const windowMs = limit.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  return { start, end: start + windowMs };
}

/** Whether the bucket's window is already full, without counting (an account lockout's check). */
export async function rateExceeded(
  db: Db,
  bucket: string,
  limit: { requests: number; windowSeconds: number },
  now: Date,
): Promise<RateDecision> {
  const window = windowOf(limit, now);
  const found = await db.client.send(
    new GetCommand({
      TableName: db.tableName,
      Key: { pk: `RATE#${bucket}`, sk: `WINDOW#${window.start}` },
      ConsistentRead: true,
    }),
  );
  if (Number(found?.Item?.requests ?? 0) < limit.requests) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.end - now.getTime()) / 1000)) };
}

/** Counts one event (a failed sign-in) in the bucket's current window. */
export async function countRateEvent(
  db: Db,
  bucket: string,
  limit: { windowSeconds: number },
  now: Date,
): Promise<void> {
  const window = windowOf(limit, now);
  await db.client.send(
    new UpdateCommand({
      TableName: db.tableName,
      Key: { pk: `RATE#${bucket}`, sk: `WINDOW#${window.start}` },
      UpdateExpression: 'ADD #count :one SET #ttl = if_not_exists(#ttl, :expires), itemType = :type',
      ExpressionAttributeNames: { '#count': 'requests', '#ttl': TIME_TO_LIVE_ATTRIBUTE },
      ExpressionAttributeValues: {
        ':one': 1,
        ':expires': Math.ceil(window.end / 1000) + 3600,
        ':type': 'rate-window',
      },
    }),
  );
}
