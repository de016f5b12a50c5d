import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { dynamoRaw } from '../shared/adapters/aws/clients';
import { now } from '../shared/core/clock';
import { receiveReferral } from '../shared/domain/journey/referral';
import { partnerOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { idempotencyKeyOf } from '../shared/http/idempotency-key';
import { immediateRiskNotice, type ReferralReceipt, toReceipt } from '../shared/http/referral-receipt';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { partnerReferralSchema } from '../shared/core/schemas/referral';
import { requiredEnv } from '../shared/core/environment';
import { defaultDb } from '../shared/adapters/data/db';

// POST /v1/referrals. The Idempotency-Key makes a retry safe: Powertools idempotency keeps the first
// answer per (partner, key) in the idempotency table; the same key with another body is a 422, and a
// request racing one still in flight gets a 409. Its in-progress record expires with the invocation,
// so a request cut off by a crash does not lock the key for a day; the key is also claimed for the
// case id in the table (shared/adapters/data/referral-keys.ts), so the retry that then runs again finishes the
// same case: one key never makes two referrals.

interface Submission {
  key: string;
  partnerId: string;
  idempotencyKey: string;
  body: unknown;
}

const config = new IdempotencyConfig({
  eventKeyJmesPath: 'key',
  payloadValidationJmesPath: 'body',
  expiresAfterSeconds: 24 * 60 * 60,
});

let submit: ((submission: Submission) => Promise<ReferralReceipt>) | undefined;

function idempotentSubmit() {
  // Created on first use, so the table name and endpoint can be set after import (local stack, tests).
  submit ??= makeIdempotent(
    async (submission: Submission): Promise<ReferralReceipt> =>
      toReceipt(
        await receiveReferral(
          defaultDb(),
          submission.body,
          { kind: 'partner', partnerId: submission.partnerId },
          now(),
          {
            idempotencyKey: submission.idempotencyKey,
          },
        ),
      ),
    {
      persistenceStore: new DynamoDBPersistenceLayer({
        tableName: requiredEnv('IDEMPOTENCY_TABLE_NAME'),
        awsSdkV3Client: dynamoRaw(),
      }),
      config,
      keyPrefix: 'create-referral',
    },
  );
  return submit;
}

export const handler = httpHandler(async (request) => {
  const partner = partnerOf(request);
  const key = idempotencyKeyOf(request);
  // Validated before the idempotency record is taken: an invalid body leaves nothing behind.
  parseOrThrow(partnerReferralSchema, request.body);
  config.registerLambdaContext(request.context);
  const receipt = await idempotentSubmit()({
    key: `${partner.partnerId}#${key}`,
    partnerId: partner.partnerId,
    idempotencyKey: key,
    body: request.body,
  });
  // The notice is added outside the stored answer, so a replayed one carries today's words too.
  return {
    status: 201,
    body: { ...receipt, immediateRisk: immediateRiskNotice() },
    headers: { location: receipt.links.self },
  };
});
