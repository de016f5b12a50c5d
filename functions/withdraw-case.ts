import { now } from '../shared/core/clock';
import { caseActionReasonSchema } from '../shared/http/case-action-bodies';
import { authorisedCaseAction } from '../shared/http/case-actions';
import { httpHandler } from '../shared/http/handler';
import { withdrawCase } from '../shared/domain/journey/interruptions';
import { parseOrThrow } from '../shared/core/schemas/errors';
import { defaultDb } from '../shared/adapters/data/db';

// POST /v1/cases/{id}/withdraw: the family told their worker they no longer want help (a partner
// withdraws its own referral through /v1/referrals/{id}/withdraw). Frees the worker's place.

export const handler = httpHandler(async (request) => {
  const { caseId, actor } = await authorisedCaseAction(request, 'withdraw');
  const { reason } = parseOrThrow(caseActionReasonSchema, request.body);
  return { status: 200, body: await withdrawCase(defaultDb(), caseId, actor, reason, now()) };
});
