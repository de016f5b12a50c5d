import type { Context } from 'aws-lambda';
import { defaultDb } from '../adapters/data/db';
import { now } from '../core/clock';
import { answerOf, beginReferral, startJourneyOf, writeReferral } from '../domain/journey/referral';
import type { JourneyActor } from '../domain/tasks/actor';
import { type ReferralReceipt, toReceipt } from './referral-receipt';

// The routes that create a referral with an Idempotency-Key (partner and staff). The key's claim in
// the table (shared/adapters/data/referral-keys.ts) is its idempotency record: the first attempt's
// conditional put decides the case id and takes the key's lease until its invocation's deadline; the
// case's own transaction stores the answer on the claim. So the same key and body answer the stored
// answer (for a day, as Powertools kept it; later, the case as it is); another body is a 422; a
// request racing one still in flight (its lease running) a 409 with Retry-After; and once a lease ran
// out with no answer (its invocation died), one retry takes the lease over and finishes that same
// case, so one key never makes two referrals or spends two references. An attempt that fails before
// its answer is stored gives its lease up, so its retry runs at once.
//
// This replaces Powertools idempotency here (docs/decisions.md, "The key's claim as the referral's
// idempotency record"): its in-progress put and completion update were two writes beside the claim,
// which already held the key, the body's hash and the case id.
//
// A known partner's `active` is read beside the claim (`stillAllowed`) and awaited before the case
// is written; a refusal takes back this attempt's claim (or its lease). The journey is started once
// the case and its answer are written, and every replay of a stored answer starts it again (answered
// as started, the execution being named by the case id): a start that failed or was cut off after
// the answer was stored is made good by the partner's retry.

export interface Submission {
  /** The sender: the key's claim is per partner (or per staff member). */
  actor: JourneyActor;
  idempotencyKey: string;
  body: unknown;
}

/** How long an attempt holds the key when its invocation's deadline is unknown. */
const DEFAULT_LEASE_MS = 30_000;

export function idempotentReferrals() {
  return async (
    submission: Submission,
    context: Context | undefined,
    stillAllowed: Promise<void> = Promise.resolve(),
  ): Promise<ReferralReceipt> => {
    const db = defaultDb();
    const remaining = context?.getRemainingTimeInMillis?.() ?? DEFAULT_LEASE_MS;
    const begun = beginReferral(db, submission.body, submission.actor, now(), {
      idempotencyKey: submission.idempotencyKey,
      leaseUntil: Date.now() + remaining,
    });
    let answered = false;
    try {
      const claim = await begun.claim;
      if (claim.answer) {
        answered = true;
        await stillAllowed;
        await startJourneyOf({ id: claim.answer.caseId, referral: begun.parsed });
        return toReceipt(claim.answer);
      }
      await stillAllowed;
      const written = await writeReferral(db, begun, submission.actor);
      answered = true;
      await startJourneyOf(written);
      return toReceipt(answerOf(written));
    } catch (error) {
      if (!answered) {
        const refused = await stillAllowed.then(
          () => false,
          () => true,
        );
        // A refused caller leaves nothing (its own claim goes); any other failure leaves the claim
        // (the retry finishes its case) but not the lease.
        const mine = (await begun.caseId.catch(() => undefined)) === begun.candidateId;
        if (refused && mine) await begun.release();
        else await begun.releaseLease();
      }
      throw error;
    }
  };
}
