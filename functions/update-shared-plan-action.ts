import { now } from '../shared/core/clock';
import { ulidSchema } from '../shared/core/schemas/common';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { planActionUpdateBodySchema } from '../shared/core/schemas/plan-action-update';
import { requireSharedCase, updateSharedPlanAction } from '../shared/domain/sharing/plan-actions';
import { defaultDb } from '../shared/adapters/data/db';
import { partnerOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';
import { idempotentWrites } from '../shared/http/idempotent-write';
import { notFound } from '../shared/http/problem';

// POST /v1/shared/plan-actions/{caseId}/{actionId}: the owning agency's update on a plan action (a
// status, a note or both); 404 for anything not shared with it right now. With an Idempotency-Key a
// retry answers the first answer and records the update once.

const once =
  idempotentWrites<Awaited<ReturnType<typeof updateSharedPlanAction>>>('update-shared-plan-action');

export const handler = httpHandler(async (request) => {
  const { partnerId } = partnerOf(request);
  const caseId = ulidSchema.safeParse(request.pathParameters.caseId);
  const actionId = ulidSchema.safeParse(request.pathParameters.actionId);
  if (!caseId.success || !actionId.success) throw notFound('No such action');
  const body = parseOrThrow(planActionUpdateBodySchema, request.body);
  const at = now();
  // Access first, so a repeat after the family withdrew consent is refused, not answered from the store.
  await requireSharedCase(defaultDb(), partnerId, caseId.data);
  const updated = await once(request, `${partnerId}#${caseId.data}#${actionId.data}`, request.body, () =>
    updateSharedPlanAction(defaultDb(), partnerId, caseId.data, actionId.data, body, at),
  );
  return { status: 200, body: updated };
});
