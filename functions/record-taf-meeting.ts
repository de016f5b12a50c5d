import { now } from '../shared/core/clock';
import { type TafMeeting, tafMeetingBodySchema } from '../shared/core/schemas/taf-meeting';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { recordTafMeeting } from '../shared/domain/family-plan/taf-meetings';
import { defaultDb } from '../shared/adapters/data/db';
import { caseRecordOf } from '../shared/http/case-record';
import { httpHandler } from '../shared/http/handler';
import { idempotentWrites } from '../shared/http/idempotent-write';

// POST /v1/cases/{id}/taf-meetings: a Team Around the Family meeting; its actions go straight into the
// family plan (the plan's next version, in the same transaction: 409 if the plan changed meanwhile).
// With an Idempotency-Key a retry answers the first answer and records nothing twice.

const once = idempotentWrites<TafMeeting>('record-taf-meeting');

export const handler = httpHandler(async (request) => {
  const { record, caller } = await caseRecordOf(request);
  const body = parseOrThrow(tafMeetingBodySchema, request.body);
  const meeting = await once(request, `${caller.userId}#${record.id}`, request.body, () =>
    recordTafMeeting(defaultDb(), record, { ...caller }, body, now()),
  );
  return { status: 201, body: meeting };
});
