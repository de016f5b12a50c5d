import { now } from '../shared/core/clock';
import { planActionStatusBodySchema } from '../shared/core/schemas/family-plan';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { setActionStatus } from '../shared/domain/family-plan/plan-writes';
import { defaultDb } from '../shared/adapters/data/db';
import { caseRecordOf } from '../shared/http/case-record';
import { actionIdOf } from '../shared/http/family-plan';
import { httpHandler } from '../shared/http/handler';

// POST /v1/cases/{id}/plan/actions/{actionId}: an action's new status, as the plan's next version
// (201); the status it already has writes nothing (200, the latest version).

export const handler = httpHandler(async (request) => {
  const { record, caller } = await caseRecordOf(request);
  const actionId = actionIdOf(request.pathParameters);
  const body = parseOrThrow(planActionStatusBodySchema, request.body);
  const { plan, changed } = await setActionStatus(defaultDb(), record, caller, actionId, body, now());
  return { status: changed ? 201 : 200, body: plan };
});
