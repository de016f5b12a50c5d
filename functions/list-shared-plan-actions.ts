import { now } from '../shared/core/clock';
import { notePartnerViewed } from '../shared/domain/case-record/views';
import { sharedPlanActions } from '../shared/domain/sharing/plan-actions';
import { defaultDb } from '../shared/adapters/data/db';
import { partnerOf } from '../shared/http/callers';
import { httpHandler } from '../shared/http/handler';

// GET /v1/shared/plan-actions: the family plan actions the calling agency owns, on the cases whose
// family consented to share plan actions with it (and only while those cases are open). The read is
// recorded as a view of each case it returned, once a day per case and API client (never failing it).

export const handler = httpHandler(async (request) => {
  const { partnerId, clientId } = partnerOf(request);
  const at = now();
  const items = await sharedPlanActions(defaultDb(), partnerId, at);
  await notePartnerViewed(
    defaultDb(),
    items.map((item) => item.caseId),
    { partnerId, clientId },
    at,
  );
  return { status: 200, body: { items } };
});
