import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { dynamoRaw } from '../shared/adapters/aws/clients';
import { defaultDb } from '../shared/adapters/data/db';
import { now } from '../shared/core/clock';
import { requiredEnv } from '../shared/core/environment';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { staffReferralSchema } from '../shared/core/schemas/referral';
import { canEnterReferral } from '../shared/domain/access/rules';
import { receiveReferral } from '../shared/domain/journey/referral';
import { staffOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { idempotencyKeyOf } from '../shared/http/idempotency-key';
import { forbidden } from '../shared/http/problem';
import { immediateRiskNotice, type ReferralReceipt, toReceipt } from '../shared/http/referral-receipt';

// POST /v1/staff-referrals: a duty officer records a contact (phone, email, in person, letter), or
// children's social care steps a family down; the same schema rules and journey as a partner's
// referral, with source `staff` and who entered it. The Idempotency-Key works as on POST /v1/referrals,
// per staff member.

interface Submission {
  key: string;
  userId: string;
  role: string;
  area: string;
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
          { kind: 'staff', userId: submission.userId, role: submission.role, area: submission.area },
          now(),
          { idempotencyKey: submission.idempotencyKey },
        ),
      ),
    {
      persistenceStore: new DynamoDBPersistenceLayer({
        tableName: requiredEnv('IDEMPOTENCY_TABLE_NAME'),
        awsSdkV3Client: dynamoRaw(),
      }),
      config,
      keyPrefix: 'create-staff-referral',
    },
  );
  return submit;
}

export const handler = httpHandler(async (request) => {
  const staff = staffOf(request);
  const key = idempotencyKeyOf(request);
  const referral = parseOrThrow(staffReferralSchema, request.body);
  if (!canEnterReferral(staff, referral)) {
    throw forbidden(
      referral.route === 'step-down'
        ? "Only children's social care (First Response) records a step-down"
        : 'Only the duty team, its duty manager and the locality hub coordinator record referrals',
    );
  }
  config.registerLambdaContext(request.context);
  const receipt = await idempotentSubmit()({
    key: `${staff.userId}#${key}`,
    userId: staff.userId,
    role: staff.role,
    area: staff.area,
    idempotencyKey: key,
    body: request.body,
  });
  return { status: 201, body: { ...toStaffReceipt(receipt), immediateRisk: immediateRiskNotice() } };
});

/** Staff follow the case on its page, not on the partner's referral links. */
function toStaffReceipt(receipt: ReferralReceipt) {
  return {
    id: receipt.id,
    reference: receipt.reference,
    status: receipt.status,
    links: { case: `/v1/cases/${receipt.id}` },
  };
}
