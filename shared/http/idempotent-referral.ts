import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import type { Context } from 'aws-lambda';
import { defaultDb } from '../adapters/data/db';
import { idempotentOnFirstUse } from '../adapters/lambda/idempotent';
import { now } from '../core/clock';
import {
  answerOf,
  type BegunReferral,
  beginReferral,
  startJourneyOf,
  writeReferral,
} from '../domain/journey/referral';
import type { JourneyActor } from '../domain/tasks/actor';
import { type ReferralReceipt, toReceipt } from './referral-receipt';

// The routes that create a referral with an Idempotency-Key (partner and staff): Powertools
// idempotency keeps the first answer per (sender, key) in the idempotency table; the same key with
// another body is a 422, and a request racing one still in flight gets a 409. Its in-progress record
// expires with the invocation, so a request cut off by a crash does not lock the key for a day; the
// key is also claimed for the case id in the table (shared/adapters/data/referral-keys.ts), so the
// retry that then runs again finishes the same case: one key never makes two referrals.
//
// The key's claim is sent beside Powertools' record, not after it: its conditional put decides the
// case id whichever request lands first (a request Powertools then answers with a replay or a 409
// just never uses its answer), so the first attempt waits for one round trip there, not two. A
// known partner's `active` is read alongside both (`stillAllowed`) and awaited before the case is
// written; a refusal takes back this attempt's claim, and Powertools deletes its record.
//
// The journey is started beside Powertools' completion (the stored answer), once the case is
// written, and the answer waits for both. Every replay of a stored answer starts the journey again
// (answered as started, the execution being named by the case id): a start that failed or was cut
// off after the answer was stored is made good by the partner's retry, as before.

export interface Submission {
  /** The sender and the key, e.g. `<partnerId>#<key>`: what the idempotency record is kept under. */
  key: string;
  actor: JourneyActor;
  idempotencyKey: string;
  body: unknown;
}

interface Attempt {
  begun: BegunReferral;
  stillAllowed: Promise<void>;
  /** The journey's start, sent once this attempt has written (or found) the case. */
  started?: Promise<void>;
}

export function idempotentReferrals(keyPrefix: string) {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'key',
    payloadValidationJmesPath: 'body',
    expiresAfterSeconds: 24 * 60 * 60,
  });
  // Made on first use, so the table name and endpoint can be set after import (local stack, tests).
  // Powertools hashes the first argument only; the second is this attempt's own.
  const submit = idempotentOnFirstUse(
    async (sent: Submission, attempt: Attempt): Promise<ReferralReceipt> => {
      await attempt.stillAllowed;
      const written = await writeReferral(defaultDb(), attempt.begun, sent.actor);
      attempt.started = startJourneyOf(written);
      attempt.started.catch(() => {});
      return toReceipt(answerOf(written));
    },
    { config, keyPrefix },
  );
  return async (
    submission: Submission,
    context: Context,
    stillAllowed: Promise<void> = Promise.resolve(),
  ): Promise<ReferralReceipt> => {
    config.registerLambdaContext(context);
    const begun = beginReferral(defaultDb(), submission.body, submission.actor, now(), {
      idempotencyKey: submission.idempotencyKey,
    });
    const attempt: Attempt = { begun, stillAllowed };
    let receipt: ReferralReceipt;
    try {
      receipt = await submit(submission, attempt);
    } catch (error) {
      await attempt.started?.catch(() => {});
      const refused = await stillAllowed.then(
        () => false,
        () => true,
      );
      if (refused) await begun.release();
      throw error;
    }
    // A replay (Powertools answered from its record without running the step above) starts it again.
    await (attempt.started ??
      stillAllowed.then(() => startJourneyOf({ id: receipt.id, referral: begun.parsed })));
    return receipt;
  };
}
