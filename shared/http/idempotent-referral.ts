import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import type { Context } from 'aws-lambda';
import { defaultDb } from '../adapters/data/db';
import { idempotentOnFirstUse } from '../adapters/lambda/idempotent';
import { now } from '../core/clock';
import { receiveReferral } from '../domain/journey/referral';
import type { JourneyActor } from '../domain/tasks/actor';
import { type ReferralReceipt, toReceipt } from './referral-receipt';

// The routes that create a referral with an Idempotency-Key (partner and staff): Powertools
// idempotency keeps the first answer per (sender, key) in the idempotency table; the same key with
// another body is a 422, and a request racing one still in flight gets a 409. Its in-progress record
// expires with the invocation, so a request cut off by a crash does not lock the key for a day; the
// key is also claimed for the case id in the table (shared/adapters/data/referral-keys.ts), so the
// retry that then runs again finishes the same case: one key never makes two referrals.

export interface Submission {
  /** The sender and the key, e.g. `<partnerId>#<key>`: what the idempotency record is kept under. */
  key: string;
  actor: JourneyActor;
  idempotencyKey: string;
  body: unknown;
}

export function idempotentReferrals(keyPrefix: string) {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'key',
    payloadValidationJmesPath: 'body',
    expiresAfterSeconds: 24 * 60 * 60,
  });
  // Made on first use, so the table name and endpoint can be set after import (local stack, tests).
  const submit = idempotentOnFirstUse(
    async (sent: Submission): Promise<ReferralReceipt> =>
      toReceipt(
        await receiveReferral(defaultDb(), sent.body, sent.actor, now(), {
          idempotencyKey: sent.idempotencyKey,
        }),
      ),
    { config, keyPrefix },
  );
  return (submission: Submission, context: Context): Promise<ReferralReceipt> => {
    config.registerLambdaContext(context);
    return submit(submission);
  };
}
