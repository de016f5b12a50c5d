import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';
import { referralKeyClaimKey } from './keys';

// One referral per (partner, Idempotency-Key), whatever a crash cut off: the first attempt claims the
// key for a new case id with a conditional put before anything else is written, and every later
// attempt (a retry after the Powertools record expired with its invocation, or a race) reads the
// claim and finishes that same case. The claim carries a hash of the body, so the key reused with
// another body is refused even once the Powertools record is gone.

/** How long a claimed key keeps answering with its case (partners retry within hours). */
const CLAIM_DAYS = 30;

export interface ReferralKeyClaim {
  partnerId: string;
  caseId: string;
  bodyHash: string;
  claimedAt: string;
}

export class KeyReusedError extends Error {
  constructor() {
    super('This Idempotency-Key was already used with a different body');
    this.name = 'KeyReusedError';
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A body's hash, independent of its key order (a retry may serialise the same JSON differently). */
export function bodyHash(body: unknown): string {
  return sha256(JSON.stringify(sorted(body)));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/**
 * The case id this key belongs to: `candidateId` if this call claims the key, else the id claimed
 * before. Throws KeyReusedError when the key was claimed with another body.
 */
export async function claimReferralKey(
  db: Db,
  claim: { partnerId: string; key: string; body: unknown; candidateId: string; now: string },
): Promise<string> {
  const key = referralKeyClaimKey(claim.partnerId, sha256(claim.key));
  const hash = bodyHash(claim.body);
  try {
    await db.client.send(
      new PutCommand({
        TableName: db.tableName,
        Item: {
          ...key,
          itemType: 'referral-key',
          partnerId: claim.partnerId,
          caseId: claim.candidateId,
          bodyHash: hash,
          claimedAt: claim.now,
          expiresAt: Math.floor(Date.parse(claim.now) / 1000) + CLAIM_DAYS * 24 * 3600,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return claim.candidateId;
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
  const existing = (
    await db.client.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }))
  ).Item as ReferralKeyClaim | undefined;
  if (!existing) throw new Error('referral key claim vanished between its put and its read');
  if (existing.bodyHash !== hash) throw new KeyReusedError();
  return existing.caseId;
}

/**
 * Takes back a claim this attempt made (its caller was refused before anything else was written), so
 * a refused request leaves nothing behind; a claim that names another attempt's case is kept.
 */
export async function releaseReferralKey(
  db: Db,
  claim: { partnerId: string; key: string; candidateId: string },
): Promise<void> {
  try {
    await db.client.send(
      new DeleteCommand({
        TableName: db.tableName,
        Key: referralKeyClaimKey(claim.partnerId, sha256(claim.key)),
        ConditionExpression: 'caseId = :mine',
        ExpressionAttributeValues: { ':mine': claim.candidateId },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
}
