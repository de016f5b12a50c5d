import { now } from '../shared/core/clock';
import { familyPlanBodySchema } from '../shared/core/schemas/family-plan';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { writePlan } from '../shared/domain/family-plan/plan-writes';
import { defaultDb } from '../shared/adapters/data/db';
import { caseRecordOf } from '../shared/http/case-record';
import { httpHandler } from '../shared/http/handler';

// PUT /v1/cases/{id}/plan: the whole plan as its next version (the earlier ones stay readable); 409
// when `revises` is not the latest version or the case is not being worked (open, with a key worker).

export const handler = httpHandler(async (request) => {
  const { record, caller } = await caseRecordOf(request);
  const body = parseOrThrow(familyPlanBodySchema, request.body);
  return { status: 201, body: await writePlan(defaultDb(), record, caller, body, now()) };
});
