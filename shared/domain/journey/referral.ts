import { newId } from '../../adapters/data/ids';
import { londonDate, partsOf } from '../../core/calendar';
import { AlreadyExistsError, cases, type Db, references } from '../../adapters/data';
import type { TransactItem } from '../../adapters/data/db';
import { indexForMatching } from '../../adapters/data/matches';
import {
  type ClaimState,
  claimReferralKey,
  releaseLease,
  releaseReferralKey,
  storeAnswer,
  storeAnswerItem,
} from '../../adapters/data/referral-keys';
import { type Case, type Referral, referralSchema } from '../../core/schemas';
import { parseOrThrow, ValidationError } from '../../core/schemas/errors';
import { auditActorOf, type JourneyActor } from '../tasks/actor';
import {
  executionArnOf,
  journeyStateMachineArn,
  startJourneyExecution,
} from '../../adapters/workflow/executions';
import { reReferredRecord } from '../matching/re-referral';
import { recordClaimLapses } from '../metrics/claim-watch';
import { journeyMetrics } from './metrics';
import { initialState } from './state';
import type { CaseStatus } from '../../core/vocabulary/cases';

// A referral arrives (partner API, self-referral, staff entry): the case is created in RECEIVED with
// its reference and audit event, possible duplicates are flagged for the screener (never merged), and
// its journey starts. Answers at once; the journey runs on its own. A partner's Idempotency-Key is
// claimed for the case id first, so every attempt with that key, wherever an earlier one was cut off,
// finishes the same case and the same journey (named by the case id).

export interface ReceivedReferral {
  caseId: string;
  reference: string;
  status: CaseStatus;
}

/** Fills the referral's source from who sent it, and refuses a source that contradicts the sender. */
function withSource(referral: unknown, actor: JourneyActor): unknown {
  if (!referral || typeof referral !== 'object') return referral;
  const body = referral as Record<string, unknown>;
  const implied =
    actor.kind === 'partner'
      ? { source: 'partner', partnerId: actor.partnerId }
      : actor.kind === 'public'
        ? { source: 'self' }
        : actor.kind === 'staff'
          ? { source: 'staff', enteredBy: actor.userId }
          : {};
  for (const [field, value] of Object.entries(implied)) {
    if (body[field] !== undefined && body[field] !== value) {
      throw new ValidationError([
        { path: field, rule: 'sender', message: `${field} must be ${value} for this sender` },
      ]);
    }
  }
  return { ...implied, ...body };
}

export interface ReferralOptions {
  caseId?: string;
  idempotencyKey?: string;
  /**
   * The key's claim is also its idempotency record (the API's routes): this attempt takes the key's
   * lease until then (epoch ms, real time: its invocation's deadline), and the case's transaction
   * stores the answer on the claim (shared/adapters/data/referral-keys.ts).
   */
  leaseUntil?: number;
}

/** A referral validated, with its Idempotency-Key's claim sent (`beginReferral`), not yet written. */
export interface BegunReferral {
  parsed: Referral;
  at: string;
  candidateId: string;
  fixedId: boolean;
  /** The case id: the key's claim's answer (`candidateId` if this attempt claimed it). */
  caseId: Promise<string>;
  /** The claim's answer: the case id, and with a lease, a stored answer to replay if there is one. */
  claim: Promise<ClaimState>;
  /** Where the case's transaction stores the answer (with a lease only). */
  answerOn?: { partnerId: string; key: string };
  /** Takes this attempt's claim back, if it made one (a caller refused after the claim was sent). */
  release(): Promise<void>;
  /** Gives up this attempt's lease (it failed before storing an answer), if it took one. */
  releaseLease(): Promise<void>;
}

export async function receiveReferral(
  db: Db,
  referral: Referral | unknown,
  actor: JourneyActor,
  now: Date | string,
  options: ReferralOptions = {},
): Promise<ReceivedReferral> {
  const written = await writeReferral(db, beginReferral(db, referral, actor, now, options), actor);
  await startJourneyOf(written);
  return answerOf(written);
}

/**
 * Validates the referral (throwing before anything is written) and sends its key's claim, without
 * waiting for it: the idempotent routes send it beside Powertools' own record.
 */
export function beginReferral(
  db: Db,
  referral: Referral | unknown,
  actor: JourneyActor,
  now: Date | string,
  options: ReferralOptions = {},
): BegunReferral {
  const at = new Date(now).toISOString();
  const parsed = parseOrThrow(referralSchema, withSource(referral, actor));
  const candidateId = options.caseId ?? newId(new Date(at).getTime());
  const claimant =
    actor.kind === 'partner' ? actor.partnerId : actor.kind === 'staff' ? `staff:${actor.userId}` : undefined;
  const key = options.idempotencyKey;
  if (key === undefined || claimant === undefined) {
    return {
      parsed,
      at,
      candidateId,
      fixedId: options.caseId !== undefined,
      caseId: Promise.resolve(candidateId),
      claim: Promise.resolve({ caseId: candidateId }),
      release: async () => {},
      releaseLease: async () => {},
    };
  }
  // A staff member's keys are their own; the prefix keeps them apart from a partner's of that name.
  const claim = { partnerId: claimant, key, candidateId };
  const leaseUntil = options.leaseUntil;
  const state = claimReferralKey(db, {
    ...claim,
    body: referral,
    now: at,
    ...(leaseUntil === undefined ? {} : { leaseUntil }),
  });
  const caseId = state.then((found) => found.caseId);
  // Awaited by writeReferral; a request answered without it (a replay, a 409) must not leave it unhandled.
  state.catch(() => {});
  caseId.catch(() => {});
  return {
    parsed,
    at,
    candidateId,
    fixedId: options.caseId !== undefined,
    caseId,
    claim: state,
    ...(leaseUntil === undefined ? {} : { answerOn: { partnerId: claimant, key } }),
    release: async () => {
      if ((await caseId.catch(() => undefined)) === candidateId) await releaseReferralKey(db, claim);
    },
    releaseLease: async () => {
      if (leaseUntil === undefined) return;
      // Only an attempt that got past its claim holds the lease (a 422 or a 409 never took it).
      if (
        await state.then(
          () => true,
          () => false,
        )
      )
        await releaseLease(db, claim);
    },
  };
}

export type WrittenReferral = Pick<Case, 'id' | 'reference' | 'status' | 'referral'>;

/**
 * Writes the referral's case (or finds an earlier attempt's); its journey is started after, by
 * `startJourneyOf`, which every attempt calls (a second start is answered as started).
 */
export async function writeReferral(
  db: Db,
  begun: BegunReferral,
  actor: JourneyActor,
): Promise<WrittenReferral> {
  const { parsed, at, candidateId, answerOn } = begun;
  const caseId = await begun.caseId;
  // With a lease, the answer goes on the key's claim in the case's own transaction.
  const alsoWrite = answerOn
    ? (record: Case) => [storeAnswerItem(db, answerOn, answerOf(record))]
    : undefined;
  const stateMachineArn = journeyStateMachineArn();
  const year = partsOf(londonDate(at)).year;
  if (!begun.fixedId && caseId === candidateId) {
    // A new case id (this attempt claimed the key, or there is no key): no earlier attempt can have
    // written it, so there is nothing to look for, and everything the case needs goes out at once:
    // the claim lapses, the matching (which must not find the case's own keys, written meanwhile),
    // its reference and its match index. A crash before the case is written leaves the claim, so the
    // retry takes the path below (and another reference, as a crash after the counter always did).
    const [, { reReferralOf, matches }, reference] = await Promise.all([
      recordClaimLapses(db, parsed, at),
      reReferredRecord(db, parsed, at, caseId),
      references.nextCaseReference(db, year),
      indexForMatching(db, caseId, parsed),
    ]);
    return createOrFind(
      db,
      {
        id: caseId,
        reference,
        referral: parsed,
        receivedAt: at,
        indexed: true,
        executionArn: executionArnOf(stateMachineArn, caseId),
        ...(reReferralOf ? { reReferralOf } : {}),
        matches,
      },
      actor,
      at,
      alsoWrite,
    );
  }
  // The reads a new case needs go out together with the check for an earlier attempt's case: a
  // retry's extra reads change nothing, and a first attempt waits for one round trip, not three.
  // Claim lapses are recorded before the case is written, so a retried creation cannot miss them
  // (each lapse is recorded once).
  const [existing, , { reReferralOf, matches }] = await Promise.all([
    cases.getCase(db, caseId),
    recordClaimLapses(db, parsed, at),
    reReferredRecord(db, parsed, at),
  ]);
  // A retry after the case was written: no second reference, only make sure its journey runs (and,
  // with a lease, that the answer is stored: a case written before answers were kept on the claim).
  if (existing) {
    if (answerOn) await storeAnswer(db, answerOn, answerOf(existing));
    return existing;
  }
  return createOrFind(
    db,
    {
      id: caseId,
      reference: () => references.nextCaseReference(db, year),
      referral: parsed,
      receivedAt: at,
      executionArn: executionArnOf(stateMachineArn, caseId),
      ...(reReferralOf ? { reReferralOf } : {}),
      matches,
    },
    actor,
    at,
    alsoWrite,
  );
}

/** Writes the case, or finds it when another attempt with the same id wrote it first. */
async function createOrFind(
  db: Db,
  input: cases.NewCase & { id: string },
  actor: JourneyActor,
  at: string,
  alsoWrite?: (record: Case) => TransactItem[],
): Promise<WrittenReferral> {
  try {
    return await cases.createCase(db, input, {
      actor: auditActorOf(actor),
      metrics: journeyMetrics(at),
      ...(alsoWrite ? { alsoWrite } : {}),
    });
  } catch (error) {
    // A retry with the same case id (or one racing this attempt) wrote the case first.
    if (!(error instanceof AlreadyExistsError)) throw error;
    return cases.requireCase(db, input.id);
  }
}

/** Makes sure the case's journey runs (a second start of it is answered as started). */
export async function startJourneyOf(record: Pick<Case, 'id' | 'referral'>): Promise<void> {
  await startJourneyExecution(initialState(record.id, record.referral));
}

export function answerOf(record: Pick<Case, 'id' | 'reference' | 'status'>): ReceivedReferral {
  return { caseId: record.id, reference: record.reference, status: record.status };
}
