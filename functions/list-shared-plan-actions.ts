import { now } from '../shared/core/clock';
import { sharedPlanActions } from '../shared/domain/sharing/plan-actions';
import { defaultDb } from '../shared/adapters/data/db';
import { partnerOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';

// GET /v1/shared/plan-actions: the family plan actions the calling agency owns, on the cases whose
// family consented to share plan actions with it (and only while those cases are open).

export const handler = httpHandler(async (request) => {
  const { partnerId } = partnerOf(request);
  return { status: 200, body: { items: await sharedPlanActions(defaultDb(), partnerId, now()) } };
});
