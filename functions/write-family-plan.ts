import { now } from '../shared/core/clock';
import { type FamilyPlan, familyPlanBodySchema } from '../shared/core/schemas/family-plan';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { writePlan } from '../shared/domain/family-plan/plan-writes';
import { defaultDb } from '../shared/adapters/data/db';
import { caseRecordOf } from '../shared/http/case-record';
import { httpHandler } from '../shared/http/handler';
import { idempotentWrites } from '../shared/http/idempotent-write';

// PUT /v1/cases/{id}/plan: the whole plan as its next version (the earlier ones stay readable); 409
// when `revises` is not the latest version or the case is not being worked (open, with a key worker).
// With an Idempotency-Key a retry whose first answer was lost gets that answer instead of a 409.

const once = idempotentWrites<FamilyPlan>('write-family-plan');

export const handler = httpHandler(async (request) => {
  const { record, caller } = await caseRecordOf(request);
  const body = parseOrThrow(familyPlanBodySchema, request.body);
  const plan = await once(request, `${caller.userId}#${record.id}`, request.body, () =>
    writePlan(defaultDb(), record, caller, body, now()),
  );
  return { status: 201, body: plan };
});
