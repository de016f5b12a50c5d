import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { dynamoRaw } from '../adapters/aws/clients';
import { defaultDb } from '../adapters/data/db';
import { now } from '../core/clock';
import { requiredEnv } from '../core/environment';
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
  let submit: ((submission: Submission) => Promise<ReferralReceipt>) | undefined;
  return (submission: Submission, context: Context): Promise<ReferralReceipt> => {
    config.registerLambdaContext(context);
    // Created on first use, so the table name and endpoint can be set after import (local stack, tests).
    submit ??= makeIdempotent(
      async (sent: Submission): Promise<ReferralReceipt> =>
        toReceipt(
          await receiveReferral(defaultDb(), sent.body, sent.actor, now(), {
            idempotencyKey: sent.idempotencyKey,
          }),
        ),
      {
        persistenceStore: new DynamoDBPersistenceLayer({
          tableName: requiredEnv('IDEMPOTENCY_TABLE_NAME'),
          awsSdkV3Client: dynamoRaw(),
        }),
        config,
        keyPrefix,
      },
    );
    return submit(submission);
  };
}
