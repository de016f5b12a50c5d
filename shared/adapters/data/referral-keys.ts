import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseStatus } from '../../core/vocabulary/cases';
import { type Db, isConditionalCheckFailed, type TransactItem } from './db';
import { referralKeyClaimKey } from './keys';

// One referral per (partner, Idempotency-Key), whatever a crash cut off: the first attempt claims the
// key for a new case id with a conditional put before anything else is written, and every later
// attempt (a retry after a crash, or a race) reads the claim and finishes that same case. The claim
// carries a hash of the body, so the key reused with another body is refused.
//
// The API's routes (shared/http/idempotent-referral.ts) also use the claim as the key's idempotency
// record, in place of Powertools' two writes: a lease (this attempt's id and its invocation's
// deadline, real time) says an attempt is in flight, and the case's own transaction stores the
// answer on the claim. Another attempt then gets the stored answer (for the answer's day), a 409
// while a lease runs, or, once a lease ran out with no answer (its invocation died), takes the lease
// over by a conditional update, so of two retries of a dead attempt only one goes on.

/** How long a claimed key keeps answering with its case (partners retry within hours). */
const CLAIM_DAYS = 30;

/** How long a stored answer is replayed as it was (as Powertools kept its record: 24 hours). */
const ANSWER_MS = 24 * 60 * 60 * 1000;

/** What a referral's first complete attempt answered, kept on its claim. */
export interface StoredAnswer {
  caseId: string;
  reference: string;
  status: CaseStatus;
}

export interface ReferralKeyClaim {
  partnerId: string;
  caseId: string;
  bodyHash: string;
  claimedAt: string;
  /** The attempt holding the key (its candidate case id) and until when (epoch ms, real time). */
  leaseId?: string;
  leaseUntil?: number;
  answer?: StoredAnswer;
  /** When the answer was stored (epoch ms, real time). */
  answeredAt?: number;
}

/** What a claim gives an attempt: the case id, and a stored answer to replay if there is one. */
export interface ClaimState {
  caseId: string;
  answer?: StoredAnswer;
}

/** Another attempt with the key holds its lease: answered 409, retry shortly (as Powertools did). */
export class KeyInFlightError extends Error {
  constructor() {
    super('A request with this Idempotency-Key is still being processed');
    this.name = 'KeyInFlightError';
  }
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
 * before. Throws KeyReusedError when the key was claimed with another body. With `leaseUntil` (epoch
 * ms) the call also takes the key's lease, and answers a stored answer still within its day, or
 * throws KeyInFlightError while another attempt's lease runs.
 */
export async function claimReferralKey(
  db: Db,
  claim: {
    partnerId: string;
    key: string;
    body: unknown;
    candidateId: string;
    now: string;
    leaseUntil?: number;
  },
): Promise<ClaimState> {
  const key = referralKeyClaimKey(claim.partnerId, sha256(claim.key));
  const hash = bodyHash(claim.body);
  const leased = claim.leaseUntil !== undefined;
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
          ...(leased ? { leaseId: claim.candidateId, leaseUntil: claim.leaseUntil } : {}),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return { caseId: claim.candidateId };
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
  const existing = (
    await db.client.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }))
  ).Item as ReferralKeyClaim | undefined;
  if (!existing) throw new Error('referral key claim vanished between its put and its read');
  if (existing.bodyHash !== hash) throw new KeyReusedError();
  if (!leased) return { caseId: existing.caseId };
  const at = Date.now();
  if (existing.answer && at - (existing.answeredAt ?? 0) < ANSWER_MS) {
    return { caseId: existing.caseId, answer: existing.answer };
  }
  if ((existing.leaseUntil ?? 0) > at) throw new KeyInFlightError();
  // The lease ran out with no answer (its attempt died) or the answer's day is over: this attempt
  // finishes the same case, once it holds the lease; of two racing here, one gets it.
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: key,
        UpdateExpression: 'SET leaseId = :me, leaseUntil = :until',
        ConditionExpression:
          existing.leaseUntil === undefined ? 'attribute_not_exists(leaseUntil)' : 'leaseUntil = :seen',
        ExpressionAttributeValues: {
          ':me': claim.candidateId,
          ':until': claim.leaseUntil,
          ...(existing.leaseUntil === undefined ? {} : { ':seen': existing.leaseUntil }),
        },
      }),
    );
  } catch (error) {
    if (isConditionalCheckFailed(error)) throw new KeyInFlightError();
    throw error;
  }
  return { caseId: existing.caseId };
}

/**
 * The claim's answer, stored in the transaction that writes the case (so a case is never written
 * without it); conditional on the claim still naming the case.
 */
export function storeAnswerItem(
  db: Db,
  claim: { partnerId: string; key: string },
  answer: StoredAnswer,
): TransactItem {
  return {
    Update: {
      TableName: db.tableName,
      Key: referralKeyClaimKey(claim.partnerId, sha256(claim.key)),
      UpdateExpression: 'SET answer = :answer, answeredAt = :at',
      ConditionExpression: 'caseId = :id',
      ExpressionAttributeValues: { ':answer': answer, ':at': Date.now(), ':id': answer.caseId },
    },
  };
}

/** The same answer stored on its own: an attempt that found its case written by an earlier one. */
export async function storeAnswer(
  db: Db,
  claim: { partnerId: string; key: string },
  answer: StoredAnswer,
): Promise<void> {
  const { Update } = storeAnswerItem(db, claim, answer);
  try {
    await db.client.send(new UpdateCommand(Update!));
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
}

/**
 * Gives up this attempt's lease (it failed before its answer was stored), so a retry goes on at once
 * rather than after the lease's deadline, as Powertools deleted its record when its function threw.
 */
export async function releaseLease(
  db: Db,
  claim: { partnerId: string; key: string; candidateId: string },
): Promise<void> {
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: referralKeyClaimKey(claim.partnerId, sha256(claim.key)),
        UpdateExpression: 'SET leaseUntil = :zero',
        ConditionExpression: 'leaseId = :me',
        ExpressionAttributeValues: { ':me': claim.candidateId, ':zero': 0 },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
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
    if (!isConditionalCheckFailed(error)) throw error;
  }
}
